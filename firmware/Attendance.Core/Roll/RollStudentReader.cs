using System;

namespace Attendance.Core.Roll
{
    /// <summary>
    /// The students of a closed roll, one at a time in swipe order: from arrays in RAM (a roll just closed, tests)
    /// or from the roll's record on flash (the outbox), so that the lookup at close never holds every code at once.
    /// One instance is reused: <see cref="Rewind"/> starts again, <see cref="Next"/> moves on.
    /// </summary>
    public abstract class RollStudentReader
    {
        /// <summary>Students in the roll.</summary>
        public abstract int Count { get; }

        /// <summary>The current student's card code (after <see cref="Next"/> returned true).</summary>
        public string Code { get; protected set; }

        /// <summary>The current student's first swipe.</summary>
        public DateTime SwipeUtc { get; protected set; }

        /// <summary>Back to before the first student.</summary>
        public abstract void Rewind();

        /// <summary>Moves to the next student; false after the last.</summary>
        public abstract bool Next();
    }
}
