using System;

namespace Attendance.Core.Roll
{
    /// <summary>
    /// The students of the roll being handed over, read straight from its <see cref="SwipeList"/> one at a time
    /// (one short string per student, dropped as soon as it is written to the outbox), instead of a copy of every
    /// code: at close the door then holds the roll once, not twice. Valid until the roll is completed.
    /// </summary>
    internal class SwipeListStudents : RollStudentReader
    {
        private readonly SwipeList _list;
        private int _next;

        public SwipeListStudents(SwipeList list)
        {
            _list = list;
        }

        public override int Count
        {
            get { return _list.Count; }
        }

        public override void Rewind()
        {
            _next = 0;
        }

        public override bool Next()
        {
            if (_next >= _list.Count)
            {
                return false;
            }

            Code = _list.CodeAt(_next);
            SwipeUtc = new DateTime(_list.TicksAt(_next));
            _next++;
            return true;
        }
    }
}
