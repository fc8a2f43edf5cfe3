using System.Text;

namespace Attendance.Core.Lookup
{
    /// <summary>
    /// Joins and splits the fields of one protocol line (docs/protocol.md, "Lines and fields"). Inside a value,
    /// '\' is written "\\", '|' "\p", CR "\r" and LF "\n", so a raw '|' always separates fields and a raw LF
    /// always ends a line. Used by both the board client and the server: one codec, one behaviour.
    /// </summary>
    public static class LookupFieldCodec
    {
        /// <summary>Appends <paramref name="value"/> escaped to <paramref name="line"/>.</summary>
        public static void AppendEscaped(StringBuilder line, string value)
        {
            if (value == null)
            {
                return;
            }

            for (int i = 0; i < value.Length; i++)
            {
                char character = value[i];
                if (character == '\\')
                {
                    line.Append("\\\\");
                }
                else if (character == '|')
                {
                    line.Append("\\p");
                }
                else if (character == '\r')
                {
                    line.Append("\\r");
                }
                else if (character == '\n')
                {
                    line.Append("\\n");
                }
                else
                {
                    line.Append(character);
                }
            }
        }

        public static string Escape(string value)
        {
            StringBuilder line = new StringBuilder();
            AppendEscaped(line, value);
            return line.ToString();
        }

        /// <summary>Joins fields into one line, without the line end.</summary>
        public static string Join(string[] fields)
        {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < fields.Length; i++)
            {
                if (i > 0)
                {
                    line.Append('|');
                }

                AppendEscaped(line, fields[i]);
            }

            return line.ToString();
        }

        /// <summary>
        /// Splits a line (without its line end) into unescaped fields. Returns null when the line is malformed:
        /// an unknown or dangling escape, or a control character or U+FFFD (what a decoder makes of invalid
        /// UTF-8) anywhere, which is how binary garbage shows up.
        /// </summary>
        public static string[] Split(string line)
        {
            if (line == null)
            {
                return null;
            }

            // The characters once: on the board a string is UTF-8 and line[i] and line.Length count it from the start
            // on every call, which made these loops quadratic in the line (up to 512 bytes for each answer of a close).
            char[] characters = line.ToCharArray();
            int fieldCount = 1;
            for (int i = 0; i < characters.Length; i++)
            {
                if (characters[i] == '|')
                {
                    fieldCount++;
                }
            }

            string[] fields = new string[fieldCount];
            StringBuilder field = new StringBuilder();
            int fieldIndex = 0;
            for (int i = 0; i < characters.Length; i++)
            {
                char character = characters[i];
                if (character == '|')
                {
                    fields[fieldIndex++] = field.ToString();
                    field.Clear();
                }
                else if (character == '\\')
                {
                    if (i + 1 >= characters.Length)
                    {
                        return null;
                    }

                    char escaped = characters[++i];
                    if (escaped == '\\')
                    {
                        field.Append('\\');
                    }
                    else if (escaped == 'p')
                    {
                        field.Append('|');
                    }
                    else if (escaped == 'r')
                    {
                        field.Append('\r');
                    }
                    else if (escaped == 'n')
                    {
                        field.Append('\n');
                    }
                    else
                    {
                        return null;
                    }
                }
                else if (character < ' ' || character == (char)0x7f || character == (char)0xfffd)
                {
                    return null;
                }
                else
                {
                    field.Append(character);
                }
            }

            fields[fieldIndex] = field.ToString();
            return fields;
        }
    }
}
