namespace Attendance.Core.Lookup
{
    /// <summary>What the lookup server said about a student who swiped.</summary>
    public enum AttendanceStatus
    {
        /// <summary>Known student, enrolled in the class for this year and semester (MATRICULADO).</summary>
        Enrolled = 0,

        /// <summary>Known student, not enrolled in the class (NAOMATRICULADO).</summary>
        NotEnrolled = 1,

        /// <summary>The code is not a student (NAOEHALUNO).</summary>
        UnknownStudent = 2,
    }
}
