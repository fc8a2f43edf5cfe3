namespace Attendance.Core.Lookup
{
    /// <summary>The lines of a report held in RAM (<see cref="RollReport.Entries"/>).</summary>
    public class ArrayReportEntries : ReportEntryReader
    {
        private readonly ReportEntry[] _entries;
        private int _next;

        public ArrayReportEntries(ReportEntry[] entries)
        {
            _entries = entries == null ? new ReportEntry[0] : entries;
        }

        public override int Count
        {
            get { return _entries.Length; }
        }

        public override void Rewind()
        {
            _next = 0;
        }

        public override bool Next()
        {
            if (_next >= _entries.Length)
            {
                return false;
            }

            Current = _entries[_next++];
            return true;
        }
    }
}
