namespace Attendance.Core.Configuration
{
    /// <summary>
    /// What the barcode reader sends after each code (setting <c>card.suffix</c>). Most readers are configured
    /// by scanning programming barcodes from their manual; CR is the usual factory default on RS-232 models.
    /// </summary>
    public enum CardCodeSuffix
    {
        /// <summary>Carriage return, 0x0D.</summary>
        CarriageReturn = 0,

        /// <summary>Line feed, 0x0A.</summary>
        LineFeed = 1,

        /// <summary>CR followed by LF.</summary>
        CarriageReturnLineFeed = 2,

        /// <summary>Horizontal tab, 0x09.</summary>
        Tab = 3,

        /// <summary>No terminator: a code ends after a pause on the line (see <c>card.max-length</c>).</summary>
        None = 4,
    }
}
