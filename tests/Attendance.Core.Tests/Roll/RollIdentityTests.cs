using System;
using System.Collections;
using Attendance.Core.Roll;
using Attendance.Core.Tests.Fakes;

namespace Attendance.Core.Tests.Roll
{
    /// <summary>
    /// Roll identities stay unique across restarts, power cuts, clock steps and a damaged counter; the journal's
    /// Open record carries the roll number (version 2) and version 1 journals are still restored.
    /// </summary>
    [TestClass]
    public class RollIdentityTests
    {
        [TestMethod]
        public void A_restart_in_the_same_clock_second_gives_the_next_roll_a_new_identity()
        {
            RollHarness harness = new RollHarness(10);
            harness.Run("P100 S1 P100");
            string first = harness.Roll.BeginClose().RollId;
            harness.Roll.CompleteClose();

            harness.Reboot();
            harness.Run("P100 S2 P100");
            ClosedRoll second = RollInMemory.Copy(harness.Roll.BeginClose());

            Assert.AreEqual(RollHarness.Start, second.OpenedUtc);
            Assert.AreNotEqual(first, second.RollId);
            Assert.IsTrue(second.RollId.StartsWith("T01-20261123T081500Z-"), second.RollId);
        }

        [TestMethod]
        [DataRow(-60)]
        [DataRow(-1)]
        [DataRow(0)]
        public void A_clock_stepped_back_to_an_earlier_roll_s_second_still_gives_a_new_identity(int minutes)
        {
            RollHarness harness = new RollHarness(10);
            Hashtable seen = new Hashtable();
            for (int roll = 0; roll < 5; roll++)
            {
                harness.Clock.UtcNow = RollHarness.Start.AddMinutes(roll == 0 ? 0 : minutes);
                Assert.AreEqual("Opened", harness.Run("P100"));
                string id = harness.Roll.RollId;
                Assert.IsFalse(seen.Contains(id), id);
                seen[id] = true;
                harness.Run("P100 hand reboot");
            }
        }

        [TestMethod]
        public void Each_open_writes_the_counter_before_the_journal_and_a_failed_counter_write_opens_nothing()
        {
            RollHarness harness = new RollHarness(10);
            harness.Store.FailWrites = true;
            Assert.AreEqual("StorageFailed", harness.Run("P100"));
            Assert.IsNull(harness.Store.Read(harness.Options.JournalName));

            harness.Store.FailWrites = false;
            Assert.AreEqual("Opened", harness.Run("P100"));
            string id = harness.Roll.RollId;
            long number = long.Parse(id.Substring(id.LastIndexOf('-') + 1));
            long a = Copy(harness, "a");
            long b = Copy(harness, "b");
            long stored = a > b ? a : b;
            Assert.AreEqual(number, stored, "the counter holds the number of the roll just opened");
        }

        [TestMethod]
        [DataRow("a", 0)]
        [DataRow("a", 5)]
        [DataRow("a", 15)]
        [DataRow("b", 4)]
        [DataRow("b", 11)]
        [DataRow("ab", 7)]
        public void A_damaged_counter_never_hands_out_a_number_already_used(string damaged, int position)
        {
            RollHarness harness = new RollHarness(10);
            Hashtable used = new Hashtable();
            for (int roll = 0; roll < 4; roll++)
            {
                used[OpenCloseHand(harness)] = true;
            }

            for (int copy = 0; copy < damaged.Length; copy++)
            {
                string name = harness.Options.SequenceName + "." + damaged[copy];
                byte[] bytes = (byte[])harness.Store.Read(name).Clone();
                bytes[position] ^= 0x10;
                harness.Store.SetBytes(name, bytes);
            }

            harness.Reboot();
            Assert.IsNotNull(harness.Roll.SequenceProblem);
            for (int roll = 0; roll < 3; roll++)
            {
                long number = OpenCloseHand(harness);
                Assert.IsFalse(used.Contains(number), number.ToString());
                used[number] = true;
            }
        }

        [TestMethod]
        public void A_lost_counter_on_a_used_terminal_jumps_to_the_seconds_since_2020()
        {
            RollHarness harness = new RollHarness(10);
            long before = OpenCloseHand(harness);
            harness.Store.SetBytes(harness.Options.SequenceName + ".a", null);
            harness.Store.SetBytes(harness.Options.SequenceName + ".b", null);

            harness.Reboot();
            long after = OpenCloseHand(harness);

            long seconds = (RollHarness.Start.Ticks - new DateTime(2020, 1, 1).Ticks) / TimeSpan.TicksPerSecond;
            Assert.IsTrue(after > seconds && after > before, after.ToString());
        }

        [TestMethod]
        public void A_new_terminal_counts_from_one()
        {
            RollHarness harness = new RollHarness(10);

            Assert.AreEqual(1L, OpenCloseHand(harness));
            Assert.AreEqual(2L, OpenCloseHand(harness));
        }

