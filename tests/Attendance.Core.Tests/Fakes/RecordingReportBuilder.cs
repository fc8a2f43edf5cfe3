using Attendance.Core.Lookup;
using Attendance.Core.Roll;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>
    /// Builds a report straight from the closed roll (every student enrolled, no names) and keeps the rolls it
    /// was given, so a test can check what the terminal handed over; fails while <see cref="Unreachable"/>.
    /// </summary>
    public class RecordingReportBuilder : IRollReportBuilder
    {
        public bool Unreachable;

        /// <summary>The failure thrown while <see cref="Unreachable"/>.</summary>
        public LookupFailure FailureWhileUnreachable = LookupFailure.Unreachable;

        public int Calls;

        public ClosedRoll LastRoll;

        public RollReport Build(ClosedRoll roll, ReportEntryArea area)
        {
            Calls++;
            if (Unreachable)
            {
                throw new LookupException(FailureWhileUnreachable, "lookup server down");
            }

            roll = RollInMemory.Copy(roll);
            LastRoll = roll;
            RollReport report = new RollReport();
            report.RollId = roll.RollId;
            report.TerminalId = roll.TerminalId;
            report.ProfessorCode = roll.ProfessorCode;
            report.ProfessorEmail = roll.ProfessorEmail;
            report.OpenedUtc = roll.OpenedUtc;
            report.ClosedUtc = roll.ClosedUtc;
            report.StudentsPossiblyMissing = roll.StudentsPossiblyMissing;
            report.Entries = new ReportEntry[roll.StudentCodes.Length];
            for (int i = 0; i < roll.StudentCodes.Length; i++)
            {
                ReportEntry entry = new ReportEntry();
                entry.StudentCode = roll.StudentCodes[i];
                entry.SwipeUtc = roll.SwipeTimesUtc[i];
                entry.Status = AttendanceStatus.Enrolled;
                report.Entries[i] = entry;
            }

            return report;
        }
    }
}
