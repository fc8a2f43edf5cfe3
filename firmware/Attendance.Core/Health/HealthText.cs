using System.Text;

namespace Attendance.Core.Health
{
    /// <summary>
    /// Makes free text safe for the health report: printable ASCII only (anything else becomes '?', control
    /// characters a space), cut to a length, and no e-mail addresses. Why ASCII: the report's lines must stay
    /// under the protocol's 512 bytes whatever a log line holds, and ASCII makes characters and bytes the same.
    /// Why addresses go: the report carries no personal data, and SMTP errors quote recipients
    /// ("Recipient prof@school refused"); every word holding '@' becomes "[address]".
    /// </summary>
    public static class HealthText
    {
        public const string AddressMark = "[address]";

        /// <summary>The cleaned text, at most <paramref name="maximum"/> characters (the last three "..." when cut); "" for null.</summary>
        public static string Clean(string text, int maximum)
        {
            if (text == null || text.Length == 0 || maximum <= 0)
            {
                return string.Empty;
            }

            // One pass over the string's characters: on the board s[i] is linear in i, so read it as a char array.
            char[] source = text.ToCharArray();
            StringBuilder result = new StringBuilder();
            int wordStart = 0;
            bool wordHasAt = false;
            for (int i = 0; i <= source.Length; i++)
            {
                char c = i < source.Length ? source[i] : ' ';
                bool separator = c == ' ' || c < ' ' || c == (char)0x7f;
                if (!separator)
                {
                    if (c == '@')
                    {
                        wordHasAt = true;
                    }

                    continue;
                }

                AppendWord(result, source, wordStart, i, wordHasAt);
                if (i < source.Length)
                {
                    result.Append(' ');
                }

                wordStart = i + 1;
                wordHasAt = false;
                if (result.Length > maximum)
                {
                    break;
                }
            }

            if (result.Length <= maximum)
            {
                return result.ToString();
            }

            if (maximum <= 3)
            {
                return result.ToString(0, maximum);
            }

            return result.ToString(0, maximum - 3) + "...";
        }

        private static void AppendWord(StringBuilder result, char[] source, int start, int end, bool hasAt)
        {
            if (hasAt)
            {
                result.Append(AddressMark);
                return;
            }

            for (int i = start; i < end; i++)
            {
                char c = source[i];
                result.Append(c > ' ' && c < (char)0x7f ? c : '?');
            }
        }
    }
}