        [TestMethod]
        public void A_counter_behind_the_journal_continues_after_the_journal_s_roll()
        {
            RollHarness harness = new RollHarness(10);
            OpenCloseHand(harness);
            harness.Run("P100 S1");
            string open = harness.Roll.RollId;
            harness.Store.SetBytes(harness.Options.SequenceName + ".a", null);
            harness.Store.SetBytes(harness.Options.SequenceName + ".b", null);

            harness.Reboot();
            Assert.AreEqual(open, harness.Roll.RollId);
            harness.Run("P100 hand");
            Assert.AreEqual("Opened", harness.Run("P100"));
            Assert.AreNotEqual(open, harness.Roll.RollId);
        }

        [TestMethod]
        public void A_version_1_journal_is_restored_with_its_old_identity()
        {
            RollHarness harness = new RollHarness(10);
            long opened = RollHarness.Start.Ticks;
            byte[] journal = Concat(
                OpenRecordVersion1(opened, "T01", "P100", "p100@uni.example"),
                Swipe(opened + TimeSpan.TicksPerMinute, "S1"),
                Swipe(opened + (2 * TimeSpan.TicksPerMinute), "S2"));
            harness.Store.SetBytes(harness.Options.JournalName, journal);

            AttendanceRoll roll = harness.Reboot();

            Assert.AreEqual(RollState.Open, roll.State);
            Assert.AreEqual("T01-20261123T081500Z", roll.RollId);
            Assert.AreEqual(2, roll.StudentCount);
            Assert.AreEqual("p100@uni.example", roll.ProfessorEmail);
            Assert.AreEqual(0, roll.DroppedJournalBytes);
            harness.Run("P100 hand");
            Assert.AreEqual("Opened", harness.Run("P100"));
            Assert.IsTrue(harness.Roll.RollId.StartsWith("T01-20261123T081500Z-"), harness.Roll.RollId);
        }

        // Records with a valid CRC but impossible times: the replay stops before them (like a torn tail), so the
        // roll is restored open (or closed when the Open itself is impossible), never Closing with a bad time.
        [TestMethod]
        [DataRow("close", -1L, "open 1")]
        [DataRow("close", 630822816000000000L, "open 1")]
        [DataRow("close", 3155378975999999999L, "open 1")]
        [DataRow("close", 9223372036854775807L, "open 1")]
        [DataRow("close", -7200L, "open 1")]
        [DataRow("close", -60L, "closing 1")]
        [DataRow("swipe", -7200L, "open 1")]
        [DataRow("swipe", 3155378975999999999L, "open 1")]
        [DataRow("swipe", -120L, "open 2")]
        [DataRow("open", 0L, "closed 0")]
        [DataRow("open", 3155378975999999999L, "closed 0")]
        [DataRow("open", 630822816000000000L, "closed 0")]
        public void A_record_with_an_impossible_time_is_dropped_as_damaged(string record, long ticks, string expected)
        {
            // ticks: absolute when above a day's worth of seconds (or negative below -1e6), else seconds from the roll's S1 swipe.
            RollHarness harness = new RollHarness(10);
            long opened = RollHarness.Start.Ticks;
            long s1 = opened + TimeSpan.TicksPerMinute;
            long time = ticks > 86400L || ticks == -1L || ticks == 0L ? ticks : s1 + (ticks * TimeSpan.TicksPerSecond);
            byte[] journal;
            if (record == "open")
            {
                journal = Concat(Open(time, 7, "T01", "P100"), Swipe(s1, "S1"), new byte[0]);
            }
            else if (record == "swipe")
            {
                journal = Concat(Open(opened, 7, "T01", "P100"), Swipe(s1, "S1"), Swipe(time, "S2"));
            }
            else
            {
                journal = Concat(Open(opened, 7, "T01", "P100"), Swipe(s1, "S1"), Close(time));
            }

            harness.Store.SetBytes(harness.Options.JournalName, journal);
            AttendanceRoll roll = harness.Reboot();

            Assert.AreEqual(expected, RollHarness.StateName(roll.State) + " " + roll.StudentCount.ToString());
            ClosedRoll snapshot = roll.Snapshot();
            if (snapshot != null)
            {
                Assert.AreEqual(opened, snapshot.OpenedUtc.Ticks);
                for (int index = 0; index < snapshot.SwipeTimesUtc.Length; index++)
                {
                    Assert.IsTrue(snapshot.SwipeTimesUtc[index].Ticks >= opened);
                }

                Assert.IsTrue(roll.State != RollState.Closing || snapshot.ClosedUtc.Ticks >= s1, "close never before the latest swipe");
            }
        }

        [TestMethod]
        public void A_clock_stepped_back_mid_roll_keeps_times_in_order_and_the_journal_replays_whole()
        {
            RollHarness harness = new RollHarness(10);
            harness.Run("P100 +10 S1");
            harness.Clock.UtcNow = RollHarness.Start.AddHours(-3);
            harness.Run("S2 P100");
            string expected = RollHarness.Describe(harness.Roll);
            ClosedRoll closed = RollInMemory.Copy(harness.Roll.BeginClose());

            Assert.IsTrue(closed.SwipeTimesUtc[1] >= closed.SwipeTimesUtc[0]);
            Assert.IsTrue(closed.ClosedUtc >= closed.SwipeTimesUtc[1]);
            Assert.AreEqual(expected, RollHarness.Describe(harness.Reboot()));
            Assert.AreEqual(0, harness.Roll.DroppedJournalBytes);
        }

