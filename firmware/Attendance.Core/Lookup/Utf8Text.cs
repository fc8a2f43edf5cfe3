namespace Attendance.Core.Lookup
{
    /// <summary>
    /// Judges text bytes before they are decoded. The board's UTF-8 decoder and the PC's differ on bytes that are
    /// not well-formed text: the board's stops at a NUL ("Jo\0ão" decodes as "Jo", so a name with a NUL looked
    /// readable there and unreadable on the PC), the PC's puts U+FFFD in place of a bad sequence. Deciding on the
    /// bytes gives one answer on both.
    /// </summary>
    public static class Utf8Text
    {
        /// <summary>
        /// True when the bytes are well-formed UTF-8 (RFC 3629 section 4: no overlong forms, no surrogates,
        /// nothing above U+10FFFF) and hold no control character (C0, DEL).
        /// </summary>
        public static bool IsPrintable(byte[] bytes, int offset, int count)
        {
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int first = bytes[i];
                if (first < 0x80)
                {
                    if (first < 0x20 || first == 0x7F)
                    {
                        return false;
                    }

                    i++;
                    continue;
                }

                int continuation;
                int low = 0x80;
                int high = 0xBF;
                if (first >= 0xC2 && first <= 0xDF)
                {
                    continuation = 1;
                }
                else if (first >= 0xE0 && first <= 0xEF)
                {
                    continuation = 2;
                    if (first == 0xE0)
                    {
                        low = 0xA0;
                    }
                    else if (first == 0xED)
                    {
                        high = 0x9F;
                    }
                }
                else if (first >= 0xF0 && first <= 0xF4)
                {
                    continuation = 3;
                    if (first == 0xF0)
                    {
                        low = 0x90;
                    }
                    else if (first == 0xF4)
                    {
                        high = 0x8F;
                    }
                }
                else
                {
                    return false;
                }

                if (i + continuation >= end)
                {
                    return false;
                }

                int second = bytes[i + 1];
                if (second < low || second > high)
                {
                    return false;
                }

                for (int k = 2; k <= continuation; k++)
                {
                    int next = bytes[i + k];
                    if (next < 0x80 || next > 0xBF)
                    {
                        return false;
                    }
                }

                i += continuation + 1;
            }

            return true;
        }
    }
}
