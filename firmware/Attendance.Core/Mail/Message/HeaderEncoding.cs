using System;
using System.Collections;
using System.Text;

namespace Attendance.Core.Mail.Message
{
    /// <summary>
    /// Turns header text into folding-ready ASCII tokens: plain words when the text is ASCII, otherwise RFC 2047
    /// encoded-words ("=?utf-8?B?...?=", section 4.1). Each encoded-word carries at most
    /// <see cref="MaximumBytesPerWord"/> bytes of UTF-8, cut only between characters (section 5 forbids splitting
    /// a character), so it is at most 64 characters long: under the 75 allowed (section 2) and short enough that
    /// "Subject: " plus one word stays within 76 columns.
    /// </summary>
    public static class HeaderEncoding
    {
        /// <summary>UTF-8 bytes per encoded-word: 39 bytes make 52 base64 characters plus 12 of framing.</summary>
        public const int MaximumBytesPerWord = 39;

        private const string Prefix = "=?utf-8?B?";
        private const string Suffix = "?=";

        public static bool IsAscii(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] > 126 || (text[i] < 32 && text[i] != '\t'))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Tokens for an unstructured field (Subject): space-separated words when printable ASCII, otherwise
        /// encoded-words for the whole text (white space between adjacent encoded-words is dropped by decoders,
        /// RFC 2047 section 6.2, so the text round-trips exactly).
        /// </summary>
        public static string[] UnstructuredTokens(string text)
        {
            if (IsAscii(text))
            {
                return text.Split(' ');
            }

            return EncodedWords(text);
        }

        /// <summary>
        /// Tokens for a display name before an address (RFC 5322 section 3.4 phrase): a quoted-string when ASCII,
        /// otherwise encoded-words, which RFC 2047 section 5 (3) allows in a phrase.
        /// </summary>
        public static string[] PhraseTokens(string name)
        {
            if (IsAscii(name))
            {
                StringBuilder quoted = new StringBuilder(name.Length + 2);
                quoted.Append('"');
                for (int i = 0; i < name.Length; i++)
                {
                    char c = name[i];
                    if (c == '"' || c == '\\')
                    {
                        quoted.Append('\\');
                    }

                    quoted.Append(c);
                }

                quoted.Append('"');
                return new string[] { quoted.ToString() };
            }

            return EncodedWords(name);
        }

        /// <summary>Splits <paramref name="text"/> into B-encoded words, never cutting a character in two.</summary>
        public static string[] EncodedWords(string text)
        {
            ArrayList words = new ArrayList();
            int start = 0;
            while (start < text.Length)
            {
                int end = start;
                int bytes = 0;
                while (end < text.Length)
                {
                    int charCount = IsHighSurrogate(text[end]) && end + 1 < text.Length ? 2 : 1;
                    int size = Utf8Size(text, end, charCount);
                    if (bytes + size > MaximumBytesPerWord)
                    {
                        break;
                    }

                    bytes += size;
                    end += charCount;
                }

                byte[] utf8 = Encoding.UTF8.GetBytes(text.Substring(start, end - start));
                words.Add(Prefix + Convert.ToBase64String(utf8) + Suffix);
                start = end;
            }

            string[] result = new string[words.Count];
            words.CopyTo(result);
            return result;
        }

        private static bool IsHighSurrogate(char c)
        {
            return c >= (char)0xD800 && c <= (char)0xDBFF;
        }

        private static int Utf8Size(string text, int index, int charCount)
        {
            if (charCount == 2)
            {
                return 4;
            }

            char c = text[index];
            if (c < (char)0x80)
            {
                return 1;
            }

            if (c < (char)0x800)
            {
                return 2;
            }

            return 3;
        }
    }
}
