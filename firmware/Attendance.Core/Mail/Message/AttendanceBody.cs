using Attendance.Core.Lookup;

namespace Attendance.Core.Mail.Message
{
    /// <summary>The text/plain body of the attendance e-mail, line by line, for the professor to read.</summary>
    public static class AttendanceBody
    {
        public static void Write(RollReport report, MessageText text, ITextLineSink lines)
        {
            int offset = report.UtcOffsetMinutes;
            lines.WriteLine(text.Title);
            lines.WriteLine(string.Empty);
            lines.WriteLine(text.Course + ": " + NameAndCode(report.CourseName, report.CourseCode, text.NoClass));
            lines.WriteLine(text.Class + ": " + NameAndCode(report.ClassName, report.ClassCode, text.NoClass));
            lines.WriteLine(text.Professor + ": " + NameAndCode(report.ProfessorName, report.ProfessorCode, text.UnknownName));
            lines.WriteLine(text.Date + ": " + MailDateFormat.LocalDate(report.OpenedUtc, offset, text.DayFirstDates));
            if (StartKnown(report))
            {
                lines.WriteLine(text.ClassStart + ": " + MailDateFormat.MinuteOfDay(report.ClassStartMinuteOfDay));
            }

            lines.WriteLine(text.Opened + ": " + MailDateFormat.LocalTime(report.OpenedUtc, offset, false));
            string closed = text.Closed + ": " + MailDateFormat.LocalTime(report.ClosedUtc, offset, false);
            if (report.ClosedAutomatically)
            {
                closed += " (" + text.ClosedAutomatically + ")";
            }

            lines.WriteLine(closed);
            lines.WriteLine(string.Empty);
            if (report.StudentsPossiblyMissing != 0)
            {
                // Said in the e-mail, not only in the terminal's log: the professor is the one who can fix the list.
                lines.WriteLine(report.StudentsPossiblyMissing < 0 ? text.PossiblyMissingUnknown
                    : string.Format(text.PossiblyMissing, report.StudentsPossiblyMissing.ToString()));
                lines.WriteLine(string.Empty);
            }

            // One student at a time: on the board the lines are read from the report on flash.
            ReportEntryReader entries = report.OpenEntries();
            lines.WriteLine(text.Present + " (" + entries.Count.ToString() + "):");
            if (entries.Count == 0)
            {
                lines.WriteLine(text.NoStudents);
            }

            for (int number = 1; entries.Next(); number++)
            {
                lines.WriteLine(EntryLine(number, entries.Current, report, text));
            }

            lines.WriteLine(string.Empty);
            lines.WriteLine(TotalsLine(report, text));
            lines.WriteLine(string.Empty);
            lines.WriteLine(text.Attachment);
            if (report.VerificationCode != null)
            {
                // The code the portal checks against the roll stored on the server (docs/protocol.md, "Verification code").
                lines.WriteLine(string.Empty);
                lines.WriteLine(text.VerificationCode + ": " + report.VerificationCode);
                lines.WriteLine(text.VerificationHint);
            }
        }

        /// <summary>"  3. 20231234  João Conceição  14:05:10  [ATRASADO]".</summary>
        public static string EntryLine(int number, ReportEntry entry, RollReport report, MessageText text)
        {
            string line = (number < 10 ? "  " : number < 100 ? " " : string.Empty) + number.ToString() + ". "
                + entry.StudentCode + "  " + ShownName(entry, text)
                + "  " + MailDateFormat.LocalTime(entry.SwipeUtc, report.UtcOffsetMinutes, true);
            string flags = Flags(entry, report, text);
            return flags.Length == 0 ? line : line + "  [" + flags + "]";
        }

        /// <summary>The name, or why there is none: the server does not know it, or sent one that could not be decoded.</summary>
        public static string ShownName(ReportEntry entry, MessageText text)
        {
            if (entry.StudentName != null)
            {
                return entry.StudentName;
            }

            return entry.NameUnreadable ? text.UnreadableName : text.UnknownName;
        }

        public static string TotalsLine(RollReport report, MessageText text)
        {
            int enrolled = 0;
            int notEnrolled = 0;
            int unknown = 0;
            int late = 0;
            int present = 0;
            ReportEntryReader entries = report.OpenEntries();
            while (entries.Next())
            {
                ReportEntry entry = entries.Current;
                present++;
                if (entry.Status == AttendanceStatus.Enrolled)
                {
                    enrolled++;
                }
                else if (entry.Status == AttendanceStatus.NotEnrolled)
                {
                    notEnrolled++;
                }
                else
                {
                    unknown++;
                }

                if (IsLate(entry, report))
                {
                    late++;
                }
            }

            string line = text.Totals + ": " + text.Present.ToLower() + " " + present.ToString()
                + ", " + text.CountEnrolled + " " + enrolled.ToString()
                + ", " + text.CountNotEnrolled + " " + notEnrolled.ToString()
                + ", " + text.CountUnknown + " " + unknown.ToString();
            if (StartKnown(report))
            {
                line += ", " + text.CountLate + " " + late.ToString();
            }

            return line;
        }

        /// <summary>Late only means something when the class start time is known (RollReport.ClassStartMinuteOfDay).</summary>
        public static bool IsLate(ReportEntry entry, RollReport report)
        {
            return StartKnown(report) && entry.Late;
        }

        public static string StatusText(AttendanceStatus status, MessageText text)
        {
            if (status == AttendanceStatus.NotEnrolled)
            {
                return text.FlagNotEnrolled;
            }

            if (status == AttendanceStatus.UnknownStudent)
            {
                return text.FlagUnknownStudent;
            }

            return text.StatusEnrolled;
        }

        private static string Flags(ReportEntry entry, RollReport report, MessageText text)
        {
            string flags = entry.Status == AttendanceStatus.Enrolled ? string.Empty : StatusText(entry.Status, text);
            if (IsLate(entry, report))
            {
                flags = flags.Length == 0 ? text.FlagLate : flags + ", " + text.FlagLate;
            }

            return flags;
        }

        private static bool StartKnown(RollReport report)
        {
            return report.ClassStartMinuteOfDay >= 0;
        }

        private static string NameAndCode(string name, string code, string missing)
        {
            if (name == null && code == null)
            {
                return missing;
            }

            if (name == null)
            {
                return code;
            }

            return code == null ? name : name + " (" + code + ")";
        }
    }
}
