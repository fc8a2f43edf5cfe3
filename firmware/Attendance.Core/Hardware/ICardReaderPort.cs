namespace Attendance.Core.Hardware
{
    /// <summary>
    /// The raw byte stream from the barcode reader's UART. Bytes arrive in arbitrary chunks; framing them into
    /// card codes is the job of the card framer, not of the port.
    /// </summary>
    public interface ICardReaderPort
    {
        /// <summary>
        /// Waits up to <paramref name="timeoutMilliseconds"/> for at least one byte and copies what is available
        /// into <paramref name="buffer"/>. Returns the number of bytes copied; 0 means nothing arrived in time.
        /// </summary>
        int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds);
    }
}
