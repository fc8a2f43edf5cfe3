using Attendance.Core.Lookup;
using Attendance.Core.Roll;
using Attendance.Core.Tests.Mail;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>Builds the sample report for any roll; fails with LookupException while <see cref="Unreachable"/> is set.</summary>
    public class MailFakeReportBuilder : IRollReportBuilder
    {
        public bool Unreachable;

        public int Calls { get; private set; }

        public RollReport Build(ClosedRoll roll, ReportEntryArea area)
        {
            Calls++;
            if (Unreachable)
            {
                throw new LookupException(LookupFailure.Unreachable, "lookup server down");
            }

            RollReport report = MailSampleReports.Small();
            report.RollId = roll.RollId;
            return report;
        }
    }
}
