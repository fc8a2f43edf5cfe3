using System;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Roll;
using Attendance.Core.Tests.Fakes;
using Attendance.Core.Tests.Support;

namespace Attendance.Core.Tests.Mail
{
    [TestClass]
    public class OutboxTests
    {
        [TestMethod]
        public void Enqueued_roll_is_stored_before_any_attempt_and_sent_once()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            Outbox outbox = NewOutbox(store, new MailFakeReportBuilder(), sender, Clock());

            Assert.IsTrue(outbox.Enqueue(Roll("T12-1")));
            Assert.AreEqual(0, sender.Sends);
            Assert.AreEqual(1, outbox.Entries().Length);
            Assert.AreEqual("T12-1", outbox.Entries()[0].RollId);

            OutboxResult result = outbox.ProcessDue();

            Assert.AreEqual(1, result.Sent);
            Assert.IsTrue(result.Empty);
            Assert.AreEqual(1, sender.Sends);
            Assert.AreEqual(0, store.Count);
            Assert.AreEqual("conceicao.araujo@escola.example", sender.LastRecipients[0]);
            Assert.IsTrue(sender.LastMessageBytes > 1000);
        }

        [TestMethod]
        public void Enqueueing_the_same_roll_twice_is_idempotent()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            Outbox outbox = NewOutbox(store, new MailFakeReportBuilder(), new MailFakeSender(), Clock());

            Assert.IsTrue(outbox.Enqueue(Roll("T12-1")));
            Assert.IsFalse(outbox.Enqueue(Roll("T12-1")));

