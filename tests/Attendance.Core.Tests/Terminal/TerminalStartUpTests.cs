using System;
using System.Text;
using Attendance.Core.Configuration;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Roll;
using Attendance.Core.Signals;
using Attendance.Core.Terminal;
using Attendance.Core.Tests.Fakes;

namespace Attendance.Core.Tests.Terminal
{
    /// <summary>
    /// What the terminal makes of its flash at start-up and of the worker's news: signals that survive a reboot,
    /// damaged records that never stop it, a roll restored as Closing handed over before any network pass, and
    /// a refused terminal key told apart from an unreachable server. Test methods keep no instance state.
    /// </summary>
    [TestClass]
    public class TerminalStartUpTests
    {
        private const string Professor = TerminalRig.Professor;

        [TestMethod]
        public void A_failed_email_is_signalled_again_after_a_restart()
        {
            TerminalRig failed = new TerminalRig();
            failed.Sender.Outcome = MailFakeSender.Permanent;
            failed.TakeRollOfOneStudent(failed.Start());

            TerminalRig delivered = new TerminalRig();
            delivered.TakeRollOfOneStudent(delivered.Start());

            // Power cut, then 2.5 s of a terminal nobody touches: the "e-mail failed" pattern (red blinks with
            // long dark pauses) only where an e-mail failed for good.
            Assert.IsTrue(DarkSteps(failed.Start(), failed, 2500) > 0, "the failure signal did not come back after the restart");
            Assert.AreEqual(0, DarkSteps(delivered.Start(), delivered, 2500));
        }

        [TestMethod]
        public void A_damaged_outbox_record_neither_stops_start_up_nor_blocks_the_next_roll()
        {
            TerminalRig rig = new TerminalRig();
            rig.Store.SetBytes("outbox-T01-20261123T070000Z-000001.state", Encoding.UTF8.GetBytes("id=x\nfailures=0x\nend\n"));
            rig.Store.SetBytes("outbox-T01-20261123T070000Z-000001.roll", new byte[] { 0xFF, 0x00, 0x41 });

            TerminalController terminal = rig.Start();
            Assert.IsTrue(DarkSteps(terminal, rig, 2500) > 0, "damaged records were not signalled");

            rig.TakeRollOfOneStudent(terminal);
            Assert.AreEqual(1, rig.Sender.Sends);
            Assert.AreEqual("A2001", rig.Reports.LastRoll.StudentCodes[0]);
        }

        [TestMethod]
        public void A_journal_damaged_at_its_open_record_is_reported_kept_aside_and_the_next_roll_works()
        {
            TerminalRig rig = new TerminalRig();
            AttendanceRoll roll = new AttendanceRoll(TerminalComponents.Roll(rig.Settings), rig.Clock, rig.Store, rig.Directory);
            roll.Restore();
            roll.Swipe(Professor);
            roll.Swipe("A2001");
            string journalName = TerminalComponents.Roll(rig.Settings).JournalName;
            byte[] journal = rig.Store.Read(journalName);
            journal[5] ^= 0x10;
            rig.Store.SetBytes(journalName, journal);

            TerminalController terminal = rig.Start();

            Assert.AreEqual((int)RollState.Closed, (int)terminal.RollState);
            Assert.IsNotNull(rig.Store.Read("damaged." + journalName));
            Assert.IsNull(rig.Store.Read(journalName));
            Assert.IsTrue(DarkSteps(terminal, rig, 2500) > 0, "the lost roll was not signalled");
            rig.TakeRollOfOneStudent(terminal);
            Assert.AreEqual(1, rig.Sender.Sends);
        }

