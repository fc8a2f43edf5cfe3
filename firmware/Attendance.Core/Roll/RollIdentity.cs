using System;

namespace Attendance.Core.Roll
{
    /// <summary>Builds the stable identity of a roll: terminal id and opening time, e.g. "T01-20261123T081500Z".</summary>
    public static class RollIdentity
    {
        /// <summary>ISO 8601 basic format in UTC, to the second (custom date formats are not on the board).</summary>
        public static string Format(string terminalId, DateTime openedUtc)
        {
            return terminalId + "-" + string.Format(
                "{0:D4}{1:D2}{2:D2}T{3:D2}{4:D2}{5:D2}Z",
                openedUtc.Year, openedUtc.Month, openedUtc.Day, openedUtc.Hour, openedUtc.Minute, openedUtc.Second);
        }
    }
}
