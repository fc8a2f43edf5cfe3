using System;
using Attendance.Core.Roll;
using Attendance.Core.Tests.Fakes;
using Attendance.Core.Tests.Support;

namespace Attendance.Core.Tests.Roll
{
    [TestClass]
    public class AttendanceRollTests
    {
        // Scripts: see RollHarness. P100 and P200 are professors; P200 is also in the offline cache.
        [TestMethod]
        [DataRow(3, "S1", "NotProfessor")]
        [DataRow(3, "P100 S1 S2 P100", "Opened Accepted Accepted Closing")]
        [DataRow(3, "P100 S1 S1 S1", "Opened Accepted Duplicate Duplicate")]
        [DataRow(3, "P100 S1 S2 S3 S4 S1", "Opened Accepted Accepted Accepted RollFull Duplicate")]
        [DataRow(3, "P100 P200 S1 P100", "Opened OtherProfessor Accepted Closing")]
        [DataRow(3, "P100 P100 S1 P100 hand P100", "Opened Closing ClosePending ClosePending Opened")]
        [DataRow(3, "unset P100 set P100", "ClockNotSet Opened")]
        [DataRow(3, "P100 S1 unset S1 S2 P100 set S2", "Opened Accepted Duplicate ClockNotSet ClockNotSet Accepted")]
        [DataRow(3, "down P100 P200 S1", "ServerUnreachable OpenedFromCache Accepted")]
        [DataRow(3, "keyrefused P100 P200 S1", "KeyRefused OpenedFromCache Accepted")]
        // P100 was never confirmed on this terminal: while open it counts as a student (docs/roll.md).
        [DataRow(3, "down P200 up P100", "OpenedFromCache Accepted")]
        [DataRow(3, "P100 P100 hand P200 P100", "Opened Closing Opened OtherProfessor")]
        [DataRow(3, "P100 +239 overdue +1 overdue S1 P100", "Opened open auto ClosePending ClosePending")]
        [DataRow(3, "P100 unset overdue", "Opened open")]
        [DataRow(3, "overdue", "open")]
        [DataRow(3, "P100 S1 reboot S1 S2 reboot P100 reboot hand reboot", "Opened Accepted open Duplicate Accepted open Closing closing closed")]
        public void Script_gives_results(int capacity, string script, string expected)
        {
            RollHarness harness = new RollHarness(capacity);

            Assert.AreEqual(expected, harness.Run(script));
        }

        [TestMethod]
        [DataRow("S1", 1)]
        [DataRow("P100 S1 S2 S1 P200 P100", 1)]
        [DataRow("down P200 S1", 1)]
        public void Student_swipes_never_call_the_directory(string script, int expectedCalls)
        {
            RollHarness harness = new RollHarness(10);

            harness.Run(script);

            Assert.AreEqual(expectedCalls, harness.Directory.CallCount);
        }

        [TestMethod]
        public void A_refused_key_is_kept_for_the_log_even_when_the_cache_opens_the_roll()
        {
            RollHarness harness = new RollHarness(10);

            Assert.AreEqual("OpenedFromCache", harness.Run("keyrefused P200"));
            Assert.AreEqual((int)Attendance.Core.Lookup.LookupFailure.KeyRefused, (int)harness.Roll.LastProfessorCheckFailure.Failure);

            harness.Run("up P200 hand");
            Assert.AreEqual("Opened", harness.Run("P100"));
            Assert.IsNull(harness.Roll.LastProfessorCheckFailure);
        }

        [TestMethod]
        public void A_roll_reopened_in_the_same_second_gets_its_own_identity()
        {
            RollHarness harness = new RollHarness(10);
            harness.Run("P100 S1 P100");
            string first = harness.Roll.BeginClose().RollId;
            harness.Roll.CompleteClose();

            harness.Run("P100 S2 P100");
            ClosedRoll second = RollInMemory.Copy(harness.Roll.BeginClose());

            Assert.AreNotEqual(first, second.RollId);
            Assert.AreEqual(RollIdentity.Format(harness.Options.TerminalId, RollHarness.Start, 1), first);
            Assert.AreEqual(RollIdentity.Format(harness.Options.TerminalId, RollHarness.Start, 2), second.RollId);
            Assert.AreEqual(RollHarness.Start, second.OpenedUtc, "the opening time is the real one, not moved a second on");
            Assert.AreEqual("S2", second.StudentCodes[0]);
        }

        [TestMethod]
        public void The_closed_roll_holds_everything_in_swipe_order()
        {
            RollHarness harness = new RollHarness(10);
            harness.Run("P100 +1 S2 +1 S1 S2 +5 P100");

            ClosedRoll roll = RollInMemory.Copy(harness.Roll.BeginClose());

            Assert.AreEqual("T01-20261123T081500Z-000001", roll.RollId);
            Assert.AreEqual("T01", roll.TerminalId);
            Assert.AreEqual("P100", roll.ProfessorCode);
            Assert.AreEqual("p100@uni.example", roll.ProfessorEmail);
            Assert.AreEqual(RollHarness.Start, roll.OpenedUtc);
            Assert.AreEqual(RollHarness.Start.AddMinutes(7), roll.ClosedUtc);
            Assert.IsFalse(roll.ClosedAutomatically);
            Assert.AreEqual(2, roll.StudentCodes.Length);
            Assert.AreEqual("S2", roll.StudentCodes[0]);
            Assert.AreEqual("S1", roll.StudentCodes[1]);
            Assert.AreEqual(RollHarness.Start.AddMinutes(1), roll.SwipeTimesUtc[0]);
            Assert.AreEqual(RollHarness.Start.AddMinutes(2), roll.SwipeTimesUtc[1]);
        }

