using System.Text;
using Attendance.Core.Configuration;
using Attendance.Core.Security;

namespace Attendance.Core.Mail.Outbox
{
    /// <summary>
    /// A short fingerprint of the settings a roll's delivery depends on: the lookup server and the terminal's key,
    /// the SMTP server, account and security, the sender, copies and language, the UTC offset and the CA file.
    /// A roll that failed permanently under one fingerprint is retried once when the terminal starts under
    /// another (<see cref="OutboxOptions.SettingsFingerprint"/>): the change may be the fix.
    /// <para>
    /// The fingerprint is the first 16 hex digits of SHA-256 over the settings, each written as name, length and
    /// value, so no two different settings run together into the same text. Passwords and the terminal key go
    /// in only as their own SHA-256, never in clear; the fingerprint is stored in the outbox's state records on the
    /// same flash that already holds terminal.config. 64 bits are plenty to tell one configuration from the next.
    /// </para>
    /// </summary>
    public static class DeliverySettingsFingerprint
    {
        public static string Compute(TerminalSettings settings)
        {
            StringBuilder text = new StringBuilder(256);
            Add(text, "terminal.id", settings.TerminalId);
            Add(text, "terminal.key", Secret(settings.TerminalKey));
            Add(text, "lookup.host", settings.LookupHost);
            Add(text, "lookup.port", settings.LookupPort.ToString());
            Add(text, "lookup.security", ((int)settings.LookupSecurity).ToString());
            Add(text, "lookup.timeout", settings.LookupTimeoutMilliseconds.ToString());
            Add(text, "smtp.host", settings.SmtpHost);
            Add(text, "smtp.port", settings.SmtpPort.ToString());
            Add(text, "smtp.security", ((int)settings.SmtpSecurity).ToString());
            Add(text, "smtp.user", settings.SmtpUser);
            Add(text, "smtp.password", Secret(settings.SmtpPassword));
            Add(text, "smtp.auth-without-tls", settings.SmtpAllowAuthenticationWithoutTls ? "1" : "0");
            Add(text, "smtp.timeout", settings.SmtpTimeoutMilliseconds.ToString());
            Add(text, "mail.from", settings.MailFrom);
            string[] cc = settings.MailCc == null ? new string[0] : settings.MailCc;
            for (int i = 0; i < cc.Length; i++)
            {
                Add(text, "mail.cc", cc[i]);
            }

            Add(text, "mail.language", ((int)settings.Language).ToString());
            Add(text, "utc-offset", settings.UtcOffsetMinutes.ToString());
            Add(text, "tls.ca-file", settings.TlsCaCertificateFile);
            return Sha256Hex(text.ToString()).Substring(0, 16);
        }

        private static string Secret(string value)
        {
            return value == null || value.Length == 0 ? string.Empty : Sha256Hex(value);
        }

        private static string Sha256Hex(string text)
        {
            return HexText.FromBytes(Sha256.Hash(Encoding.UTF8.GetBytes(text)));
        }

        private static void Add(StringBuilder text, string name, string value)
        {
            string safe = value == null ? string.Empty : value;
            text.Append(name);
            text.Append(':');
            text.Append(safe.Length.ToString());
            text.Append(':');
            text.Append(safe);
            text.Append('\n');
        }
    }
}
