using System;
using System.Collections;

namespace Attendance.Core.Lookup
{
    /// <summary>A report's lines kept in RAM, as <see cref="RollReport.Entries"/>: for tests and PC tools, not the board's outbox.</summary>
    public class MemoryReportArea : ReportEntryArea
    {
        private readonly ArrayList _entries = new ArrayList();

        public override void Begin()
        {
            _entries.Clear();
        }

        public override void Add(ReportEntry entry)
        {
            ReportEntry copy = new ReportEntry();
            copy.StudentCode = entry.StudentCode;
            copy.StudentName = entry.StudentName;
            copy.NameUnreadable = entry.NameUnreadable;
            copy.SwipeUtc = entry.SwipeUtc;
            copy.Status = entry.Status;
            copy.Late = entry.Late;
            _entries.Add(copy);
        }

        public override void Complete(RollReport report, byte[] enrolled, bool markLate, DateTime latestOnTimeUtc)
        {
            ReportEntry[] entries = new ReportEntry[_entries.Count];
            for (int i = 0; i < entries.Length; i++)
            {
                entries[i] = (ReportEntry)_entries[i];
                Apply(entries[i], i, enrolled, markLate, latestOnTimeUtc);
            }

            report.Entries = entries;
            report.StoredEntries = null;
        }
    }
}
