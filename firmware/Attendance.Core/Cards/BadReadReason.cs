namespace Attendance.Core.Cards
{
    /// <summary>Why a line from the reader was discarded instead of being taken as a card code.</summary>
    public enum BadReadReason
    {
        /// <summary>Fewer characters than <see cref="CardReaderOptions.MinimumLength"/>.</summary>
        TooShort = 0,

        /// <summary>More characters than <see cref="CardReaderOptions.MaximumLength"/> before the suffix.</summary>
        TooLong = 1,

        /// <summary>A control byte (below 0x20 or 0x7F) other than the configured suffix: line noise or a wrong baud rate.</summary>
        ControlByte = 2,

        /// <summary>A byte above 0x7F: not ASCII, usually a wrong baud rate or parity setting.</summary>
        NonAsciiByte = 3,

        /// <summary>A printable ASCII character outside <see cref="CardReaderOptions.AllowedCharacters"/>.</summary>
        DisallowedCharacter = 4,

        /// <summary>
        /// A partial code waited longer than <see cref="CardReaderOptions.InterCharacterTimeoutMilliseconds"/>
        /// for its next byte (a suffix was lost, or the reader was unplugged mid-code).
        /// </summary>
        Timeout = 5,
    }
}
