using System.Collections;
using Attendance.Core.Lookup;

namespace Attendance.Core.Tests.Fakes
{
    /// <summary>A professor directory answering from a table; can be made unreachable.</summary>
    public class FakeProfessorDirectory : IProfessorDirectory
    {
        private readonly Hashtable emailsByCode = new Hashtable();

        /// <summary>When true, every call throws <see cref="LookupException"/> of <see cref="FailureKind"/>.</summary>
        public bool Unreachable { get; set; }

        /// <summary>How an unreachable directory fails (Unreachable by default; KeyRefused for a refused terminal key).</summary>
        public LookupFailure FailureKind = LookupFailure.Unreachable;

        /// <summary>Number of calls, including failed ones.</summary>
        public int CallCount { get; private set; }

        public void AddProfessor(string code, string email)
        {
            emailsByCode[code] = email;
        }

        public void RemoveProfessor(string code)
        {
            emailsByCode.Remove(code);
        }

        public string FindProfessorEmail(string cardCode)
        {
            CallCount++;
            if (Unreachable)
            {
                throw new LookupException(FailureKind, FailureKind == LookupFailure.KeyRefused
                    ? "The lookup server refused the key of terminal T01 (fake)."
                    : "Lookup server unreachable (fake).");
            }

            return (string)emailsByCode[cardCode];
        }
    }
}
