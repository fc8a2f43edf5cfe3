using Attendance.Core.Cards;
using Attendance.Core.Tests.Support;

namespace Attendance.Core.Tests.Cards
{
    [TestClass]
    public class CardFramerTests
    {
        // Input characters become bytes one to one ("\u00e9" is the byte 0xE9), fed in chunks of chunkSize bytes,
        // all at time 0 so no timeout applies.
        [TestMethod]
        [DataRow("AB12\r\n", 1, "AB12")]
        [DataRow("AB12\r\n", 100, "AB12")]
        [DataRow("AB12\r", 1, "AB12")]
        [DataRow("AB12\n", 1, "AB12")]
        [DataRow("ab-12cd\r\n", 3, "AB-12CD")]
        [DataRow("AB12\r\nCD34\r\nEF56\r\n", 100, "AB12 CD34 EF56")]
        [DataRow("AB12\r\nCD34\r\nEF56\r\n", 1, "AB12 CD34 EF56")]
        [DataRow("AB12\r\nCD34\r\nEF56\r\n", 7, "AB12 CD34 EF56")]
        [DataRow("AB12\rCD34\nEF56\r\n", 5, "AB12 CD34 EF56")]
        [DataRow("\r\n\r\n\n\rAB12\r\n\r\n", 2, "AB12")]
        [DataRow("ABC\r\nAB12\r\n", 4, "bad:TooShort AB12")]
        [DataRow("12345678901234567890\r\n", 1, "12345678901234567890")]
        [DataRow("123456789012345678901\r\nAB12\r\n", 1, "bad:TooLong AB12")]
        [DataRow("123456789012345678901234567890123456789012\r\nAB12\r\n", 9, "bad:TooLong AB12")]
        [DataRow("AB\u000212\r\nCD34\r\n", 1, "bad:ControlByte CD34")]
        [DataRow("AB12\u007F\r\nCD34\r\n", 3, "bad:ControlByte CD34")]
        [DataRow("JOS\u00c9\r\nCD34\r\n", 2, "bad:NonAsciiByte CD34")]
        [DataRow("\u00ff\u00fe\u00fd\u00fc\r\nCD34\r\n", 1, "bad:NonAsciiByte CD34")]
        [DataRow("AB 12\r\nAB*12\r\nCD34\r\n", 4, "bad:DisallowedCharacter bad:DisallowedCharacter CD34")]
        [DataRow("\u00e9123456789012345678901234\r\nCD34\r\n", 5, "bad:NonAsciiByte CD34")]
        public void Feeding_chunks_yields_codes_and_bad_reads(string input, int chunkSize, string expected)
        {
            CardFramer framer = new CardFramer(new CardReaderOptions());
            RecordingCardSink sink = new RecordingCardSink();

            FeedInChunks(framer, sink, input, chunkSize, 0);

            Assert.AreEqual(expected, sink.Events);
        }

        // The suffix travels as (int): the board stores no value for an enum-typed attribute argument (NANO014).
        [TestMethod]
        [DataRow((int)CardSuffix.CarriageReturn, "AB12\rCD34\r", "AB12 CD34")]
        [DataRow((int)CardSuffix.LineFeed, "AB12\nCD34\n", "AB12 CD34")]
        [DataRow((int)CardSuffix.CarriageReturnLineFeed, "AB12\r\nCD34\r\n", "AB12 CD34")]
        [DataRow((int)CardSuffix.CarriageReturn, "AB12\r\nCD34\r\n", "AB12 CD34")]
        [DataRow((int)CardSuffix.LineFeed, "AB12\r\nCD34\r", "AB12 CD34")]
        [DataRow((int)CardSuffix.IdleGap, "AB12\r\n", "AB12")]
        public void Every_suffix_setting_accepts_every_line_end(int suffixValue, string input, string expected)
        {
            CardReaderOptions options = new CardReaderOptions();
            options.Suffix = (CardSuffix)suffixValue;
            CardFramer framer = new CardFramer(options);
            RecordingCardSink sink = new RecordingCardSink();

            FeedInChunks(framer, sink, input, 1, 0);

            Assert.AreEqual(expected, sink.Events);
            Assert.IsFalse(framer.HasPartialCode);
        }

