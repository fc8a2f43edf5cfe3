using System.Collections;
using Attendance.Core.Hardware;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>Keeps every log line as "source: message".</summary>
    public class MailRecordingLog : IEventLog
    {
        private readonly ArrayList _lines = new ArrayList();

        public void Write(LogLevel level, string source, string message)
        {
            _lines.Add(source + ": " + message);
        }

        public int Count
        {
            get { return _lines.Count; }
        }

        public string All()
        {
            string all = string.Empty;
            for (int i = 0; i < _lines.Count; i++)
            {
                all += (string)_lines[i] + "\n";
            }

            return all;
        }
    }
}
