using System;

namespace Attendance.Core.Lookup
{
    /// <summary>One student line of a <see cref="RollReport"/>.</summary>
    public class ReportEntry
    {
        public string StudentCode;

        /// <summary>Name as the server holds it (UTF-8 decoded, accents intact); null when unknown.</summary>
        public string StudentName;

        public DateTime SwipeUtc;

        public AttendanceStatus Status;

        /// <summary>True when the class start time is known and the swipe came after it plus the grace period.</summary>
        public bool Late;
    }
}