        [TestMethod]
        public void A_roll_restored_as_closing_is_in_the_outbox_before_any_network_pass()
        {
            TerminalRig rig = new TerminalRig();
            AttendanceRoll roll = new AttendanceRoll(TerminalComponents.Roll(rig.Settings), rig.Clock, rig.Store, rig.Directory);
            roll.Restore();
            roll.Swipe(Professor);
            roll.Swipe("A2001");
            roll.Swipe(Professor);
            Assert.AreEqual((int)RollState.Closing, (int)roll.State);

            // Power cut between the Close record and the hand-over.
            TerminalController terminal = rig.Start();

            Assert.AreEqual((int)RollState.Closed, (int)terminal.RollState);
            OutboxEntry[] entries = terminal.OutboxEntries();
            Assert.AreEqual(1, entries.Length);
            Assert.AreEqual(roll.RollId, entries[0].RollId);
            rig.Run(terminal, 3);
            Assert.AreEqual(1, rig.Sender.Sends);
        }

        [TestMethod]
        [DataRow((int)LookupFailure.KeyRefused, (int)Signal.KeyRefused)]
        [DataRow((int)LookupFailure.Unreachable, (int)Signal.NetworkTrouble)]
        public void A_lookup_failure_at_close_shows_its_own_signal(int failure, int expected)
        {
            TerminalRig rig = new TerminalRig();
            rig.Reports.Unreachable = true;
            rig.Reports.FailureWhileUnreachable = (LookupFailure)failure;
            TerminalController terminal = rig.Start();

            rig.Port.Swipe(Professor);
            rig.Port.Swipe("A2001");
            rig.Port.Swipe(Professor);
            bool seenExpected = false;
            bool seenOther = false;
            for (int i = 0; i < 20; i++)
            {
                rig.Run(terminal, 1);
                int current = (int)terminal.CurrentSignal;
                if (current == expected)
                {
                    seenExpected = true;
                }
                else if (current == (int)Signal.KeyRefused || current == (int)Signal.NetworkTrouble)
                {
                    seenOther = true;
                }
            }

            Assert.IsTrue(seenExpected, "expected signal " + expected.ToString() + " not shown");
            Assert.IsFalse(seenOther);
            Assert.AreEqual(1, terminal.OutboxEntries().Length);
            Assert.AreEqual((int)OutboxEntryStatus.WaitingForLookup, (int)terminal.OutboxEntries()[0].Status);
        }

        [TestMethod]
        public void A_card_that_may_open_the_roll_shows_checking_then_the_answer_even_after_a_long_wait()
        {
            TerminalRig rig = new TerminalRig();
            SlowDirectory slow = new SlowDirectory(rig.Clock);
            TerminalController terminal = rig.Start(slow);
            slow.Terminal = terminal;

            rig.Port.Swipe(Professor);
            rig.Run(terminal, 1);

            // While the server was asked: "checking". After 3 s without an answer: "server unreachable", shown
            // from now on, not already over because it was dated from the card.
            Assert.AreEqual((int)Signal.CheckingProfessor, slow.SignalDuringCheck);
            Assert.AreEqual((int)Signal.NetworkTrouble, (int)terminal.CurrentSignal);
            Assert.AreEqual("both", rig.Lights.Lit);
        }

        /// <summary>Steps for <paramref name="milliseconds"/> and counts the steps with both LEDs dark.</summary>
        private static int DarkSteps(TerminalController terminal, TerminalRig rig, int milliseconds)
        {
            int dark = 0;
            for (int elapsed = 0; elapsed < milliseconds; elapsed += TerminalController.CardReadTimeoutMilliseconds)
            {
                rig.Run(terminal, 1);
                if (rig.Lights.Lit == "off")
                {
                    dark++;
                }
            }

            return dark;
        }

        /// <summary>A lookup server that takes the whole professor-check wait (3 s of fake time), then is unreachable.</summary>
        private class SlowDirectory : IProfessorDirectory
        {
            private readonly FakeClock clock;

            public SlowDirectory(FakeClock clock)
            {
                this.clock = clock;
            }

            public TerminalController Terminal;

            public int SignalDuringCheck = -1;

            public string FindProfessorEmail(string cardCode)
            {
                SignalDuringCheck = (int)Terminal.CurrentSignal;
                clock.Advance(BoundedProfessorDirectory.CheckMilliseconds);
                throw new LookupException(LookupFailure.Timeout, "no answer within the check's wait (fake)");
            }
        }
    }
}
