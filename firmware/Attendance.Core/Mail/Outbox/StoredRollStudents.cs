using System;
using Attendance.Core.Roll;

namespace Attendance.Core.Mail.Outbox
{
    /// <summary>
    /// The students of a ".roll" record read from flash one line at a time, through one window
    /// (<see cref="RecordReader.WindowBytes"/>) reused by every pass. The outbox checked the whole record before
    /// handing it out; a line that no longer reads back is skipped (the lookup then sees a count that differs
    /// and starts over).
    /// </summary>
    public class StoredRollStudents : RollStudentReader
    {
        private readonly RecordReader _reader;
        private readonly int _count;

        public StoredRollStudents(RecordReader reader, int count)
        {
            _reader = reader;
            _count = count;
        }

        public override int Count
        {
            get { return _count; }
        }

        public override void Rewind()
        {
            _reader.Restart();
        }

        public override bool Next()
        {
            while (_reader.Next())
            {
                if (_reader.Key != OutboxRecords.StudentKey)
                {
                    continue;
                }

                try
                {
                    DateTime swipe;
                    Code = OutboxRecords.ParseStudent(_reader.Value, out swipe);
                    SwipeUtc = swipe;
                    return true;
                }
                catch (RecordFormatException)
                {
                    // Checked when the outbox loaded the roll; changed since: skip it, the count will tell.
                }
            }

            return false;
        }
    }
}
