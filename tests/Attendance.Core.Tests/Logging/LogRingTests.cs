using System;
using System.Text;
using Attendance.Core.Hardware;
using Attendance.Core.Logging;
using Attendance.Core.Tests.Support;

namespace Attendance.Core.Tests.Logging
{
    [TestClass]
    public class LogRingTests
    {
        /// <summary>Two-, three- and four-byte UTF-8 characters (é, €, an emoji as a surrogate pair) between ASCII ones.</summary>
        private const string Mixed = "aé€\uD83D\uDE00bçñ\u20AC\uD83D\uDE00cd\u00E9\u4E2D\uD83D\uDE00e";

        [TestMethod]
        public void Lines_are_read_back_oldest_first_with_their_level_and_time()
        {
            LogRing ring = new LogRing(4, 64);
            ring.Add(100, LogLevel.Information, "start", "one");
            ring.Add(200, LogLevel.Warning, "smtp", "two");
            ring.Add(300, LogLevel.Error, "terminal", "three");

            Assert.AreEqual(3, ring.Count);
            Assert.AreEqual(3L, ring.Added);
            string[] lines = ring.Lines();
            Assert.AreEqual(3, lines.Length);
            Assert.AreEqual("INF start: one", lines[0]);
            Assert.AreEqual("WRN smtp: two", lines[1]);
            Assert.AreEqual("ERR terminal: three", lines[2]);

            LogRingLine line = ring.NewLine();
            Assert.IsTrue(ring.TryRead(1, line));
            Assert.AreEqual("smtp: two", line.Text);
            Assert.AreEqual((int)LogLevel.Warning, (int)line.Level);
            Assert.AreEqual(200L, line.UtcTicks);
            Assert.AreEqual(1L, line.Sequence);
            Assert.AreEqual(9, line.Length);
            Assert.IsFalse(ring.TryRead(3, line));
            Assert.IsFalse(ring.TryRead(-1, line));
        }

        [TestMethod]
        [DataRow(1, 5)]
        [DataRow(3, 3)]
        [DataRow(3, 4)]
        [DataRow(3, 10)]
        [DataRow(16, 40)]
        public void The_newest_lines_overwrite_the_oldest(int capacity, int added)
        {
            LogRing ring = new LogRing(capacity, 32);
            for (int i = 0; i < added; i++)
            {
                ring.Add(i, LogLevel.Information, "s", "line " + i.ToString());
            }

            int held = added < capacity ? added : capacity;
            Assert.AreEqual(held, ring.Count);
            Assert.AreEqual((long)added, ring.Added);
            LogRingLine line = ring.NewLine();
            for (int i = 0; i < held; i++)
            {
                int expected = added - held + i;
                Assert.IsTrue(ring.TryRead(i, line));
                Assert.AreEqual("s: line " + expected.ToString(), line.Text);
                Assert.AreEqual((long)expected, line.Sequence);
                Assert.AreEqual((long)expected, line.UtcTicks);
            }

            Assert.IsFalse(ring.TryRead(held, line));
        }

        [TestMethod]
        public void A_line_that_fills_its_slot_exactly_is_kept_whole_and_one_byte_more_is_cut()
        {
            LogRing ring = new LogRing(2, 16);
            ring.Add(0, LogLevel.Information, "src", "0123456789a");
            ring.Add(0, LogLevel.Information, "src", "0123456789ab");

            // "src: " is 5 bytes: 11 more fill the 16; with 12, the line keeps 13 bytes and "...".
            string[] lines = ring.Lines();
            Assert.AreEqual("INF src: 0123456789a", lines[0]);
            Assert.AreEqual("INF src: 01234567...", lines[1]);
        }

        [TestMethod]
        public void A_long_source_is_cut_before_the_message()
        {
            LogRing ring = new LogRing(1, 8);
            ring.Add(0, LogLevel.Error, "a-long-source", "message");

            Assert.AreEqual("ERR a-lon...", ring.Lines()[0]);
        }

        [TestMethod]
        public void Long_lines_are_cut_at_a_character_boundary_as_late_as_the_slot_allows()
        {
            string message = Mixed + Mixed + Mixed;
            byte[] full = Encoding.UTF8.GetBytes(message);
            for (int lineBytes = LogRing.MinimumLineBytes; lineBytes <= 40; lineBytes++)
            {
                LogRing ring = new LogRing(2, lineBytes);
                ring.Add(0, LogLevel.Information, null, message);
                LogRingLine line = ring.NewLine();
                Assert.IsTrue(ring.TryRead(0, line));
                string at = "slot of " + lineBytes.ToString() + " bytes";

                Assert.IsTrue(line.Length <= lineBytes, at);
                Assert.IsTrue(IsWholeUtf8(line.Buffer, line.Length), at);
                int kept = line.Length - 3;
                Assert.IsTrue(kept >= 0, at);
                for (int i = 0; i < 3; i++)
                {
                    Assert.AreEqual((int)'.', (int)line.Buffer[kept + i], at);
                }

                for (int i = 0; i < kept; i++)
                {
                    Assert.AreEqual((int)full[i], (int)line.Buffer[i], at + ", byte " + i.ToString());
                }

                // Cut as late as possible: the next whole character and the mark would not have fitted.
                Assert.IsTrue(kept + SequenceLength(full[kept]) + 3 > lineBytes, at);
            }
        }

