namespace Attendance.Core.Cards
{
    /// <summary>
    /// Receives what the <see cref="CardFramer"/> finds. The code is lent as a character buffer so that a swipe
    /// allocates nothing until the roll decides to keep it; copy what you need before returning.
    /// </summary>
    public interface ICardSink
    {
        /// <summary>
        /// A valid, upper-cased code of <paramref name="length"/> characters at the start of
        /// <paramref name="code"/>. The buffer is reused by the next read.
        /// </summary>
        void OnCard(char[] code, int length, long monotonicMilliseconds);

        /// <summary>A line that was discarded, with why.</summary>
        void OnBadRead(BadReadReason reason, long monotonicMilliseconds);
    }
}
