using System;
using Attendance.Core.Roll;

namespace Attendance.Core.Tests.Roll
{
    /// <summary>
    /// A damaged record in the middle of the journal costs that record only: the replay resumes at the next
    /// intact record and the journal is rebuilt from what was restored. Test methods keep no instance state.
    /// </summary>
    [TestClass]
    public class JournalResyncTests
    {
        [TestMethod]
        [DataRow(3)]
        [DataRow(5)]
        [DataRow(12)]
        public void A_damaged_swipe_between_intact_ones_costs_only_that_swipe(int damagedByte)
        {
            RollHarness harness = new RollHarness(10);
            harness.Run("P100 S1 S2 S3 S4");
            byte[] journal = harness.Store.Read(harness.Options.JournalName);
            int[] starts = RecordStarts(journal);
            Assert.AreEqual(5, starts.Length);
            journal[starts[2] + damagedByte] ^= 0x40;
            harness.Store.SetBytes(harness.Options.JournalName, journal);

            AttendanceRoll roll = harness.Reboot();

            Assert.AreEqual(RollState.Open, roll.State);
            Assert.AreEqual("S1,S3,S4", Codes(roll));
            Assert.IsTrue(roll.DroppedJournalBytes > 0);

            // The journal was rebuilt from the three intact swipes: a new swipe and another reboot lose nothing.
            harness.Run("S5");
            roll = harness.Reboot();
            Assert.AreEqual("S1,S3,S4,S5", Codes(roll));
            Assert.AreEqual(0, roll.DroppedJournalBytes);
        }

        [TestMethod]
        public void A_close_after_a_damaged_swipe_is_still_found()
        {
            RollHarness harness = new RollHarness(10);
            harness.Run("P100 S1 S2 S3 P100");
            byte[] journal = harness.Store.Read(harness.Options.JournalName);
            int[] starts = RecordStarts(journal);
            journal[starts[1] + 4] ^= 0x01;
            harness.Store.SetBytes(harness.Options.JournalName, journal);

            AttendanceRoll roll = harness.Reboot();

            Assert.AreEqual(RollState.Closing, roll.State);
            Assert.AreEqual("S2,S3", Codes(roll));
        }

        [TestMethod]
        public void A_version_1_roll_rebuilt_after_damage_keeps_its_identity()
        {
            RollHarness harness = new RollHarness(10);
            long opened = RollHarness.Start.Ticks;
            byte[] open = new byte[RollJournal.OpenRecordSize("T01", "P100", null)];
            int openLength = RollJournal.EncodeOpen(open, 0, opened, 0, "T01", "P100", null);
            byte[] journal = new byte[openLength + (3 * 64)];
            Array.Copy(open, journal, openLength);
            int end = openLength;
            end = RollJournal.EncodeSwipe(journal, end, opened + TimeSpan.TicksPerMinute, "S1".ToCharArray(), 2);
            int damaged = end;
            end = RollJournal.EncodeSwipe(journal, end, opened + (2 * TimeSpan.TicksPerMinute), "S2".ToCharArray(), 2);
            end = RollJournal.EncodeSwipe(journal, end, opened + (3 * TimeSpan.TicksPerMinute), "S3".ToCharArray(), 2);
            byte[] stored = new byte[end];
            Array.Copy(journal, stored, end);
            stored[damaged + 6] ^= 0x08;
            harness.Store.SetBytes(harness.Options.JournalName, stored);

            AttendanceRoll roll = harness.Reboot();
            Assert.AreEqual("T01-20261123T081500Z", roll.RollId);
            Assert.AreEqual("S1,S3", Codes(roll));

            roll = harness.Reboot();
            Assert.AreEqual("T01-20261123T081500Z", roll.RollId);
            Assert.AreEqual("S1,S3", Codes(roll));
        }

        private static int[] RecordStarts(byte[] journal)
        {
            int[] found = new int[64];
            int count = 0;
            int position = 0;
            while (position < journal.Length)
            {
                found[count++] = position;
                position = RollJournal.NextRecord(journal, position, journal.Length);
                Assert.IsTrue(position > 0);
            }

            int[] starts = new int[count];
            Array.Copy(found, starts, count);
            return starts;
        }

        private static string Codes(AttendanceRoll roll)
        {
            ClosedRoll snapshot = roll.Snapshot();
            string joined = "";
            for (int i = 0; i < snapshot.StudentCodes.Length; i++)
            {
                joined += (i > 0 ? "," : "") + snapshot.StudentCodes[i];
            }

            return joined;
        }
    }
}
