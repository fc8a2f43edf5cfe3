using System;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;

namespace Attendance.Core.Mail.Outbox
{
    /// <summary>
    /// The lookup's working record (".lines", next to the ".roll"): each student's line is written to flash as
    /// its name arrives, in the ".report" line format, so the board's heap never holds the students' names. The
    /// outbox then writes the ".report" from it (<see cref="OutboxRecords.WriteReport"/>) and deletes it.
    /// </summary>
    public class StoredReportArea : ReportEntryArea
    {
        private readonly IDurableStore _store;
        private readonly string _name;
        private RecordWriter _writer;
        private int _count;

        public StoredReportArea(IDurableStore store, string name)
            : this(store, name, null)
        {
        }

        /// <summary>Reads the lines back through <paramref name="window"/> (see <see cref="RecordReader(StoredRecord, byte[])"/>); null allocates one.</summary>
        public StoredReportArea(IDurableStore store, string name, byte[] window)
        {
            _store = store;
            _name = name;
            _window = window;
        }

        private readonly byte[] _window;

        public override void Begin()
        {
            _writer = new RecordWriter(_store, _name);
            _count = 0;
        }

        public override void Add(ReportEntry entry)
        {
            _writer.Line(OutboxRecords.EntryKey, OutboxRecords.EntryValue(entry));
            _count++;
        }

        public override void Complete(RollReport report, byte[] enrolled, bool markLate, DateTime latestOnTimeUtc)
        {
            _writer.Finish();
            _writer = null;
            StoredRecord record = new StoredRecord(_store, _name);
            RecordReader reader = _window == null ? new RecordReader(record) : new RecordReader(record, _window);
            report.Entries = null;
            report.StoredEntries = new StoredReportEntries(reader, _count, enrolled, markLate, latestOnTimeUtc);
        }
    }
}
