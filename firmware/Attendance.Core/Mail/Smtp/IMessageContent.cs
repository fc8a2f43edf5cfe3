using Attendance.Core.Mail.Message;

namespace Attendance.Core.Mail.Smtp
{
    /// <summary>
    /// A message that can write itself, as many times as needed (once per attempt), into a sink. Lets the
    /// client stream the message straight into DATA without holding it.
    /// </summary>
    public interface IMessageContent
    {
        void WriteTo(IMessageSink sink);
    }
}
