namespace Attendance.Core.Mail.Message
{
    /// <summary>
    /// The address checks the terminal can make without a full RFC 5321 parser: one '@', a non-empty local part
    /// and domain, printable ASCII without spaces or angle brackets. Anything else would corrupt the MAIL FROM /
    /// RCPT TO line or the header, so it is refused before a connection is made.
    /// </summary>
    public static class MailAddressRules
    {
        /// <summary>RFC 5321 section 4.5.3.1.3: a path is at most 256 octets, so an address at most 254.</summary>
        public const int MaximumLength = 254;

        public static bool IsValid(string address)
        {
            if (address == null || address.Length < 3 || address.Length > MaximumLength)
            {
                return false;
            }

            int at = address.IndexOf('@');
            if (at <= 0 || at == address.Length - 1 || address.IndexOf('@', at + 1) >= 0)
            {
                return false;
            }

            for (int i = 0; i < address.Length; i++)
            {
                char c = address[i];
                if (c <= ' ' || c > '~' || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == ';'
                    || c == ':' || c == '\\' || c == '"' || c == '[' || c == ']')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The part after '@', used as the Message-ID's right-hand side.</summary>
        public static string Domain(string address)
        {
            return address.Substring(address.IndexOf('@') + 1);
        }
    }
}