        [TestMethod]
        public void A_line_of_multibyte_characters_that_fits_is_kept_whole()
        {
            byte[] full = Encoding.UTF8.GetBytes(Mixed);
            LogRing ring = new LogRing(1, full.Length);
            ring.Add(0, LogLevel.Information, string.Empty, Mixed);

            LogRingLine line = ring.NewLine();
            Assert.IsTrue(ring.TryRead(0, line));
            Assert.AreEqual(full.Length, line.Length);
            Assert.AreEqual(Mixed, line.Text);
        }

        [TestMethod]
        public void Control_characters_become_spaces_so_a_line_stays_one_line()
        {
            LogRing ring = new LogRing(1, 64);
            ring.Add(0, LogLevel.Information, "start", "board x\nlookup.host = h\r\n\tend\u007F");

            Assert.AreEqual("INF start: board x lookup.host = h   end ", ring.Lines()[0]);
        }

        [TestMethod]
        public void Nothing_given_to_Add_makes_it_throw()
        {
            LogRing ring = new LogRing(4, LogRing.MinimumLineBytes);
            string[] texts = new string[]
            {
                null, string.Empty, "\uD800", "\uDC00x", "x\uD800", "\uD83D", "\uDE00\uD83D", "\uD800\uD800\uD800",
                new string('x', 10000), Mixed + Mixed + Mixed + Mixed, "|\\%~", "a\u0001b",
            };

            for (int s = 0; s < texts.Length; s++)
            {
                for (int m = 0; m < texts.Length; m++)
                {
                    ring.Add(-1, (LogLevel)99, texts[s], texts[m]);
                    LogRing one = new LogRing(1, 12);
                    one.Add(long.MaxValue, LogLevel.Debug, texts[s], texts[m]);
                    LogRingLine line = one.NewLine();
                    Assert.IsTrue(one.TryRead(0, line));
                    Assert.IsTrue(line.Length <= 12);
                }
            }

            Assert.AreEqual((long)(texts.Length * texts.Length), ring.Added);
            Assert.AreEqual(4, ring.Count);
        }

        [TestMethod]
        public void A_line_with_neither_source_nor_message_is_empty()
        {
            LogRing ring = new LogRing(1, 8);
            ring.Add(5, LogLevel.Warning, null, null);

            LogRingLine line = ring.NewLine();
            Assert.IsTrue(ring.TryRead(0, line));
            Assert.AreEqual(0, line.Length);
            Assert.AreEqual(string.Empty, line.Text);
            Assert.AreEqual("WRN ", ring.Lines()[0]);
        }

        [TestMethod]
        [DataRow(0, 120)]
        [DataRow(-1, 120)]
        [DataRow(16, 3)]
        [DataRow(16, 1025)]
        [DataRow(1025, 120)]
        public void Sizes_out_of_range_are_refused(int lines, int lineBytes)
        {
            Expect.Throws(typeof(ArgumentOutOfRangeException), delegate { new LogRing(lines, lineBytes); });
        }

        [TestMethod]
        public void The_default_ring_is_16_lines_of_120_bytes()
        {
            LogRing ring = new LogRing();

            Assert.AreEqual(16, ring.Capacity);
            Assert.AreEqual(120, ring.LineBytes);
            Assert.AreEqual(0, ring.Count);
        }

        [TestMethod]
        public void A_reader_line_from_another_ring_is_refused()
        {
            LogRing small = new LogRing(1, 8);
            LogRing large = new LogRing(1, 16);
            large.Add(0, LogLevel.Information, "s", "m");

            Expect.Throws(typeof(ArgumentException), delegate { large.TryRead(0, small.NewLine()); });
        }

        /// <summary>True when the bytes are whole UTF-8 sequences (a lead byte followed by its continuation bytes).</summary>
        private static bool IsWholeUtf8(byte[] bytes, int length)
        {
            int i = 0;
            while (i < length)
            {
                int sequence = SequenceLength(bytes[i]);
                if (sequence == 0 || i + sequence > length)
                {
                    return false;
                }

                for (int k = 1; k < sequence; k++)
                {
                    if ((bytes[i + k] & 0xC0) != 0x80)
                    {
                        return false;
                    }
                }

                i += sequence;
            }

            return true;
        }

        /// <summary>Bytes of the UTF-8 sequence that <paramref name="lead"/> starts; 0 for a continuation byte.</summary>
        private static int SequenceLength(byte lead)
        {
            if (lead < 0x80)
            {
                return 1;
            }

            if ((lead & 0xE0) == 0xC0)
            {
                return 2;
            }

            if ((lead & 0xF0) == 0xE0)
            {
                return 3;
            }

            return (lead & 0xF8) == 0xF0 ? 4 : 0;
        }
    }
}