        [TestMethod]
        [DataRow(0L)]
        [DataRow(-5L)]
        [DataRow(1000000000000L)]
        public void A_journal_roll_number_out_of_range_drops_the_open(long number)
        {
            RollHarness harness = new RollHarness(10);
            harness.Store.SetBytes(harness.Options.JournalName, Open(RollHarness.Start.Ticks, number, "T01", "P100"));

            Assert.AreEqual(RollState.Closed, harness.Reboot().State);
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(12)]
        [DataRow(15)]
        public void Every_flipped_bit_of_a_counter_copy_is_detected(int position)
        {
            byte[] record = new byte[RollSequence.RecordSize];
            RollSequence.Encode(record, 42);
            Assert.AreEqual(42L, RollSequence.Parse(record));
            for (int bit = 0; bit < 8; bit++)
            {
                byte[] flipped = (byte[])record.Clone();
                flipped[position] ^= (byte)(1 << bit);
                Assert.AreEqual(-1L, RollSequence.Parse(flipped));
            }
        }

        private static long OpenCloseHand(RollHarness harness)
        {
            Assert.AreEqual("Opened", harness.Run("P100"));
            string id = harness.Roll.RollId;
            harness.Run("P100 hand");
            return long.Parse(id.Substring(id.LastIndexOf('-') + 1));
        }

        private static long Copy(RollHarness harness, string copy)
        {
            return RollSequence.Parse(harness.Store.Read(harness.Options.SequenceName + "." + copy));
        }

        /// <summary>A version 2 Open record holding <paramref name="number"/> as it is, even one the writer would never write.</summary>
        private static byte[] Open(long ticks, long number, string terminal, string professor)
        {
            byte[] buffer = new byte[RollJournal.OpenRecordSize(terminal, professor, null)];
            int end = RollJournal.EncodeOpen(buffer, 0, ticks, 1, terminal, professor, null);
            LittleEndian.WriteInt64(buffer, 3 + 9, number);
            LittleEndian.WriteUInt32(buffer, end - 4, Crc32.Compute(buffer, 0, end - 4));
            return Cut(buffer, end);
        }

        private static byte[] Swipe(long ticks, string code)
        {
            byte[] buffer = new byte[64];
            return Cut(buffer, RollJournal.EncodeSwipe(buffer, 0, ticks, code.ToCharArray(), code.Length));
        }

        private static byte[] Close(long ticks)
        {
            byte[] buffer = new byte[64];
            return Cut(buffer, RollJournal.EncodeClose(buffer, 0, ticks, false));
        }

        /// <summary>A version 1 Open record as the terminal wrote it before roll numbers: no number after the time.</summary>
        private static byte[] OpenRecordVersion1(long ticks, string terminal, string professor, string email)
        {
            byte[] emailBytes = System.Text.Encoding.UTF8.GetBytes(email);
            int payloadLength = 1 + 8 + 1 + terminal.Length + 1 + professor.Length + 2 + emailBytes.Length;
            byte[] record = new byte[RollJournal.Overhead + payloadLength];
            LittleEndian.WriteUInt16(record, 0, 1 + payloadLength);
            record[2] = RollJournal.OpenRecord;
            record[3] = RollJournal.FormatVersion1;
            LittleEndian.WriteInt64(record, 4, ticks);
            int cursor = 12;
            cursor = Ascii(record, cursor, terminal);
            cursor = Ascii(record, cursor, professor);
            LittleEndian.WriteUInt16(record, cursor, emailBytes.Length);
            Array.Copy(emailBytes, 0, record, cursor + 2, emailBytes.Length);
            cursor += 2 + emailBytes.Length;
            LittleEndian.WriteUInt32(record, cursor, Crc32.Compute(record, 0, cursor));
            return record;
        }

        private static int Ascii(byte[] buffer, int position, string text)
        {
            buffer[position] = (byte)text.Length;
            for (int index = 0; index < text.Length; index++)
            {
                buffer[position + 1 + index] = (byte)text[index];
            }

            return position + 1 + text.Length;
        }

        private static byte[] Cut(byte[] buffer, int length)
        {
            byte[] result = new byte[length];
            Array.Copy(buffer, result, length);
            return result;
        }

        private static byte[] Concat(byte[] first, byte[] second, byte[] third)
        {
            byte[] all = new byte[first.Length + second.Length + third.Length];
            Array.Copy(first, 0, all, 0, first.Length);
            Array.Copy(second, 0, all, first.Length, second.Length);
            Array.Copy(third, 0, all, first.Length + second.Length, third.Length);
            return all;
        }
    }
}
