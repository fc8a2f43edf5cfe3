using System;

namespace Attendance.Core.Roll
{
    /// <summary>
    /// What a roll hands over when it closes: who opened it, when, and every student swipe in the order it was
    /// made (first swipe of each card only). It carries codes, not names: names, class and enrolment are found
    /// by the lookup at close (or later, when the server was unreachable), never at swipe time.
    /// </summary>
    public class ClosedRoll
    {
        /// <summary>
        /// Stable identity of this roll (terminal id and opening time), used for the e-mail's Message-ID and the
        /// outbox record name, so retries after a reboot are recognisably the same roll.
        /// </summary>
        public string RollId;

        /// <summary>Identity of the terminal that took the roll.</summary>
        public string TerminalId;

        /// <summary>The professor's card code.</summary>
        public string ProfessorCode;

        /// <summary>
        /// The professor's e-mail as answered by EHPROFESSOR when the roll opened; null when the roll was opened
        /// from the offline cache of recently confirmed professors (then the lookup at close asks again).
        /// </summary>
        public string ProfessorEmail;

        public DateTime OpenedUtc;

        public DateTime ClosedUtc;

        /// <summary>True when the roll closed itself after the configured limit instead of by the professor's card.</summary>
        public bool ClosedAutomatically;

        /// <summary>Student card codes in swipe order; parallel to <see cref="SwipeTimesUtc"/>.</summary>
        public string[] StudentCodes;

        /// <summary>UTC time of each student's first swipe; parallel to <see cref="StudentCodes"/>.</summary>
        public DateTime[] SwipeTimesUtc;

        /// <summary>
        /// 0 for a roll as it was taken. For a roll the outbox had to rebuild from the intact lines of a damaged
        /// record: how many students may be missing from it, or -1 when that cannot be known. The e-mail says so.
        /// </summary>
        public int StudentsPossiblyMissing;

        /// <summary>
        /// Set instead of <see cref="StudentCodes"/> and <see cref="SwipeTimesUtc"/> when the students are read one
        /// at a time from where they are kept: the live roll at hand-over, the roll's record on flash in the outbox.
        /// The board's heap then holds no list of them.
        /// </summary>
        public RollStudentReader StudentReader;

        /// <summary>Number of students, wherever they are kept.</summary>
        public int StudentCount
        {
            get
            {
                if (StudentReader != null)
                {
                    return StudentReader.Count;
                }

                return StudentCodes == null ? 0 : StudentCodes.Length;
            }
        }

        /// <summary>The students in swipe order, rewound to the first: from flash when stored there, else from the arrays.</summary>
        public RollStudentReader OpenStudents()
        {
            RollStudentReader students = StudentReader != null ? StudentReader : new ArrayRollStudents(StudentCodes, SwipeTimesUtc);
            students.Rewind();
            return students;
        }
    }
}
