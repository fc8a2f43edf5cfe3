using Attendance.Core.Hardware;

namespace Attendance.Core.Mail.Smtp
{
    /// <summary>
    /// The optional command/reply trace. Lines that carry credentials are redacted before they are built into
    /// a log line, so a password or its base64 never reaches <see cref="IEventLog"/>.
    /// </summary>
    public class SmtpProtocolLog
    {
        public const string Source = "smtp";
        public const string Redacted = "<redacted>";

        private readonly IEventLog _log;
        private readonly bool _enabled;

        public SmtpProtocolLog(IEventLog log, bool enabled)
        {
            _log = log;
            _enabled = enabled && log != null;
        }

        public void Client(string command, bool secret)
        {
            if (_enabled)
            {
                _log.Write(LogLevel.Debug, Source, "C: " + Redact(command, secret));
            }
        }

        public void Server(SmtpReply reply)
        {
            if (!_enabled)
            {
                return;
            }

            for (int i = 0; i < reply.Lines.Length; i++)
            {
                string separator = i == reply.Lines.Length - 1 ? " " : "-";
                _log.Write(LogLevel.Debug, Source, "S: " + reply.Code.ToString() + separator + reply.Lines[i]);
            }
        }

        /// <summary>"AUTH PLAIN xyz" keeps its mechanism; any other secret line (AUTH LOGIN answers) is hidden whole.</summary>
        public static string Redact(string command, bool secret)
        {
            if (!secret)
            {
                return command;
            }

            if (command.StartsWith("AUTH "))
            {
                int space = command.IndexOf(' ', 5);
                return space < 0 ? command : command.Substring(0, space) + " " + Redacted;
            }

            return Redacted;
        }
    }
}
