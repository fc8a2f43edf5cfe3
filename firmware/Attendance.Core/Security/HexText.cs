namespace Attendance.Core.Security
{
    /// <summary>Lower-case hexadecimal text for keys, nonces and MACs, and a comparison that leaks no timing.</summary>
    public static class HexText
    {
        private const string Digits = "0123456789abcdef";

        public static string FromBytes(byte[] bytes)
        {
            char[] text = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                text[i * 2] = Digits[bytes[i] >> 4];
                text[i * 2 + 1] = Digits[bytes[i] & 0x0f];
            }

            return new string(text);
        }

        /// <summary>Parses hex digits (either case); returns null when the text is not an even run of hex digits.</summary>
        public static byte[] ToBytes(string text)
        {
            if (text == null || text.Length % 2 != 0)
            {
                return null;
            }

            byte[] bytes = new byte[text.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                int high = DigitValue(text[i * 2]);
                int low = DigitValue(text[i * 2 + 1]);
                if (high < 0 || low < 0)
                {
                    return null;
                }

                bytes[i] = (byte)((high << 4) | low);
            }

            return bytes;
        }

        /// <summary>
        /// Compares two byte arrays in time that depends only on their length, so a client cannot learn how many
        /// leading bytes of a MAC it guessed right (RFC 4231 leaves this to the verifier).
        /// </summary>
        public static bool FixedTimeEquals(byte[] left, byte[] right)
        {
            if (left == null || right == null || left.Length != right.Length)
            {
                return false;
            }

            int difference = 0;
            for (int i = 0; i < left.Length; i++)
            {
                difference |= left[i] ^ right[i];
            }

            return difference == 0;
        }

        private static int DigitValue(char digit)
        {
            if (digit >= '0' && digit <= '9')
            {
                return digit - '0';
            }

            if (digit >= 'a' && digit <= 'f')
            {
                return digit - 'a' + 10;
            }

            if (digit >= 'A' && digit <= 'F')
            {
                return digit - 'A' + 10;
            }

            return -1;
        }
    }
}
