using Attendance.Core.Roll;

namespace Attendance.Core.Lookup
{
    /// <summary>
    /// Builds a <see cref="RollReport"/> from a <see cref="ClosedRoll"/> over one pipelined connection to the
    /// lookup server (see <see cref="RollLookup"/> for the steps). Not for concurrent use: the board closes one
    /// roll at a time.
    /// </summary>
    public class RollReportBuilder : IRollReportBuilder
    {
        private readonly LookupClient _client;

        public RollReportBuilder(LookupClient client)
        {
            _client = client;
        }

        /// <summary>Round trips of the last build (4 when a class and course were found, whatever the roll size).</summary>
        public int LastRoundTrips
        {
            get { return _client.LastRoundTrips; }
        }

        /// <summary>The report with its lines in RAM (<see cref="RollReport.Entries"/>): tests and PC tools.</summary>
        public RollReport Build(ClosedRoll roll)
        {
            return Build(roll, null);
        }

        public RollReport Build(ClosedRoll roll, ReportEntryArea area)
        {
            RollLookup lookup = new RollLookup(_client, roll, area != null ? area : new MemoryReportArea());
            return (RollReport)_client.Run(new LookupOperation(lookup.Execute));
        }
    }
}
