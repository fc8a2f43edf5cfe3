namespace Attendance.Core.Mail.Message
{
    /// <summary>Receives the lines of a text part (body or CSV) one at a time, so no part is held whole.</summary>
    public interface ITextLineSink
    {
        void WriteLine(string line);
    }
}
