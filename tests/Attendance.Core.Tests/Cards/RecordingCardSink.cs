using System.Text;
using Attendance.Core.Cards;

namespace Attendance.Core.Tests.Cards
{
    /// <summary>Writes what the framer reports as text, e.g. "AB12 bad:TooLong CD34", so tests compare one string.</summary>
    public class RecordingCardSink : ICardSink
    {
        private readonly StringBuilder events = new StringBuilder();

        public string Events
        {
            get { return events.ToString(); }
        }

        public void OnCard(char[] code, int length, long monotonicMilliseconds)
        {
            Separate();
            events.Append(code, 0, length);
        }

        public void OnBadRead(BadReadReason reason, long monotonicMilliseconds)
        {
            Separate();
            events.Append("bad:");
            events.Append(BadReadReasonName(reason));
        }

        private void Separate()
        {
            if (events.Length > 0)
            {
                events.Append(' ');
            }
        }

        // Enum.ToString differs on the board (it may print the number), so the names are spelled here.
        private static string BadReadReasonName(BadReadReason reason)
        {
            switch (reason)
            {
                case BadReadReason.TooShort: return "TooShort";
                case BadReadReason.TooLong: return "TooLong";
                case BadReadReason.ControlByte: return "ControlByte";
                case BadReadReason.NonAsciiByte: return "NonAsciiByte";
                case BadReadReason.DisallowedCharacter: return "DisallowedCharacter";
                case BadReadReason.Timeout: return "Timeout";
                default: return "Unknown";
            }
        }
    }
}