        // Two chunks: the first at time 0, the second at secondAt; then a poll at pollAt.
        // Default inter-character timeout 500 ms.
        [TestMethod]
        [DataRow("AB", "12\r\n", 500, 500, "AB12")]
        [DataRow("AB", "12\r\n", 501, 501, "bad:Timeout bad:TooShort")]
        [DataRow("AB", "CD34\r\n", 900, 900, "bad:Timeout CD34")]
        [DataRow("AB", "", 0, 500, "")]
        [DataRow("AB", "", 0, 501, "bad:Timeout")]
        [DataRow("AB12", "", 0, 10000, "bad:Timeout")]
        [DataRow("AB\u000112", "", 0, 10000, "bad:ControlByte")]
        [DataRow("AB12\r\n", "", 0, 10000, "AB12")]
        public void A_partial_code_older_than_the_timeout_is_discarded(
            string first, string second, int secondAt, int pollAt, string expected)
        {
            CardFramer framer = new CardFramer(new CardReaderOptions());
            RecordingCardSink sink = new RecordingCardSink();

            FeedInChunks(framer, sink, first, 100, 0);
            FeedInChunks(framer, sink, second, 100, secondAt);
            framer.Poll(pollAt, sink);

            Assert.AreEqual(expected, sink.Events);
        }

        // Idle-gap mode (gap 50 ms): chunks at the given times; a poll at pollAt.
        [TestMethod]
        [DataRow("AB", 0, "12", 49, 200, "AB12")]
        [DataRow("AB12", 0, "CD34", 50, 200, "AB12 CD34")]
        [DataRow("AB12", 0, "CD34", 49, 98, "")]
        [DataRow("AB12", 0, "CD34", 49, 99, "AB12CD34")]
        [DataRow("AB", 0, "12", 60, 200, "bad:TooShort bad:TooShort")]
        [DataRow("ab12", 0, "x", 100, 150, "AB12 bad:TooShort")]
        public void Idle_gap_mode_ends_a_code_after_silence(
            string first, int firstAt, string second, int secondAt, int pollAt, string expected)
        {
            CardReaderOptions options = new CardReaderOptions();
            options.Suffix = CardSuffix.IdleGap;
            CardFramer framer = new CardFramer(options);
            RecordingCardSink sink = new RecordingCardSink();

            FeedInChunks(framer, sink, first, 100, firstAt);
            FeedInChunks(framer, sink, second, 100, secondAt);
            framer.Poll(pollAt, sink);

            Assert.AreEqual(expected, sink.Events);
        }

        [TestMethod]
        [DataRow(2, 6, "0123456789", "A1\r\nAB12345\r\n", "bad:DisallowedCharacter bad:DisallowedCharacter")]
        [DataRow(2, 6, "0123456789AB", "A1\r\nAB12345\r\nAB1234\r\n", "A1 bad:TooLong AB1234")]
        [DataRow(1, 1, "X", "x\r\nXX\r\n", "X bad:TooLong")]
        public void Options_set_length_and_characters(int minimum, int maximum, string allowed, string input, string expected)
        {
            CardReaderOptions options = new CardReaderOptions();
            options.MinimumLength = minimum;
            options.MaximumLength = maximum;
            options.AllowedCharacters = allowed;
            CardFramer framer = new CardFramer(options);
            RecordingCardSink sink = new RecordingCardSink();

            FeedInChunks(framer, sink, input, 1, 0);

            Assert.AreEqual(expected, sink.Events);
        }

        [TestMethod]
        [DataRow(0, 20, "AB")]
        [DataRow(5, 4, "AB")]
        [DataRow(4, 20, "")]
        [DataRow(4, 20, "A B")]
        public void Invalid_options_are_refused(int minimum, int maximum, string allowed)
        {
            CardReaderOptions options = new CardReaderOptions();
            options.MinimumLength = minimum;
            options.MaximumLength = maximum;
            options.AllowedCharacters = allowed;

            Expect.Throws(typeof(System.ArgumentException), delegate { new CardFramer(options); });
        }

        [TestMethod]
        public void Offset_and_count_select_the_bytes_fed()
        {
            CardFramer framer = new CardFramer(new CardReaderOptions());
            RecordingCardSink sink = new RecordingCardSink();
            byte[] buffer = ToBytes("xxAB12\r\nyy");

            framer.Feed(buffer, 2, 6, 0, sink);

            Assert.AreEqual("AB12", sink.Events);
        }

        public static void FeedInChunks(CardFramer framer, ICardSink sink, string input, int chunkSize, long at)
        {
            byte[] bytes = ToBytes(input);
            for (int offset = 0; offset < bytes.Length; offset += chunkSize)
            {
                int count = bytes.Length - offset < chunkSize ? bytes.Length - offset : chunkSize;
                framer.Feed(bytes, offset, count, at, sink);
            }
        }

        public static byte[] ToBytes(string input)
        {
            byte[] bytes = new byte[input.Length];
            for (int index = 0; index < input.Length; index++)
            {
                bytes[index] = (byte)input[index];
            }

            return bytes;
        }
    }
}
