namespace Attendance.Core.Mail.Message
{
    /// <summary>
    /// Where a message's bytes go, in chunks: the SMTP DATA stream, a byte counter, or a test buffer. The writer
    /// never holds the whole message, so a 400-student roll fits in the board's small heap.
    /// </summary>
    public interface IMessageSink
    {
        void Write(byte[] buffer, int offset, int count);
    }
}
