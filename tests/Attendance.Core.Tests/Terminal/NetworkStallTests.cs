using System;
using System.Threading;
using Attendance.Core.Configuration;
using Attendance.Core.Hardware;
using Attendance.Core.Roll;
using Attendance.Core.Terminal;
using Attendance.Core.Tests.Fakes;

namespace Attendance.Core.Tests.Terminal
{
    /// <summary>
    /// The door never waits for the network (issue 11): with the network worker on its own thread and blocked
    /// on a server that accepts and never answers, every swipe is still signalled and journaled in the step
    /// that read it, a second roll opens and closes, and nothing is lost once the server answers again.
    /// "In the step that read it" is the bound: the test thread is the door loop, so a step that waited for
    /// the network would not return before the stall ends (its deadline is 30 s), and the assertions check
    /// that the stall is still holding after every step.
    /// </summary>
    [TestClass]
    public class NetworkStallTests
    {
        private const string Professor = "P1001";
        private const int StallDeadlineMilliseconds = 30000;

        [TestMethod]
        [DataRow(false)]
        [DataRow(true)]
        public void Swipes_are_signalled_and_journaled_while_the_worker_hangs(bool lookupHangs)
        {
            Stall stall = new Stall(StallDeadlineMilliseconds);
            FakeClock clock = new FakeClock(new DateTime(2026, 11, 23, 8, 0, 0));
            ScriptedCardReaderPort port = new ScriptedCardReaderPort();
            FakeIndicatorLights lights = new FakeIndicatorLights();
            InMemoryDurableStore memory = new InMemoryDurableStore();
            FakeProfessorDirectory directory = new FakeProfessorDirectory();
            directory.AddProfessor(Professor, "prof@school.example");
            StallingReportBuilder reports = new StallingReportBuilder(lookupHangs ? stall : null);
            StallingSmtpSender sender = new StallingSmtpSender(lookupHangs ? null : stall);
            TerminalHardware hardware = new TerminalHardware(port, lights, clock, new FakeNetworkConnector(), new LockedStore(memory), new LockedLog());
            TerminalController terminal = new TerminalController(hardware, Settings(), directory, reports, sender);
            WorkerThread worker = new WorkerThread(terminal);
            try
            {
                // First roll: closed, handed over, and the worker hangs on it.
                port.Swipe(Professor);
                port.Swipe("A0001");
                port.Swipe("A0002");
                port.Swipe(Professor);
                for (int i = 0; i < 2000 && !stall.WaitUntilHolding(5); i++)
                {
                    Step(terminal, clock);
                }

                Assert.IsTrue(stall.Holding, "the worker should be blocked on the stalled server");
                Assert.AreEqual((int)RollState.Closed, (int)terminal.RollState);

                // Second roll while the first is stuck: every swipe handled in its own step.
                port.Swipe(Professor);
                Step(terminal, clock);
                Assert.AreEqual((int)RollState.Open, (int)terminal.RollState);
                for (int student = 1; student <= 20; student++)
                {
                    string code = "B" + student.ToString("D4");
                    port.Swipe(code);
                    Step(terminal, clock);

                    Assert.IsTrue(stall.Holding, "swipe " + code + " was handled only after the stall ended");
                    Assert.AreEqual("off", lights.Lit, "swipe " + code + " not signalled (Accepted starts with green off)");
                    Assert.IsTrue(Contains(memory.Read("roll.journal"), code), "swipe " + code + " not journaled");
                    for (int i = 0; i < 30; i++)
                    {
                        Step(terminal, clock);
                    }
                }

                port.Swipe(Professor);
                Step(terminal, clock);
                Assert.IsTrue(stall.Holding);
                Assert.AreEqual((int)RollState.Closed, (int)terminal.RollState);
                Assert.AreEqual(2, terminal.OutboxEntries().Length);

                // The server answers again: both rolls go out, with every student.
                stall.Release();
                for (int i = 0; i < 2000 && terminal.OutboxEntries().Length > 0; i++)
                {
                    Step(terminal, clock);
                    Thread.Sleep(2);
                }

                Assert.AreEqual(0, terminal.OutboxEntries().Length);
                Assert.AreEqual(2, sender.Sends);
                ClosedRoll[] rolls = reports.Rolls();
                Assert.AreEqual(2, rolls.Length);
                Assert.AreEqual(2, rolls[0].StudentCodes.Length);
                Assert.AreEqual(20, rolls[1].StudentCodes.Length);
                Assert.AreEqual("B0020", rolls[1].StudentCodes[19]);
                Assert.IsFalse(stall.TimedOut);
            }
            finally
            {
                stall.Release();
                Assert.IsTrue(worker.Stop(StallDeadlineMilliseconds));
            }

            Assert.AreEqual(0, worker.Failures);
        }

