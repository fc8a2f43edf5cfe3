using System.Text;

namespace Attendance.Core.Mail.Message
{
    /// <summary>
    /// Names derived from a roll's identity, so every retry of the same roll (even after a reboot) carries the
    /// same Message-ID (RFC 5322 section 3.6.4) and lets receivers discard duplicates.
    /// </summary>
    public static class MessageIdentity
    {
        private const string HexDigits = "0123456789ABCDEF";

        /// <summary>"&lt;roll.ROLLID@sender-domain&gt;", with the roll id reduced to dot-atom characters.</summary>
        public static string MessageId(string rollId, string senderAddress)
        {
            return "<roll." + SafeToken(rollId) + "@" + MailAddressRules.Domain(senderAddress) + ">";
        }

        /// <summary>
        /// Keeps letters, digits, '-' and '_' and writes every other character's UTF-8 bytes as "_XX", so
        /// distinct roll ids stay distinct and the result is safe in a Message-ID and in a store record name.
        /// </summary>
        public static string SafeToken(string text)
        {
            StringBuilder safe = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')
                {
                    safe.Append(c);
                }
                else
                {
                    byte[] bytes = Encoding.UTF8.GetBytes(text.Substring(i, 1));
                    for (int b = 0; b < bytes.Length; b++)
                    {
                        safe.Append('_');
                        safe.Append(HexDigits[bytes[b] >> 4]);
                        safe.Append(HexDigits[bytes[b] & 15]);
                    }
                }
            }

            return safe.ToString();
        }
    }
}