        [TestMethod]
        public void An_automatic_close_is_marked_and_timed_when_detected()
        {
            RollHarness harness = new RollHarness(10);
            harness.Run("P100 S1 +300 overdue");

            ClosedRoll roll = RollInMemory.Copy(harness.Roll.BeginClose());

            Assert.IsTrue(roll.ClosedAutomatically);
            Assert.AreEqual(RollHarness.Start.AddMinutes(300), roll.ClosedUtc);
        }

        [TestMethod]
        public void A_roll_opened_from_the_cache_has_no_email()
        {
            RollHarness harness = new RollHarness(10);
            harness.Run("down P200");

            Assert.AreEqual(RollState.Open, harness.Roll.State);
            Assert.IsNull(harness.Roll.ProfessorEmail);
        }

        [TestMethod]
        [DataRow("T01", 2026, 11, 23, 8, 15, 0, 42, "T01-20261123T081500Z-000042")]
        [DataRow("SALA-B2", 2030, 1, 2, 23, 59, 9, 1, "SALA-B2-20300102T235909Z-000001")]
        [DataRow("T01", 2026, 11, 23, 8, 15, 0, 218160000, "T01-20261123T081500Z-218160000")]
        [DataRow("T01", 2026, 11, 23, 8, 15, 0, 0, "T01-20261123T081500Z")]
        public void RollId_is_terminal_opening_time_and_roll_number(string terminal, int year, int month, int day, int hour, int minute, int second, int number, string expected)
        {
            Assert.AreEqual(expected, RollIdentity.Format(terminal, new DateTime(year, month, day, hour, minute, second), number));
        }

        [TestMethod]
        public void Handing_over_twice_gives_the_same_roll_and_a_reboot_between_phases_keeps_it()
        {
            RollHarness harness = new RollHarness(10);
            harness.Run("P100 S1 +1 S2 P100");
            string before = RollHarness.Describe(harness.Roll);
            ClosedRoll first = RollInMemory.Copy(harness.Roll.BeginClose());

            AttendanceRoll restored = harness.Reboot();
            ClosedRoll second = RollInMemory.Copy(restored.BeginClose());

            Assert.AreEqual(before, RollHarness.Describe(restored));
            Assert.AreEqual(first.RollId, second.RollId);
            restored.CompleteClose();
            Assert.IsNull(harness.Store.Read(harness.Options.JournalName));
            Assert.AreEqual(RollState.Closed, harness.Reboot().State);
        }

        [TestMethod]
        public void BeginClose_and_CompleteClose_refuse_when_no_roll_is_closing()
        {
            RollHarness harness = new RollHarness(10);
            Expect.Throws(typeof(InvalidOperationException), delegate { harness.Roll.BeginClose(); });
            harness.Run("P100");
            Expect.Throws(typeof(InvalidOperationException), delegate { harness.Roll.CompleteClose(); });
        }

        [TestMethod]
        [DataRow("")]
        [DataRow("A B")]
        [DataRow("123456789012345678901")]
        [DataRow("JOS\u00c9")]
        public void Malformed_codes_are_refused(string code)
        {
            RollHarness harness = new RollHarness(10);
            Expect.Throws(typeof(ArgumentException), delegate { harness.Roll.Swipe(code); });
        }

        [TestMethod]
        public void A_failed_journal_write_refuses_the_swipe_and_later_writes_rebuild_the_journal()
        {
            RollHarness harness = new RollHarness(10);
            harness.Run("P100 S1");
            harness.Store.FailWrites = true;

            Assert.AreEqual("StorageFailed", harness.Run("S2"));
            Assert.AreEqual(1, harness.Roll.StudentCount);
            harness.Store.FailWrites = false;
            // A partial record left by the failed write: the next write must not append after it.
            byte[] journal = harness.Store.Read(harness.Options.JournalName);
            byte[] torn = new byte[journal.Length + 5];
            Array.Copy(journal, torn, journal.Length);
            harness.Store.SetBytes(harness.Options.JournalName, torn);
            Assert.AreEqual("Accepted Accepted", harness.Run("S2 S3"));
            string before = RollHarness.Describe(harness.Roll);

            Assert.AreEqual(before, RollHarness.Describe(harness.Reboot()));
            Assert.AreEqual(3, harness.Roll.StudentCount);
        }

        [TestMethod]
        public void A_failed_open_write_leaves_the_roll_closed()
        {
            RollHarness harness = new RollHarness(10);
            harness.Store.FailWrites = true;

            Assert.AreEqual("StorageFailed", harness.Run("P100"));
            Assert.AreEqual(RollState.Closed, harness.Roll.State);
        }
    }
}
