using Attendance.Core.Lookup;

namespace Attendance.Core.Mail.Message
{
    /// <summary>The CSV attachment: one header record, then one record per student, in swipe order.</summary>
    public static class AttendanceCsv
    {
        public static void Write(RollReport report, MessageText text, ITextLineSink lines)
        {
            lines.WriteLine(CsvFormat.Record(new string[]
            {
                text.CsvCode, text.CsvName, text.CsvDate, text.CsvTime, text.CsvStatus, text.CsvLate,
            }));
            ReportEntryReader entries = report.OpenEntries();
            while (entries.Next())
            {
                ReportEntry entry = entries.Current;
                lines.WriteLine(CsvFormat.Record(new string[]
                {
                    entry.StudentCode,
                    entry.StudentName,
                    MailDateFormat.LocalDate(entry.SwipeUtc, report.UtcOffsetMinutes, text.DayFirstDates),
                    MailDateFormat.LocalTime(entry.SwipeUtc, report.UtcOffsetMinutes, true),
                    AttendanceBody.StatusText(entry.Status, text),
                    report.ClassStartMinuteOfDay < 0 ? string.Empty : (entry.Late ? text.Yes : text.No),
                }));
            }
        }
    }
}
