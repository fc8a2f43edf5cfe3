using Attendance.Core.Lookup;
using Attendance.Core.Mail.Message;
using Attendance.Core.Mail.Smtp;

namespace Attendance.Core.Mail.Outbox
{
    /// <summary>The attendance e-mail of a report, rendered afresh (and identically) for each attempt straight into DATA.</summary>
    public class ReportMessageContent : IMessageContent
    {
        private readonly RollReport _report;
        private readonly MessageSettings _settings;

        public ReportMessageContent(RollReport report, MessageSettings settings)
        {
            _report = report;
            _settings = settings;
        }

        public void WriteTo(IMessageSink sink)
        {
            AttendanceMessageWriter.Write(_report, _settings, sink);
        }
    }
}
