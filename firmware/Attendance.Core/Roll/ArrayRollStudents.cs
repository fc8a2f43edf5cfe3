using System;

namespace Attendance.Core.Roll
{
    /// <summary>The students of a roll held in RAM, as parallel arrays (see <see cref="ClosedRoll.StudentCodes"/>).</summary>
    public class ArrayRollStudents : RollStudentReader
    {
        private readonly string[] _codes;
        private readonly DateTime[] _times;
        private int _next;

        public ArrayRollStudents(string[] codes, DateTime[] times)
        {
            _codes = codes == null ? new string[0] : codes;
            _times = times == null ? new DateTime[0] : times;
        }

        public override int Count
        {
            get { return _codes.Length; }
        }

        public override void Rewind()
        {
            _next = 0;
        }

        public override bool Next()
        {
            if (_next >= _codes.Length)
            {
                return false;
            }

            Code = _codes[_next];
            SwipeUtc = _next < _times.Length ? _times[_next] : DateTime.MinValue;
            _next++;
            return true;
        }
    }
}
