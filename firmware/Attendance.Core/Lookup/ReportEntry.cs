using System;

namespace Attendance.Core.Lookup
{
    /// <summary>One student line of a <see cref="RollReport"/>.</summary>
    public class ReportEntry
    {
        public string StudentCode;

        /// <summary>Name as the server holds it (UTF-8 decoded, accents intact); null when unknown.</summary>
        public string StudentName;

        /// <summary>
        /// True when the server answered a name the terminal could not decode (too long, a control character,
        /// invalid UTF-8): <see cref="StudentName"/> is null, the student counts as known, and the e-mail says
        /// "name unreadable" instead of "unknown name".
        /// </summary>
        public bool NameUnreadable;

        public DateTime SwipeUtc;

        public AttendanceStatus Status;

        /// <summary>True when the class start time is known and the swipe came after it plus the grace period.</summary>
        public bool Late;
    }
}
