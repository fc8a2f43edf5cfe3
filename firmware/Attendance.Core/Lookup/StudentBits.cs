namespace Attendance.Core.Lookup
{
    /// <summary>
    /// One bit per student of a roll: what the lookup at close must remember about every student between its
    /// pipelined steps (known to the server, enrolled) costs 2 bits a student instead of an object each.
    /// </summary>
    public static class StudentBits
    {
        public static byte[] New(int students)
        {
            return new byte[(students + 7) / 8];
        }

        public static bool Get(byte[] bits, int index)
        {
            return bits != null && index >= 0 && (index >> 3) < bits.Length && (bits[index >> 3] & (1 << (index & 7))) != 0;
        }

        public static void Set(byte[] bits, int index)
        {
            bits[index >> 3] |= (byte)(1 << (index & 7));
        }
    }
}
