using System;
using System.Collections;
using Attendance.Core.Roll;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>
    /// A copy of a closed roll with its students in arrays: the outbox hands fakes a roll whose students stay on
    /// flash (<see cref="ClosedRoll.StudentReader"/>), and tests want to look at them after the call.
    /// </summary>
    public static class RollInMemory
    {
        public static ClosedRoll Copy(ClosedRoll roll)
        {
            ClosedRoll copy = new ClosedRoll();
            copy.RollId = roll.RollId;
            copy.TerminalId = roll.TerminalId;
            copy.ProfessorCode = roll.ProfessorCode;
            copy.ProfessorEmail = roll.ProfessorEmail;
            copy.OpenedUtc = roll.OpenedUtc;
            copy.ClosedUtc = roll.ClosedUtc;
            copy.ClosedAutomatically = roll.ClosedAutomatically;
            copy.StudentsPossiblyMissing = roll.StudentsPossiblyMissing;
            ArrayList codes = new ArrayList();
            ArrayList times = new ArrayList();
            RollStudentReader students = roll.OpenStudents();
            while (students.Next())
            {
                codes.Add(students.Code);
                times.Add(students.SwipeUtc);
            }

            copy.StudentCodes = new string[codes.Count];
            copy.SwipeTimesUtc = new DateTime[times.Count];
            for (int i = 0; i < codes.Count; i++)
            {
                copy.StudentCodes[i] = (string)codes[i];
                copy.SwipeTimesUtc[i] = (DateTime)times[i];
            }

            return copy;
        }
    }
}
