namespace Attendance.Core.Cards
{
    /// <summary>What a valid card code looks like and how the reader ends it. Defaults suit the university's cards.</summary>
    public class CardReaderOptions
    {
        /// <summary>Shortest accepted code.</summary>
        public int MinimumLength = 4;

        /// <summary>Longest accepted code; longer lines are discarded as <see cref="BadReadReason.TooLong"/>.</summary>
        public int MaximumLength = 20;

        /// <summary>
        /// Characters a code may contain, after lower-case letters have been upper-cased. Printable ASCII only;
        /// the framer stores codes as one byte per character.
        /// </summary>
        public string AllowedCharacters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-";

        /// <summary>How the reader ends a code.</summary>
        public CardSuffix Suffix = CardSuffix.CarriageReturnLineFeed;

        /// <summary>
        /// A partial code older than this since its last byte is discarded (<see cref="BadReadReason.Timeout"/>).
        /// A reader sends a whole code within a few milliseconds (20 characters at 9600 baud take 21 ms), so half
        /// a second means the suffix was lost.
        /// </summary>
        public int InterCharacterTimeoutMilliseconds = 500;

        /// <summary>
        /// In <see cref="CardSuffix.IdleGap"/> mode, silence that ends a code. Must exceed the time of a few
        /// characters at the UART's speed (one character at 9600 baud takes about 1 ms).
        /// </summary>
        public int IdleGapMilliseconds = 50;
    }
}
