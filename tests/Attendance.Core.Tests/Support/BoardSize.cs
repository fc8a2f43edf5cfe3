namespace Attendance.Core.Tests.Support
{
    /// <summary>
    /// How much of an exhaustive check a shared test runs: all of it on the host, a sample of it on nanoFramework,
    /// which interprets IL (tens of times slower than the host's JIT) and where every shared test must stay under
    /// 2 s on the emulator. Only tests whose host run alone is long use it (the bit-flip tests took 0.1 to 1.7 s on
    /// the host, so minutes on a board); each says what its board run still covers.
    /// </summary>
    public static class BoardSize
    {
#if NANOFRAMEWORK_1_0
        /// <summary>
        /// Every 37th bit of a stored record is flipped on the board. 37 is odd, so the flipped bits still fall on
        /// every bit position of a byte (and, records being short lines, on every line), at 1/37 of the work.
        /// </summary>
        public const int BitFlipStride = 37;
#else
        /// <summary>Every bit of a stored record is flipped on the host.</summary>
        public const int BitFlipStride = 1;
#endif
    }
}
