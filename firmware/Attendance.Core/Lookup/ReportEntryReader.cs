namespace Attendance.Core.Lookup
{
    /// <summary>
    /// The student lines of a report, one at a time in swipe order: from an array (reports built in RAM, tests) or
    /// from a record on flash (the outbox), so that rendering the e-mail never holds every student at once.
    /// <see cref="Current"/> may be one object reused for every line: copy what must outlive the next call.
    /// </summary>
    public abstract class ReportEntryReader
    {
        public abstract int Count { get; }

        /// <summary>The current line, after <see cref="Next"/> returned true.</summary>
        public ReportEntry Current { get; protected set; }

        /// <summary>Back to before the first line.</summary>
        public abstract void Rewind();

        /// <summary>Moves to the next line; false after the last.</summary>
        public abstract bool Next();
    }
}
