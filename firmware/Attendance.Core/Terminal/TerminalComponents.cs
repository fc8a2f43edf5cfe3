using System.Text;
using Attendance.Core.Cards;
using Attendance.Core.Configuration;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Message;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Mail.Smtp;
using Attendance.Core.Roll;

namespace Attendance.Core.Terminal
{
    /// <summary>
    /// Turns the one settings file into the options of each component, so every component keeps options of
    /// its own (and its own tests) while the board and the PC read a single <c>terminal.config</c>.
    /// </summary>
    public static class TerminalComponents
    {
        public static CardReaderOptions CardReader(TerminalSettings settings)
        {
            CardReaderOptions options = new CardReaderOptions();
            options.MinimumLength = settings.CardCodeMinimumLength;
            options.MaximumLength = settings.CardCodeMaximumLength;
            options.Suffix = settings.CardCodeSuffix;
            return options;
        }

        public static RollOptions Roll(TerminalSettings settings)
        {
            RollOptions options = new RollOptions();
            options.TerminalId = settings.TerminalId;
            options.Capacity = settings.RollCapacity;
            options.MaximumCodeLength = settings.CardCodeMaximumLength;
            options.MaximumOpenMinutes = settings.RollAutoCloseMinutes;
            return options;
        }

        public static LookupClientSettings Lookup(TerminalSettings settings)
        {
            LookupClientSettings options = new LookupClientSettings();
            options.Port = settings.LookupPort;
            options.Servers = LookupServers(settings);
            options.Host = options.Servers.HostAt(0);
            options.Security = settings.LookupSecurity;
            options.TerminalId = settings.TerminalId;
            options.TerminalKey = Encoding.UTF8.GetBytes(settings.TerminalKey);
            options.ConnectTimeoutMilliseconds = settings.LookupTimeoutMilliseconds;
            options.RequestTimeoutMilliseconds = settings.LookupTimeoutMilliseconds;
            options.UtcOffsetMinutes = settings.UtcOffsetMinutes;
            options.LateGraceMinutes = settings.LateGraceMinutes;
            return options;
        }

        /// <summary>
        /// The servers of <c>lookup.host</c> with their ports (an entry without one gets <c>lookup.port</c>). Settings
        /// built in code with <see cref="TerminalSettings.LookupHost"/> alone (tests, benches) give one server.
        /// </summary>
        public static LookupServerList LookupServers(TerminalSettings settings)
        {
            int count = settings.LookupHosts.Length;
            if (count == 0)
            {
                return LookupServerList.Single(settings.LookupHost, settings.LookupPort);
            }

            string[] hosts = new string[count];
            int[] ports = new int[count];
            for (int index = 0; index < count; index++)
            {
                hosts[index] = settings.LookupHosts[index];
                ports[index] = settings.LookupHostPorts[index] > 0 ? settings.LookupHostPorts[index] : settings.LookupPort;
            }

            return new LookupServerList(hosts, ports);
        }

        public static SmtpOptions Smtp(TerminalSettings settings)
        {
            SmtpOptions options = new SmtpOptions();
            options.Host = settings.SmtpHost;
            options.Port = settings.SmtpPort;
            options.Security = settings.SmtpSecurity;
            options.ClientDomain = ClientDomain(settings);
            if (settings.SmtpUser.Length > 0)
            {
                options.UserName = settings.SmtpUser;
                options.Password = settings.SmtpPassword;
            }

            options.AllowAuthenticationWithoutTls = settings.SmtpAllowAuthenticationWithoutTls;
            options.ProtocolLogEnabled = settings.SmtpProtocolLog;
            int limit = settings.SmtpTimeoutMilliseconds;
            if (limit > 0)
            {
                options.ConnectTimeoutMilliseconds = Cap(options.ConnectTimeoutMilliseconds, limit);
                options.GreetingTimeoutMilliseconds = Cap(options.GreetingTimeoutMilliseconds, limit);
                options.CommandTimeoutMilliseconds = Cap(options.CommandTimeoutMilliseconds, limit);
                options.MailFromTimeoutMilliseconds = Cap(options.MailFromTimeoutMilliseconds, limit);
                options.RcptToTimeoutMilliseconds = Cap(options.RcptToTimeoutMilliseconds, limit);
                options.DataInitiationTimeoutMilliseconds = Cap(options.DataInitiationTimeoutMilliseconds, limit);
                options.DataBlockTimeoutMilliseconds = Cap(options.DataBlockTimeoutMilliseconds, limit);
                options.DataTerminationTimeoutMilliseconds = Cap(options.DataTerminationTimeoutMilliseconds, limit);
            }

            return options;
        }

        public static OutboxOptions Outbox(TerminalSettings settings)
        {
            MessageSettings message = new MessageSettings();
            message.SenderAddress = settings.MailFrom;
            message.SenderName = "Terminal " + settings.TerminalId;
            message.CcAddresses = settings.MailCc;
            message.Language = settings.Language;

            OutboxOptions options = new OutboxOptions();
            options.Message = message;
            options.FirstRetrySeconds = settings.MailRetryFirstSeconds;
            options.MaximumRetrySeconds = settings.MailRetryMaximumSeconds;
            options.SettingsFingerprint = DeliverySettingsFingerprint.Compute(settings);
            return options;
        }

        /// <summary>
        /// The name given in EHLO (RFC 5321 section 4.1.1.1): the terminal id made a valid domain label, under
        /// ".local" because a terminal has no DNS name of its own.
        /// </summary>
        public static string ClientDomain(TerminalSettings settings)
        {
            StringBuilder label = new StringBuilder();
            string id = settings.TerminalId.ToLower();
            for (int i = 0; i < id.Length && label.Length < 63; i++)
            {
                char c = id[i];
                bool letterOrDigit = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
                label.Append(letterOrDigit ? c : '-');
            }

            return (label.Length == 0 ? "terminal" : label.ToString()) + ".local";
        }

        private static int Cap(int value, int limit)
        {
            return value < limit ? value : limit;
        }
    }
}
