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
        private const string Professor = "P1001";

        [TestMethod]
        public void A_failed_email_is_signalled_again_after_a_restart()
        {
            Rig failed = new Rig();
            failed.Sender.Outcome = MailFakeSender.Permanent;
            TakeRollOfOneStudent(failed.Start(), failed);

            Rig delivered = new Rig();
            TakeRollOfOneStudent(delivered.Start(), delivered);

            // Power cut, then 2.5 s of a terminal nobody touches: the "e-mail failed" pattern (red blinks with
            // long dark pauses) only where an e-mail failed for good.
            Assert.IsTrue(DarkSteps(failed.Start(), failed, 2500) > 0, "the failure signal did not come back after the restart");
            Assert.AreEqual(0, DarkSteps(delivered.Start(), delivered, 2500));
        }

        [TestMethod]
        public void A_damaged_outbox_record_neither_stops_start_up_nor_blocks_the_next_roll()
        {
            Rig rig = new Rig();
            rig.Store.SetBytes("outbox-T01-20261123T070000Z-000001.state", Encoding.UTF8.GetBytes("id=x\nfailures=0x\nend\n"));
            rig.Store.SetBytes("outbox-T01-20261123T070000Z-000001.roll", new byte[] { 0xFF, 0x00, 0x41 });

            TerminalController terminal = rig.Start();
            Assert.IsTrue(DarkSteps(terminal, rig, 2500) > 0, "damaged records were not signalled");

            TakeRollOfOneStudent(terminal, rig);
            Assert.AreEqual(1, rig.Sender.Sends);
            Assert.AreEqual("A2001", rig.Reports.LastRoll.StudentCodes[0]);
        }

        [TestMethod]
        public void A_journal_damaged_at_its_open_record_is_reported_kept_aside_and_the_next_roll_works()
        {
            Rig rig = new Rig();
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
            TakeRollOfOneStudent(terminal, rig);
            Assert.AreEqual(1, rig.Sender.Sends);
        }

        [TestMethod]
        public void A_roll_restored_as_closing_is_in_the_outbox_before_any_network_pass()
        {
            Rig rig = new Rig();
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
            Run(terminal, rig, 3);
            Assert.AreEqual(1, rig.Sender.Sends);
        }

        [TestMethod]
        [DataRow((int)LookupFailure.KeyRefused, (int)Signal.KeyRefused)]
        [DataRow((int)LookupFailure.Unreachable, (int)Signal.NetworkTrouble)]
        public void A_lookup_failure_at_close_shows_its_own_signal(int failure, int expected)
        {
            Rig rig = new Rig();
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
                Run(terminal, rig, 1);
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
            Rig rig = new Rig();
            SlowDirectory slow = new SlowDirectory(rig.Clock);
            TerminalHardware hardware = new TerminalHardware(rig.Port, rig.Lights, rig.Clock, new FakeNetworkConnector(), rig.Store, new MailRecordingLog());
            TerminalController terminal = new TerminalController(hardware, rig.Settings, slow, rig.Reports, rig.Sender);
            slow.Terminal = terminal;

            rig.Port.Swipe(Professor);
            Run(terminal, rig, 1);

            // While the server was asked: "checking". After 3 s without an answer: "server unreachable", shown
            // from now on, not already over because it was dated from the card.
            Assert.AreEqual((int)Signal.CheckingProfessor, slow.SignalDuringCheck);
            Assert.AreEqual((int)Signal.NetworkTrouble, (int)terminal.CurrentSignal);
            Assert.AreEqual("both", rig.Lights.Lit);
        }

        private static void TakeRollOfOneStudent(TerminalController terminal, Rig rig)
        {
            rig.Port.Swipe(Professor);
            rig.Port.Swipe("A2001");
            rig.Port.Swipe(Professor);
            Run(terminal, rig, 5);
        }

        /// <summary>Steps for <paramref name="milliseconds"/> and counts the steps with both LEDs dark.</summary>
        private static int DarkSteps(TerminalController terminal, Rig rig, int milliseconds)
        {
            int dark = 0;
            for (int elapsed = 0; elapsed < milliseconds; elapsed += TerminalController.CardReadTimeoutMilliseconds)
            {
                Run(terminal, rig, 1);
                if (rig.Lights.Lit == "off")
                {
                    dark++;
                }
            }

            return dark;
        }

        private static void Run(TerminalController terminal, Rig rig, int steps)
        {
            for (int i = 0; i < steps; i++)
            {
                terminal.Step();
                terminal.RunNetworkPass();
                rig.Clock.Advance(TerminalController.CardReadTimeoutMilliseconds);
            }
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

        private class Rig
        {
            public readonly FakeClock Clock = new FakeClock(new DateTime(2026, 11, 23, 8, 0, 0));
            public readonly ScriptedCardReaderPort Port = new ScriptedCardReaderPort();
            public readonly FakeIndicatorLights Lights = new FakeIndicatorLights();
            public readonly InMemoryDurableStore Store = new InMemoryDurableStore();
            public readonly FakeProfessorDirectory Directory = new FakeProfessorDirectory();
            public readonly RecordingReportBuilder Reports = new RecordingReportBuilder();
            public readonly MailFakeSender Sender = new MailFakeSender();
            public readonly TerminalSettings Settings = new TerminalSettings();

            public Rig()
            {
                Directory.AddProfessor(Professor, "prof@school.example");
                Settings.TerminalId = "T01";
                Settings.MailFrom = "terminal@school.example";
                Settings.MailRetryFirstSeconds = 2;
                Settings.MailRetryMaximumSeconds = 2;
            }

            public TerminalController Start()
            {
                TerminalHardware hardware = new TerminalHardware(Port, Lights, Clock, new FakeNetworkConnector(), Store, new MailRecordingLog());
                return new TerminalController(hardware, Settings, Directory, Reports, Sender);
            }
        }
    }
}
