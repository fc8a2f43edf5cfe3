namespace Attendance.Core.Mail.Message
{
    /// <summary>Language of the attendance e-mail's words (names and codes are never translated).</summary>
    public enum MessageLanguage
    {
        Portuguese = 0,
        English = 1,
    }
}
