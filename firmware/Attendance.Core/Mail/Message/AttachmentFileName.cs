using System.Text;

namespace Attendance.Core.Mail.Message
{
    /// <summary>
    /// The CSV attachment's file name, twice: as an RFC 2231 section 4 extended value (filename*=utf-8''...,
    /// percent-encoded UTF-8, keeps the accents) and as a plain ASCII filename= for readers that lack RFC 2231
    /// (RFC 6266 section 4.3 recommends sending both, the plain one first).
    /// </summary>
    public static class AttachmentFileName
    {
        /// <summary>Characters of the class name kept in the file name, so the header line stays short.</summary>
        public const int MaximumNameLength = 40;

        private const string HexDigits = "0123456789ABCDEF";

        /// <summary>"presença-Cálculo I-2024-02-05.csv" (the word, the class, the local date).</summary>
        public static string For(string word, string className, string isoDate)
        {
            string name = className == null || className.Length == 0 ? "roll" : className;
            if (name.Length > MaximumNameLength)
            {
                name = name.Substring(0, MaximumNameLength);
            }

            return word + "-" + name + "-" + isoDate + ".csv";
        }

        /// <summary>Percent-encodes every byte outside RFC 2231's attribute-char (RFC 2045 token minus "*'%").</summary>
        public static string ExtendedValue(string fileName)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(fileName);
            StringBuilder value = new StringBuilder("utf-8''", utf8.Length * 3 + 7);
            for (int i = 0; i < utf8.Length; i++)
            {
                byte b = utf8[i];
                if (IsAttributeChar(b))
                {
                    value.Append((char)b);
                }
                else
                {
                    value.Append('%');
                    value.Append(HexDigits[b >> 4]);
                    value.Append(HexDigits[b & 15]);
                }
            }

            return value.ToString();
        }

        /// <summary>
        /// The extended value cut into RFC 2231 section 3 continuations ("filename*0*=", "filename*1*="...), each
        /// at most <paramref name="maximumLength"/> characters of value and never cutting a "%XX" triplet, so the
        /// header folds into lines of at most 76 characters whatever the class name.
        /// </summary>
        public static string[] ContinuationParameters(string parameterName, string fileName, int maximumLength)
        {
            string value = ExtendedValue(fileName);
            System.Collections.ArrayList parts = new System.Collections.ArrayList();
            int start = 0;
            while (start < value.Length)
            {
                int end = start + maximumLength;
                if (end >= value.Length)
                {
                    end = value.Length;
                }
                else if (value[end - 1] == '%')
                {
                    end -= 1;
                }
                else if (value[end - 2] == '%')
                {
                    end -= 2;
                }

                parts.Add(value.Substring(start, end - start));
                start = end;
            }

            string[] parameters = new string[parts.Count];
            for (int i = 0; i < parameters.Length; i++)
            {
                parameters[i] = parameterName + "*" + i.ToString() + "*=" + (string)parts[i]
                    + (i < parameters.Length - 1 ? ";" : string.Empty);
            }

            return parameters;
        }

        /// <summary>The ASCII fallback inside a quoted-string: non-ASCII and quoting characters become '_'.</summary>
        public static string AsciiFallback(string fileName)
        {
            StringBuilder value = new StringBuilder(fileName.Length);
            for (int i = 0; i < fileName.Length; i++)
            {
                char c = fileName[i];
                value.Append(c < ' ' || c > '~' || c == '"' || c == '\\' ? '_' : c);
            }

            return value.ToString();
        }

        private static bool IsAttributeChar(byte b)
        {
            if (b <= 32 || b >= 127)
            {
                return false;
            }

            // RFC 2045 tspecials plus RFC 2231's '*', '\'' and '%'.
            return "()<>@,;:\\\"/[]?=*'%".IndexOf((char)b) < 0;
        }
    }
}
