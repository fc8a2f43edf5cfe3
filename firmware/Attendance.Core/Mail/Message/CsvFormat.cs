using System.Text;

namespace Attendance.Core.Mail.Message
{
    /// <summary>
    /// One CSV field per RFC 4180 section 2 (rules 5-7), with ';' as separator because spreadsheets in
    /// Portuguese locales read ';' (',' is their decimal mark). A field holding the separator, a quote, CR or LF
    /// is quoted and its quotes doubled; others are written as they are.
    /// </summary>
    public static class CsvFormat
    {
        public const char Separator = ';';

        public static string Field(string value)
        {
            if (value == null)
            {
                return string.Empty;
            }

            bool needsQuotes = false;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == Separator || c == '"' || c == '\r' || c == '\n')
                {
                    needsQuotes = true;
                    break;
                }
            }

            if (!needsQuotes)
            {
                return value;
            }

            StringBuilder quoted = new StringBuilder(value.Length + 4);
            quoted.Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                if (value[i] == '"')
                {
                    quoted.Append('"');
                }

                quoted.Append(value[i]);
            }

            quoted.Append('"');
            return quoted.ToString();
        }

        /// <summary>A record: fields joined by the separator, without the line break.</summary>
        public static string Record(string[] fields)
        {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < fields.Length; i++)
            {
                if (i > 0)
                {
                    line.Append(Separator);
                }

                line.Append(Field(fields[i]));
            }

            return line.ToString();
        }
    }
}
