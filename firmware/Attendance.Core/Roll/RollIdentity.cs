using System;

namespace Attendance.Core.Roll
{
    /// <summary>
    /// Builds the identity of a roll: terminal id, opening time and the terminal's durable roll number, e.g.
    /// "T01-20261123T081500Z-000042". The number (<see cref="RollSequence"/>) makes it unique on the terminal
    /// forever, whatever the clock does; the time keeps it readable and unique across terminals' counter losses.
    /// Only letters, digits and '-', so it is a valid Message-ID left part (RFC 5322 dot-atom-text) and a store
    /// record name as it is. Rolls journaled before the number existed (journal version 1) have number 0 and keep
    /// their old identity without the suffix, so the outbox still recognises them.
    /// </summary>
    public static class RollIdentity
    {
        /// <summary>Largest roll number (12 digits): far above any count of rolls, and below the seconds jump's reach for centuries.</summary>
        public const long MaximumSequence = 999999999999;

        /// <summary>ISO 8601 basic format in UTC, to the second (custom date formats are not on the board).</summary>
        public static string Format(string terminalId, DateTime openedUtc, long sequence)
        {
            string identity = terminalId + "-" + string.Format(
                "{0:D4}{1:D2}{2:D2}T{3:D2}{4:D2}{5:D2}Z",
                openedUtc.Year, openedUtc.Month, openedUtc.Day, openedUtc.Hour, openedUtc.Minute, openedUtc.Second);
            return sequence <= 0 ? identity : identity + "-" + sequence.ToString("D6");
        }
    }
}