            Assert.AreEqual(1, outbox.Entries().Length);
        }

        [TestMethod]
        public void A_roll_cut_while_being_stored_is_stored_again()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            Outbox outbox = NewOutbox(store, new MailFakeReportBuilder(), new MailFakeSender(), Clock());
            outbox.Enqueue(Roll("T12-1"));
            // A cut during the hand-over: the roll record torn, its state never written (the journal still holds the roll).
            store.Tear("outbox-T12-1.roll", 40);
            store.Delete("outbox-T12-1.state");

            Assert.IsTrue(outbox.Enqueue(Roll("T12-1")));
            Assert.AreEqual(1, outbox.Entries().Length);
            Assert.AreEqual(1, outbox.ProcessDue().Sent);
            Assert.AreEqual(0, store.Count);
        }

        [TestMethod]
        public void Stored_roll_round_trips_with_its_swipes()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            ClosedRoll roll = Roll("T12|odd%id\r\n");
            OutboxRecords.WriteRoll(store, "r", roll);

            ClosedRoll read = OutboxRecords.ReadRoll(store.Read("r"));

            Assert.AreEqual(roll.RollId, read.RollId);
            Assert.IsNull(read.ProfessorEmail);
            Assert.AreEqual(3, read.StudentCodes.Length);
            Assert.AreEqual("20239876", read.StudentCodes[1]);
            Assert.IsTrue(roll.SwipeTimesUtc[2] == read.SwipeTimesUtc[2]);
            Assert.IsTrue(roll.ClosedUtc == read.ClosedUtc);
        }

        [TestMethod]
        public void Stored_report_round_trips_names_and_flags()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            RollReport report = MailSampleReports.Large(50);
            report.Entries[3].StudentName = null;
            report.Entries[4].StudentName = "Pipe|Tilde~Percent%Line\nBreak";
            report.Entries[5].StudentName = null;
            report.Entries[5].NameUnreadable = true;
            report.StudentsPossiblyMissing = 3;
            OutboxRecords.WriteReport(store, "r", report);

            RollReport read = OutboxRecords.ReadReport(store.Read("r"));

            Assert.AreEqual(MailSampleReports.Render(report, MailSampleReports.Settings()),
                MailSampleReports.Render(read, MailSampleReports.Settings()));
            Assert.IsNull(read.Entries[3].StudentName);
            Assert.AreEqual("Pipe|Tilde~Percent%Line\nBreak", read.Entries[4].StudentName);

            // A name the lookup could not decode stays "unreadable" after a restart, not "unknown".
            Assert.IsTrue(read.Entries[5].NameUnreadable);
            Assert.AreEqual(3, read.StudentsPossiblyMissing);
            Assert.IsFalse(read.Entries[3].NameUnreadable);
        }

        [TestMethod]
        public void A_time_never_set_reads_back_as_not_set()
        {
            // default(DateTime) has 0 ticks, below the board's first valid DateTime (1601): reading it back must
            // not call the DateTime constructor with 0, which throws on the board.
            InMemoryDurableStore store = new InMemoryDurableStore();
            RollReport report = MailSampleReports.Large(2);
            report.ClosedUtc = new DateTime();
            OutboxRecords.WriteReport(store, "r", report);

            RollReport read = OutboxRecords.ReadReport(store.Read("r"));

            Assert.IsTrue(read.ClosedUtc == DateTime.MinValue);
            Assert.IsTrue(read.OpenedUtc == report.OpenedUtc);
        }

        [TestMethod]
        [DataRow(1, 30)]
        [DataRow(2, 60)]
        [DataRow(3, 120)]
        [DataRow(6, 960)]
        [DataRow(7, 1800)]
        [DataRow(40, 1800)]
        public void Retry_delays_double_up_to_the_cap(int failures, int expectedSeconds)
        {
            Assert.AreEqual(expectedSeconds, RetrySchedule.DelaySeconds(failures, 30, 1800));
        }

        [TestMethod]
        public void Transient_failures_follow_the_backoff_and_survive_a_reboot()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            sender.Outcome = MailFakeSender.Transient;
            FakeClock clock = Clock();
            Outbox outbox = NewOutbox(store, new MailFakeReportBuilder(), sender, clock);
            outbox.Enqueue(Roll("T12-1"));

            Assert.AreEqual(1, outbox.ProcessDue().RetryScheduled);
            Assert.IsTrue(outbox.Entries()[0].Status == OutboxEntryStatus.RetryScheduled);
            Assert.AreEqual(421, outbox.Entries()[0].LastReplyCode);
            clock.AdvanceSeconds(29);
            Assert.AreEqual(1, outbox.ProcessDue().NotDue);
            clock.AdvanceSeconds(1);
            Assert.AreEqual(1, outbox.ProcessDue().RetryScheduled);
            Assert.AreEqual(2, sender.Sends);

            // Reboot: a new outbox over the same store, monotonic clock restarted; the persisted schedule (60 s) holds.
            clock.MonotonicMilliseconds = 0;
            Outbox rebooted = NewOutbox(store, new MailFakeReportBuilder(), sender, clock);
            clock.AdvanceSeconds(59);
            Assert.AreEqual(1, rebooted.ProcessDue().NotDue);
            sender.Outcome = MailFakeSender.Accept;
            clock.AdvanceSeconds(1);
            Assert.AreEqual(1, rebooted.ProcessDue().Sent);
            Assert.AreEqual(3, sender.Sends);
            Assert.AreEqual(0, rebooted.Entries().Length);
        }

        [TestMethod]
        public void Permanent_failure_is_kept_reported_and_not_retried()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            sender.Outcome = MailFakeSender.Permanent;
            FakeClock clock = Clock();
            Outbox outbox = NewOutbox(store, new MailFakeReportBuilder(), sender, clock);
            outbox.Enqueue(Roll("T12-1"));

            OutboxResult first = outbox.ProcessDue();
            clock.AdvanceSeconds(3600);
            OutboxResult second = NewOutbox(store, new MailFakeReportBuilder(), sender, clock).ProcessDue();

            Assert.AreEqual(1, first.FailedPermanently);
            Assert.AreEqual(0, second.FailedPermanently);
            Assert.AreEqual(1, second.FailedKept);
            Assert.AreEqual(1, sender.Sends);
            OutboxEntry entry = outbox.Entries()[0];
            Assert.IsTrue(entry.Status == OutboxEntryStatus.Failed);
            Assert.AreEqual(550, entry.LastReplyCode);
            Assert.IsTrue(entry.LastError.IndexOf("no such user") >= 0);
        }

        [TestMethod]
        public void A_power_cut_after_sent_was_recorded_does_not_send_twice()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            sender.Outcome = MailFakeSender.AcceptThenPowerCut;
            FakeClock clock = Clock();
            Outbox outbox = NewOutbox(store, new MailFakeReportBuilder(), sender, clock);
            outbox.Enqueue(Roll("T12-1"));
            bool cut = false;
            try
            {
                outbox.ProcessDue();
            }
            catch (MailPowerCutException)
            {
                cut = true;
            }

            Assert.IsTrue(cut);
            sender.Outcome = MailFakeSender.Accept;
            Outbox rebooted = NewOutbox(store, new MailFakeReportBuilder(), sender, clock);
            rebooted.ProcessDue();

            Assert.AreEqual(1, sender.Sends);
            Assert.AreEqual(0, store.Count);
        }

        [TestMethod]
        public void A_power_cut_between_the_250_and_its_record_sends_again_the_identical_message()
        {
            // At least once: the server took the message, the terminal lost power before writing "sent".
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            sender.Outcome = MailFakeSender.PowerCutBeforeRecording;
            sender.StoreToCut = store;
            FakeClock clock = Clock();
            Outbox outbox = NewOutbox(store, new MailFakeReportBuilder(), sender, clock);
            outbox.Enqueue(Roll("T12-1"));

            Expect.Throws(typeof(InvalidOperationException), delegate { outbox.ProcessDue(); });
            store.FailWrites = false;
            sender.Outcome = MailFakeSender.Accept;
            clock.AdvanceSeconds(3600);
            clock.MonotonicMilliseconds = 0;
            Assert.AreEqual(1, NewOutbox(store, new MailFakeReportBuilder(), sender, clock).ProcessDue().Sent);

            Assert.AreEqual(2, sender.Sends);
            Assert.AreEqual((string)sender.Messages[0], (string)sender.Messages[1]);
        }

        [TestMethod]
        public void Every_attempt_renders_the_same_bytes_with_the_same_date_and_message_id_across_reboots()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            sender.Outcome = MailFakeSender.Transient;
            FakeClock clock = Clock();
            Outbox outbox = NewOutbox(store, new MailFakeReportBuilder(), sender, clock);
            outbox.Enqueue(Roll("T12-1"));
            outbox.ProcessDue();

            // Reboot a day later: the message comes from the stored report, not from the clock.
            clock.AdvanceSeconds(86400);
            clock.MonotonicMilliseconds = 0;
            NewOutbox(store, new MailFakeReportBuilder(), sender, clock).ProcessDue();
            sender.Outcome = MailFakeSender.Accept;
            clock.AdvanceSeconds(3600);
            Assert.AreEqual(1, NewOutbox(store, new MailFakeReportBuilder(), sender, clock).ProcessDue().Sent);

            Assert.AreEqual(3, sender.Messages.Count);
            string first = (string)sender.Messages[0];
            Assert.IsTrue(first.IndexOf("Message-ID: <roll.T12-1@") >= 0);
            Assert.IsTrue(first.IndexOf("\r\nDate: ") >= 0);
            Assert.AreEqual(first, (string)sender.Messages[1]);
            Assert.AreEqual(first, (string)sender.Messages[2]);
        }

        [TestMethod]
        public void Lookup_failure_waits_then_the_report_is_stored_and_not_looked_up_again()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            MailFakeReportBuilder builder = new MailFakeReportBuilder();
            builder.Unreachable = true;
            FakeClock clock = Clock();
            Outbox outbox = NewOutbox(store, builder, sender, clock);
            outbox.Enqueue(Roll("T12-1"));

            Assert.AreEqual(1, outbox.ProcessDue().WaitingForLookup);
            Assert.IsTrue(outbox.Entries()[0].Status == OutboxEntryStatus.WaitingForLookup);
            Assert.AreEqual(0, sender.Sends);

            builder.Unreachable = false;
            sender.Outcome = MailFakeSender.Transient;
            clock.AdvanceSeconds(30);
            Assert.AreEqual(1, outbox.ProcessDue().RetryScheduled);
            Assert.AreEqual(2, builder.Calls);
            Assert.IsTrue(outbox.Entries()[0].HasReport);
            // The send phase starts its own backoff: first retry after 30 s, not 60.
            Assert.AreEqual(1, outbox.Entries()[0].Failures);

            Outbox rebooted = NewOutbox(store, builder, sender, clock);
            sender.Outcome = MailFakeSender.Accept;
            clock.AdvanceSeconds(30);
            Assert.AreEqual(1, rebooted.ProcessDue().Sent);
            Assert.AreEqual(2, builder.Calls);
        }

        [TestMethod]
        public void A_transient_send_failure_defers_the_other_rolls()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            sender.Outcome = MailFakeSender.Transient;
            Outbox outbox = NewOutbox(store, new MailFakeReportBuilder(), sender, Clock());
            outbox.Enqueue(Roll("T12-1"));
            outbox.Enqueue(Roll("T12-2"));

            OutboxResult result = outbox.ProcessDue();

            Assert.AreEqual(1, result.RetryScheduled);
            Assert.AreEqual(1, result.NotDue);
            Assert.AreEqual(1, sender.Sends);
        }

        [TestMethod]
        public void Report_without_a_professor_address_fails_permanently()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            Outbox outbox = NewOutbox(store, new NoAddressBuilder(), sender, Clock());
            outbox.Enqueue(Roll("T12-1"));

            Assert.AreEqual(1, outbox.ProcessDue().FailedPermanently);
            Assert.AreEqual(0, sender.Sends);
            Assert.IsTrue(outbox.Entries()[0].Status == OutboxEntryStatus.Failed);
        }

        private static Outbox NewOutbox(InMemoryDurableStore store, IRollReportBuilder builder, MailFakeSender sender, FakeClock clock)
        {
            OutboxOptions options = new OutboxOptions();
            options.Message = MailSampleReports.Settings();
            return new Outbox(store, builder, sender, clock, options, new MailRecordingLog());
        }

        private static FakeClock Clock()
        {
            return new FakeClock(new DateTime(2024, 2, 5, 19, 0, 0));
        }

        private static ClosedRoll Roll(string rollId)
        {
            ClosedRoll roll = new ClosedRoll();
            roll.RollId = rollId;
            roll.TerminalId = "T12";
            roll.ProfessorCode = "P0042";
            roll.OpenedUtc = new DateTime(2024, 2, 5, 17, 0, 0);
            roll.ClosedUtc = new DateTime(2024, 2, 5, 18, 40, 0);
            roll.StudentCodes = new string[] { "20231234", "20239876", "99999" };
            roll.SwipeTimesUtc = new DateTime[]
            {
                new DateTime(2024, 2, 5, 17, 2, 10), new DateTime(2024, 2, 5, 17, 20, 0), new DateTime(2024, 2, 5, 17, 21, 5),
            };
            return roll;
        }

        private class NoAddressBuilder : IRollReportBuilder
        {
            public RollReport Build(ClosedRoll roll, ReportEntryArea area)
            {
                RollReport report = MailSampleReports.Small();
                report.ProfessorEmail = null;
                return report;
            }
        }
    }
}