        [TestMethod]
        public void A_black_holed_lookup_server_costs_the_door_one_bounded_wait_then_the_cache_decides()
        {
            FakeClock clock = new FakeClock(new DateTime(2026, 11, 23, 8, 0, 0));
            ScriptedCardReaderPort port = new ScriptedCardReaderPort();
            InMemoryDurableStore store = new InMemoryDurableStore();
            new ProfessorCache(store, "professors.cache", 16, 30).Confirm(Professor, clock.UtcNow.AddDays(-1));
            BlackHoleConnector network = new BlackHoleConnector(clock);
            TerminalHardware hardware = new TerminalHardware(port, new FakeIndicatorLights(), clock, network, store, new MailRecordingLog());
            TerminalSettings settings = Settings();
            settings.LookupHost = "lookup.school.example";
            settings.SmtpHost = "mail.school.example";
            TerminalController terminal = new TerminalController(hardware, settings);

            // An unknown card: one wait of at most the check's bound, connect included, then "unreachable".
            long before = clock.MonotonicMilliseconds;
            port.Swipe("X9999");
            terminal.Step();
            Assert.AreEqual(1, network.Connects);
            Assert.AreEqual(BoundedProfessorDirectory.CheckMilliseconds, network.LastTimeoutMilliseconds);
            Assert.IsTrue(clock.MonotonicMilliseconds - before <= BoundedProfessorDirectory.CheckMilliseconds + TerminalController.CardReadTimeoutMilliseconds);
            Assert.AreEqual((int)RollState.Closed, (int)terminal.RollState);

            // Moments later the cached professor opens at once: the server is not asked again.
            before = clock.MonotonicMilliseconds;
            port.Swipe(Professor);
            terminal.Step();
            Assert.AreEqual(1, network.Connects);
            Assert.AreEqual(0L, clock.MonotonicMilliseconds - before);
            Assert.AreEqual((int)RollState.Open, (int)terminal.RollState);

            // After the quiet period the server is asked again (and the roll closes without a lookup).
            clock.Advance(BoundedProfessorDirectory.SkipAfterFailureMilliseconds);
            port.Swipe(Professor);
            terminal.Step();
            Assert.AreEqual((int)RollState.Closed, (int)terminal.RollState);
            port.Swipe("X9998");
            terminal.Step();
            Assert.AreEqual(2, network.Connects);
        }

        private static TerminalSettings Settings()
        {
            TerminalSettings settings = new TerminalSettings();
            settings.TerminalId = "T01";
            settings.MailFrom = "terminal@school.example";
            settings.MailRetryFirstSeconds = 2;
            settings.MailRetryMaximumSeconds = 2;
            return settings;
        }

        private static void Step(TerminalController terminal, FakeClock clock)
        {
            terminal.Step();
            clock.Advance(TerminalController.CardReadTimeoutMilliseconds);
        }

        private static bool Contains(byte[] data, string code)
        {
            if (data == null)
            {
                return false;
            }

            for (int start = 0; start + code.Length <= data.Length; start++)
            {
                int matched = 0;
                while (matched < code.Length && data[start + matched] == (byte)code[matched])
                {
                    matched++;
                }

                if (matched == code.Length)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
