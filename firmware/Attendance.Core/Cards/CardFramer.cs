using System;

namespace Attendance.Core.Cards
{
    /// <summary>
    /// Cuts the reader's byte stream into card codes. Bytes arrive in arbitrary chunks: a code may be split over
    /// many reads and one read may hold several codes, so the partial code is kept between calls. Nothing is
    /// allocated after construction: codes are lent to the sink in a reused character buffer.
    /// </summary>
    /// <remarks>
    /// CR and LF both end a code whichever <see cref="CardReaderOptions.Suffix"/> is set, and empty lines are
    /// ignored: so CR, LF and CRLF all work, and a reader whose suffix was changed by scanning a configuration
    /// barcode keeps working. In <see cref="CardSuffix.IdleGap"/> mode a code also ends after a quiet gap.
    /// A line with any fault is consumed up to its end and reported once, so the next good code still gets through.
    /// </remarks>
    public class CardFramer
    {
        private const byte CarriageReturn = 0x0D;
        private const byte LineFeed = 0x0A;

        private readonly int minimumLength;
        private readonly int maximumLength;
        private readonly bool idleGapMode;
        private readonly long interCharacterTimeout;
        private readonly long idleGap;

        // allowed[c] for c below 128, after upper-casing: a table so each byte is checked without searching a string.
        private readonly bool[] allowed = new bool[128];
        private readonly char[] code;

        private int length;
        private bool lineHasBytes;
        private bool lineIsBad;
        private BadReadReason badReason;
        private long lastByteMilliseconds;

        public CardFramer(CardReaderOptions options)
        {
            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            if (options.MinimumLength < 1 || options.MaximumLength < options.MinimumLength)
            {
                throw new ArgumentException("MinimumLength must be at least 1 and not above MaximumLength.", "options");
            }

            if (options.InterCharacterTimeoutMilliseconds <= 0 || options.IdleGapMilliseconds <= 0)
            {
                throw new ArgumentException("Timeouts must be positive.", "options");
            }

            string characters = options.AllowedCharacters;
            if (characters == null || characters.Length == 0)
            {
                throw new ArgumentException("AllowedCharacters must not be empty.", "options");
            }

            for (int index = 0; index < characters.Length; index++)
            {
                char character = characters[index];
                if (character <= ' ' || character >= (char)0x7F)
                {
                    throw new ArgumentException("AllowedCharacters must be printable ASCII without space.", "options");
                }

                allowed[character] = true;
            }

            minimumLength = options.MinimumLength;
            maximumLength = options.MaximumLength;
            idleGapMode = options.Suffix == CardSuffix.IdleGap;
            interCharacterTimeout = options.InterCharacterTimeoutMilliseconds;
            idleGap = options.IdleGapMilliseconds;
            code = new char[maximumLength];
        }

        /// <summary>True while part of a line has arrived and its end has not.</summary>
        public bool HasPartialCode
        {
            get { return lineHasBytes; }
        }

        /// <summary>
        /// Takes <paramref name="count"/> bytes read at <paramref name="monotonicMilliseconds"/> and reports every
        /// code or bad read they complete to <paramref name="sink"/>.
        /// </summary>
        public void Feed(byte[] buffer, int offset, int count, long monotonicMilliseconds, ICardSink sink)
        {
            if (buffer == null || sink == null)
            {
                throw new ArgumentNullException(buffer == null ? "buffer" : "sink");
            }

            if (offset < 0 || count < 0 || offset + count > buffer.Length)
            {
                throw new ArgumentOutOfRangeException("count");
            }

            if (count == 0)
            {
                return;
            }

            // Bytes after a long silence do not belong to the line before it.
            Poll(monotonicMilliseconds, sink);

            int end = offset + count;
            for (int index = offset; index < end; index++)
            {
                byte value = buffer[index];
                if (value == CarriageReturn || value == LineFeed)
                {
                    EndLine(monotonicMilliseconds, sink);
                    continue;
                }

                lineHasBytes = true;
                lastByteMilliseconds = monotonicMilliseconds;
                if (!lineIsBad)
                {
                    Take(value);
                }
            }
        }

        /// <summary>
        /// Call whenever a read returns nothing: discards a partial code older than the inter-character timeout
        /// or, in idle-gap mode, completes a code after the gap.
        /// </summary>
        public void Poll(long monotonicMilliseconds, ICardSink sink)
        {
            if (!lineHasBytes)
            {
                return;
            }

            long quiet = monotonicMilliseconds - lastByteMilliseconds;
            if (idleGapMode)
            {
                if (quiet >= idleGap)
                {
                    EndLine(monotonicMilliseconds, sink);
                }
            }
            else if (quiet > interCharacterTimeout)
            {
                if (!lineIsBad)
                {
                    MarkBad(BadReadReason.Timeout);
                }

                EndLine(monotonicMilliseconds, sink);
            }
        }

        private void Take(byte value)
        {
            if (value >= 0x80)
            {
                MarkBad(BadReadReason.NonAsciiByte);
                return;
            }

            if (value < 0x20 || value == 0x7F)
            {
                MarkBad(BadReadReason.ControlByte);
                return;
            }

            char character = (char)value;
            if (character >= 'a' && character <= 'z')
            {
                character = (char)(character - 'a' + 'A');
            }

            if (!allowed[character])
            {
                MarkBad(BadReadReason.DisallowedCharacter);
                return;
            }

            if (length == maximumLength)
            {
                MarkBad(BadReadReason.TooLong);
                return;
            }

            code[length] = character;
            length++;
        }

        private void MarkBad(BadReadReason reason)
        {
            lineIsBad = true;
            badReason = reason;
        }

        private void EndLine(long monotonicMilliseconds, ICardSink sink)
        {
            if (!lineHasBytes)
            {
                return;
            }

            bool bad = lineIsBad;
            BadReadReason reason = badReason;
            int codeLength = length;
            if (!bad && codeLength < minimumLength)
            {
                bad = true;
                reason = BadReadReason.TooShort;
            }

            // Reset before calling out, so a sink that throws leaves the framer ready for the next line.
            length = 0;
            lineHasBytes = false;
            lineIsBad = false;
            if (bad)
            {
                sink.OnBadRead(reason, monotonicMilliseconds);
            }
            else
            {
                sink.OnCard(code, codeLength, monotonicMilliseconds);
            }
        }
    }
}
