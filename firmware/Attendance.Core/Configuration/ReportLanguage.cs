namespace Attendance.Core.Configuration
{
    /// <summary>Language of the attendance e-mail (setting <c>language</c>, "pt" or "en").</summary>
    public enum ReportLanguage
    {
        Portuguese = 0,
        English = 1,
    }
}
