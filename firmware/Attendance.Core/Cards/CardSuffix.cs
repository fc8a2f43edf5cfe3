namespace Attendance.Core.Cards
{
    /// <summary>How the barcode reader marks the end of a code (set in the reader's own configuration).</summary>
    public enum CardSuffix
    {
        /// <summary>Carriage return (0x0D) after each code.</summary>
        CarriageReturn = 0,

        /// <summary>Line feed (0x0A) after each code.</summary>
        LineFeed = 1,

        /// <summary>CR LF after each code (the reader's usual factory setting).</summary>
        CarriageReturnLineFeed = 2,

        /// <summary>
        /// No suffix: a code ends when the line has been quiet for <see cref="CardReaderOptions.IdleGapMilliseconds"/>.
        /// Readers send a code as one burst at the UART's speed, so a short silence marks its end.
        /// </summary>
        IdleGap = 3,
    }
}
