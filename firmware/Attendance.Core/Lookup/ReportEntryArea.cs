using System;

namespace Attendance.Core.Lookup
{
    /// <summary>
    /// Where the lookup at close puts each student's line the moment its name arrives, so that no list of every
    /// student is held in RAM while the server answers: a record on flash next to the stored roll (the outbox,
    /// <c>Mail/Outbox/StoredReportArea</c>), or an array (<see cref="MemoryReportArea"/>: tests and PC tools).
    /// What the later steps learn about each student (enrolment, lateness) is applied when the lines are read
    /// back, from two bits per student (<see cref="StudentBits"/>).
    /// </summary>
    public abstract class ReportEntryArea
    {
        /// <summary>Starts an empty list (a lookup that is tried again starts over).</summary>
        public abstract void Begin();

        /// <summary>Adds the next line, in swipe order. The caller may reuse <paramref name="entry"/> afterwards.</summary>
        public abstract void Add(ReportEntry entry);

        /// <summary>
        /// Ends the list and gives it to <paramref name="report"/>: lines whose bit is set in
        /// <paramref name="enrolled"/> (by index) become <see cref="AttendanceStatus.Enrolled"/>; when
        /// <paramref name="markLate"/>, a line is late when its swipe is after <paramref name="latestOnTimeUtc"/>.
        /// </summary>
        public abstract void Complete(RollReport report, byte[] enrolled, bool markLate, DateTime latestOnTimeUtc);

        /// <summary>The status and lateness of one line once the lookup is over (shared by every area).</summary>
        public static void Apply(ReportEntry entry, int index, byte[] enrolled, bool markLate, DateTime latestOnTimeUtc)
        {
            if (entry.Status != AttendanceStatus.UnknownStudent && StudentBits.Get(enrolled, index))
            {
                entry.Status = AttendanceStatus.Enrolled;
            }

            if (markLate)
            {
                entry.Late = entry.SwipeUtc > latestOnTimeUtc;
            }
        }
    }
}
