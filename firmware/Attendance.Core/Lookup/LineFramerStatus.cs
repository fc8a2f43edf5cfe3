namespace Attendance.Core.Lookup
{
    /// <summary>What <see cref="LookupLineFramer.Push"/> found in the bytes it consumed.</summary>
    public enum LineFramerStatus
    {
        /// <summary>No line end yet; push more bytes.</summary>
        Incomplete = 0,

        /// <summary>A complete line is ready: call <see cref="LookupLineFramer.TakeLine"/>.</summary>
        Line = 1,

        /// <summary>A line longer than the limit ended; its bytes were discarded. The stream stays in step.</summary>
        LineTooLong = 2,
    }
}
