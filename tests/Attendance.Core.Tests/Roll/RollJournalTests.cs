using System;
using Attendance.Core.Roll;

namespace Attendance.Core.Tests.Roll
{
    [TestClass]
    public class RollJournalTests
    {
        // Each row: a script run before the last record, then the script that writes exactly one more record.
        [TestMethod]
        [DataRow("", "P100")]
        [DataRow("P100 S1 +1 S2", "S3")]
        [DataRow("P100", "S1")]
        [DataRow("P100 S1 S2", "P100")]
        [DataRow("P100 S1 +300", "overdue")]
        public void A_cut_at_every_byte_of_the_last_record_restores_the_roll_before_it(string before, string last)
        {
            RollHarness harness = new RollHarness(10);
            harness.Run(before);
            string expected = RollHarness.Describe(harness.Roll);
            byte[] shorter = harness.Store.Read(harness.Options.JournalName);
            int start = shorter == null ? 0 : shorter.Length;
            harness.Run(last);
            byte[] full = harness.Store.Read(harness.Options.JournalName);
            Assert.IsTrue(full.Length > start);

            for (int cut = start; cut < full.Length; cut++)
            {
                byte[] truncated = new byte[cut];
                Array.Copy(full, truncated, cut);
                harness.Store.SetBytes(harness.Options.JournalName, truncated);

                AttendanceRoll restored = harness.Reboot();

                Assert.AreEqual(expected, RollHarness.Describe(restored));
                Assert.AreEqual(cut - start, restored.DroppedJournalBytes);
            }

            harness.Store.SetBytes(harness.Options.JournalName, full);
            Assert.AreNotEqual(expected, RollHarness.Describe(harness.Reboot()));
        }

        [TestMethod]
        [DataRow("P100 S1 +1 S2", "S3")]
        [DataRow("P100 S1", "P100")]
        public void A_damaged_byte_in_the_last_record_drops_only_that_record(string before, string last)
        {
            RollHarness harness = new RollHarness(10);
            harness.Run(before);
            string expected = RollHarness.Describe(harness.Roll);
            int start = harness.Store.Read(harness.Options.JournalName).Length;
            harness.Run(last);
            byte[] full = harness.Store.Read(harness.Options.JournalName);

            for (int position = start; position < full.Length; position++)
            {
                byte[] damaged = (byte[])full.Clone();
                damaged[position] ^= 0x5A;
                harness.Store.SetBytes(harness.Options.JournalName, damaged);

                Assert.AreEqual(expected, RollHarness.Describe(harness.Reboot()));
            }
        }

        [TestMethod]
        public void After_a_torn_tail_is_dropped_new_swipes_survive_the_next_reboot()
        {
            RollHarness harness = new RollHarness(10);
            harness.Run("P100 S1 S2");
            byte[] full = harness.Store.Read(harness.Options.JournalName);
            harness.Store.Tear(harness.Options.JournalName, full.Length - 3);

            harness.Reboot();
            Assert.AreEqual("Accepted Accepted", harness.Run("S2 S3"));
            string expected = RollHarness.Describe(harness.Roll);

            Assert.AreEqual(expected, RollHarness.Describe(harness.Reboot()));
            Assert.AreEqual(3, harness.Roll.StudentCount);
        }

        [TestMethod]
        public void A_store_refusing_writes_at_start_up_does_not_stop_the_restore()
        {
            RollHarness harness = new RollHarness(10);
            harness.Run("P100 S1 S2");
            string expected = RollHarness.Describe(harness.Roll);
            byte[] full = harness.Store.Read(harness.Options.JournalName);
            byte[] torn = new byte[full.Length + 4];
            Array.Copy(full, torn, full.Length);
            harness.Store.SetBytes(harness.Options.JournalName, torn);
            harness.Store.FailWrites = true;

            Assert.AreEqual(expected, RollHarness.Describe(harness.Reboot()));
            harness.Store.FailWrites = false;
            Assert.AreEqual("Accepted", harness.Run("S3"));
            string after = RollHarness.Describe(harness.Roll);
            Assert.AreEqual(after, RollHarness.Describe(harness.Reboot()));
            Assert.AreEqual(3, harness.Roll.StudentCount);
        }

        [TestMethod]
        [DataRow(8, 0xFF)]
        [DataRow(1, 0x00)]
        [DataRow(0, 0x00)]
        [DataRow(40, 0x00)]
        public void Garbage_in_the_journal_starts_closed_and_deletes_it(int length, int fill)
        {
            byte[] garbage = new byte[length];
            for (int index = 0; index < length; index++)
            {
                garbage[index] = (byte)fill;
            }

            RollHarness harness = new RollHarness(10);
            harness.Store.SetBytes(harness.Options.JournalName, garbage);

            Assert.AreEqual(RollState.Closed, harness.Reboot().State);
            Assert.IsNull(harness.Store.Read(harness.Options.JournalName));
        }

        [TestMethod]
        [DataRow("123456789", 0xCBF43926u)]
        [DataRow("", 0x00000000u)]
        [DataRow("a", 0xE8B7BE43u)]
        public void Crc32_matches_the_IEEE_check_values(string text, uint expected)
        {
            byte[] bytes = new byte[text.Length];
            for (int index = 0; index < text.Length; index++)
            {
                bytes[index] = (byte)text[index];
            }

            Assert.AreEqual(expected, Crc32.Compute(bytes, 0, bytes.Length));
        }
    }
}
