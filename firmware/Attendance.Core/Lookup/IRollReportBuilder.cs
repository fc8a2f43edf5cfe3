using Attendance.Core.Roll;

namespace Attendance.Core.Lookup
{
    /// <summary>
    /// Turns a closed roll into a report by asking the lookup server (one connection, all requests pipelined).
    /// The outbox depends on this interface so it can retry rolls whose lookup failed.
    /// </summary>
    public interface IRollReportBuilder
    {
        /// <summary>Builds the report or throws <see cref="LookupException"/>; never returns a partial report.</summary>
        RollReport Build(ClosedRoll roll);
    }
}
