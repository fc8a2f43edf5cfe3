using Attendance.Core.Roll;

namespace Attendance.Core.Lookup
{
    /// <summary>
    /// Turns a closed roll into a report by asking the lookup server (one connection, all requests pipelined).
    /// The outbox depends on this interface so it can retry rolls whose lookup failed.
    /// </summary>
    public interface IRollReportBuilder
    {
        /// <summary>
        /// Builds the report or throws <see cref="LookupException"/>; never returns a partial report. The student
        /// lines go to <paramref name="area"/> as the answers arrive (the outbox passes a record on flash); null
        /// keeps them in RAM.
        /// </summary>
        RollReport Build(ClosedRoll roll, ReportEntryArea area);
    }
}
