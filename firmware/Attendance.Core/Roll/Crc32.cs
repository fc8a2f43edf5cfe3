namespace Attendance.Core.Roll
{
    /// <summary>
    /// CRC-32 as in IEEE 802.3 and zlib (reflected polynomial 0xEDB88320, initial and final value 0xFFFFFFFF);
    /// check value of "123456789" is 0xCBF43926. Computed bit by bit: journal records are tens of bytes, and a
    /// 1 KB table would sit on the board's small heap for nothing.
    /// </summary>
    public static class Crc32
    {
        private const uint Polynomial = 0xEDB88320;

        public static uint Compute(byte[] data, int offset, int count)
        {
            return Update(0, data, offset, count);
        }

        /// <summary>
        /// Continues <paramref name="crc"/> (the CRC of the bytes before, 0 for none) over more bytes, as zlib's
        /// crc32(crc, buf, len): a record written in chunks gets the CRC of the whole without being held whole.
        /// </summary>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            crc = ~crc;
            int end = offset + count;
            for (int index = offset; index < end; index++)
            {
                crc ^= data[index];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ Polynomial : crc >> 1;
                }
            }

            return ~crc;
        }
    }
}
