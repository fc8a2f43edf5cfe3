namespace Attendance.Core.Mail.Smtp
{
    /// <summary>One whole server reply (RFC 5321 section 4.2): a three-digit code and one or more text lines.</summary>
    public class SmtpReply
    {
        public SmtpReply(int code, string[] lines)
        {
            Code = code;
            Lines = lines;
        }

        public int Code { get; private set; }

        /// <summary>The text of each line, without the code and separator.</summary>
        public string[] Lines { get; private set; }

        /// <summary>First digit: 2 completion, 3 intermediate, 4 transient failure, 5 permanent failure (section 4.2.1).</summary>
        public int Class
        {
            get { return Code / 100; }
        }

        /// <summary>All lines joined by a space, for errors and logs.</summary>
        public string Text
        {
            get
            {
                string text = string.Empty;
                for (int i = 0; i < Lines.Length; i++)
                {
                    text = i == 0 ? Lines[i] : text + " " + Lines[i];
                }

                return text;
            }
        }

        public override string ToString()
        {
            return Code.ToString() + " " + Text;
        }
    }
}
