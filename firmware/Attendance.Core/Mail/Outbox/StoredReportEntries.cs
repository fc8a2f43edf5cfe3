using System;
using Attendance.Core.Lookup;

namespace Attendance.Core.Mail.Outbox
{
    /// <summary>
    /// The student lines ("e=") of a report record read from flash one at a time, into one reused
    /// <see cref="ReportEntry"/>, through one reused window. When built from the lookup's working record, the
    /// enrolment bits and lateness the later steps learned are applied as each line is read
    /// (<see cref="ReportEntryArea.Apply"/>); a ".report" record already holds them.
    /// </summary>
    public class StoredReportEntries : ReportEntryReader
    {
        private readonly RecordReader _reader;
        private readonly int _count;
        private readonly byte[] _enrolled;
        private readonly bool _markLate;
        private readonly DateTime _latestOnTimeUtc;
        private readonly ReportEntry _entry = new ReportEntry();
        private int _index;

        /// <summary>Lines exactly as stored (a ".report" record).</summary>
        public StoredReportEntries(RecordReader reader, int count)
            : this(reader, count, null, false, DateTime.MaxValue)
        {
        }

        /// <summary>Lines of the lookup's working record, completed with what the later steps learned.</summary>
        public StoredReportEntries(RecordReader reader, int count, byte[] enrolled, bool markLate, DateTime latestOnTimeUtc)
        {
            _reader = reader;
            _count = count;
            _enrolled = enrolled;
            _markLate = markLate;
            _latestOnTimeUtc = latestOnTimeUtc;
        }

        public override int Count
        {
            get { return _count; }
        }

        public override void Rewind()
        {
            _reader.Restart();
            _index = 0;
        }

        public override bool Next()
        {
            while (_reader.Next())
            {
                if (_reader.Key != OutboxRecords.EntryKey)
                {
                    continue;
                }

                try
                {
                    OutboxRecords.ParseEntry(_reader.Value, _entry);
                }
                catch (RecordFormatException)
                {
                    // Checked when written or loaded; unreadable since: skipped rather than shown wrong.
                    _index++;
                    continue;
                }

                ReportEntryArea.Apply(_entry, _index, _enrolled, _markLate, _latestOnTimeUtc);
                _index++;
                Current = _entry;
                return true;
            }

            return false;
        }
    }
}
