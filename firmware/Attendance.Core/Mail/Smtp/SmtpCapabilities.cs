namespace Attendance.Core.Mail.Smtp
{
    /// <summary>
    /// The extensions a server announced in its EHLO reply (RFC 5321 section 4.1.1.1: one keyword per line after
    /// the first). HELO servers announce nothing.
    /// </summary>
    public class SmtpCapabilities
    {
        public bool StartTls;
        public bool AuthPlain;
        public bool AuthLogin;
        public bool EightBitMime;
        public bool Pipelining;

        /// <summary>True when any AUTH line was announced, even with mechanisms we do not speak.</summary>
        public bool Auth;

        /// <summary>SIZE limit in bytes (RFC 1870); 0 when none was announced or the server set no limit.</summary>
        public long MaximumSize;

        public static SmtpCapabilities Parse(SmtpReply ehloReply)
        {
            SmtpCapabilities capabilities = new SmtpCapabilities();
            for (int i = 1; i < ehloReply.Lines.Length; i++)
            {
                string[] words = ehloReply.Lines[i].Trim().ToUpper().Split(' ', '=');
                string keyword = words[0];
                if (keyword == "STARTTLS")
                {
                    capabilities.StartTls = true;
                }
                else if (keyword == "AUTH")
                {
                    // "AUTH=PLAIN LOGIN" is the pre-standard form some servers still send alongside "AUTH ...".
                    capabilities.Auth = true;
                    for (int w = 1; w < words.Length; w++)
                    {
                        if (words[w] == "PLAIN")
                        {
                            capabilities.AuthPlain = true;
                        }
                        else if (words[w] == "LOGIN")
                        {
                            capabilities.AuthLogin = true;
                        }
                    }
                }
                else if (keyword == "8BITMIME")
                {
                    capabilities.EightBitMime = true;
                }
                else if (keyword == "PIPELINING")
                {
                    capabilities.Pipelining = true;
                }
                else if (keyword == "SIZE" && words.Length > 1)
                {
                    capabilities.MaximumSize = ParseNumber(words[1]);
                }
            }

            return capabilities;
        }

        private static long ParseNumber(string text)
        {
            long value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] < '0' || text[i] > '9' || value > 100000000000L)
                {
                    return 0;
                }

                value = (value * 10) + (text[i] - '0');
            }

            return value;
        }
    }
}
