using System;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Mail.Smtp;
using Attendance.Core.Roll;
using Attendance.Core.Tests.Fakes;

namespace Attendance.Core.Tests.Mail
{
    /// <summary>A failure that repeats identically becomes permanent after a bounded number of tries; network trouble never does.</summary>
    [TestClass]
    public class OutboxRepeatedFailureTests
    {
        private const int NetworkAttempts = 60;

        [TestMethod]
        public void The_same_malformed_lookup_answer_becomes_permanent_after_the_bound()
        {
            ScriptedBuilder builder = new ScriptedBuilder();
            builder.Failure = new LookupException(LookupFailure.ProtocolViolation, "Malformed line: NOME\tx");
            InMemoryDurableStore store = new InMemoryDurableStore();
            FakeClock clock = OutboxSamples.Clock();
            Outbox outbox = OutboxSamples.NewOutbox(store, builder, new MailFakeSender(), clock);
            outbox.Enqueue(OutboxSamples.Roll("T12-1"));
            int bound = new OutboxOptions().MaximumIdenticalFailures;

            for (int attempt = 1; attempt < bound; attempt++)
            {
                Assert.AreEqual(1, outbox.ProcessDue().WaitingForLookup);
                Assert.AreEqual(attempt, outbox.Entries()[0].IdenticalFailures);
                clock.AdvanceSeconds(3600);
            }

            // The count is in the state record: a reboot does not reset it.
            outbox = OutboxSamples.NewOutbox(store, builder, new MailFakeSender(), clock);
            OutboxResult last = outbox.ProcessDue();
            Assert.AreEqual(1, last.FailedPermanently);
            Assert.AreEqual(bound, builder.Calls);
            Assert.IsTrue(outbox.Entries()[0].LastError.IndexOf("repeated " + bound.ToString() + " times") >= 0);
            Assert.IsTrue(outbox.HasFailedMail);
        }

        [TestMethod]
        public void Different_malformed_answers_restart_the_count()
        {
            ScriptedBuilder builder = new ScriptedBuilder();
            FakeClock clock = OutboxSamples.Clock();
            Outbox outbox = OutboxSamples.NewOutbox(new InMemoryDurableStore(), builder, new MailFakeSender(), clock);
            outbox.Enqueue(OutboxSamples.Roll("T12-1"));
            for (int attempt = 0; attempt < 3 * new OutboxOptions().MaximumIdenticalFailures; attempt++)
            {
                builder.Failure = new LookupException(LookupFailure.ProtocolViolation, attempt % 2 == 0 ? "bad A" : "bad B");
                Assert.AreEqual(1, outbox.ProcessDue().WaitingForLookup);
                clock.AdvanceSeconds(3600);
            }

            Assert.AreEqual(1, outbox.Entries()[0].IdenticalFailures);
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(1)]
        [DataRow(3)]
        public void A_lookup_server_down_or_slow_or_refusing_never_makes_the_roll_permanent(int failure)
        {
            ScriptedBuilder builder = new ScriptedBuilder();
            builder.Failure = new LookupException((LookupFailure)failure, "same text every time");
            FakeClock clock = OutboxSamples.Clock();
            Outbox outbox = OutboxSamples.NewOutbox(new InMemoryDurableStore(), builder, new MailFakeSender(), clock);
            outbox.Enqueue(OutboxSamples.Roll("T12-1"));

            for (int attempt = 0; attempt < NetworkAttempts; attempt++)
            {
                Assert.AreEqual(1, outbox.ProcessDue().WaitingForLookup);
                clock.AdvanceSeconds(3600);
            }

            Assert.AreEqual(0, outbox.Entries()[0].IdenticalFailures);
            builder.Failure = null;
            Assert.AreEqual(1, outbox.ProcessDue().Sent);
        }

        [TestMethod]
        [DataRow(421, "4.3.2 try later")]
        [DataRow(451, "4.7.0 temporary failure")]
        [DataRow(0, "No reply while waiting in state Greeting: timed out")]
        public void An_smtp_server_down_for_a_day_never_makes_the_roll_permanent(int code, string text)
        {
            ScriptedSender sender = new ScriptedSender();
            sender.Failure = new SmtpException(SmtpFailureKind.Transient, SmtpState.Greeting, code, text, text);
            FakeClock clock = OutboxSamples.Clock();
            Outbox outbox = new Outbox(new InMemoryDurableStore(), new MailFakeReportBuilder(), sender, clock, OutboxSamples.Options(), null);
            outbox.Enqueue(OutboxSamples.Roll("T12-1"));

            // 60 attempts an hour apart: longer than a day at the 30-minute cap.
            for (int attempt = 0; attempt < NetworkAttempts; attempt++)
            {
                Assert.AreEqual(1, outbox.ProcessDue().RetryScheduled);
                clock.AdvanceSeconds(3600);
            }

            Assert.IsTrue(outbox.Entries()[0].Status == OutboxEntryStatus.RetryScheduled);
            sender.Failure = null;
            Assert.AreEqual(1, outbox.ProcessDue().Sent);
        }

        [TestMethod]
        public void The_same_unexpected_smtp_reply_becomes_permanent_after_the_bound()
        {
            ScriptedSender sender = new ScriptedSender();
            sender.Failure = new SmtpException(SmtpFailureKind.Transient, SmtpState.MailFrom, 354, "go ahead",
                "Unexpected reply in state MAIL FROM: 354 go ahead");
            FakeClock clock = OutboxSamples.Clock();
            Outbox outbox = new Outbox(new InMemoryDurableStore(), new MailFakeReportBuilder(), sender, clock, OutboxSamples.Options(), null);
            outbox.Enqueue(OutboxSamples.Roll("T12-1"));
            int bound = new OutboxOptions().MaximumIdenticalFailures;

            for (int attempt = 1; attempt < bound; attempt++)
            {
                Assert.AreEqual(1, outbox.ProcessDue().RetryScheduled);
                clock.AdvanceSeconds(3600);
            }

            Assert.AreEqual(1, outbox.ProcessDue().FailedPermanently);
            Assert.AreEqual(354, outbox.Entries()[0].LastReplyCode);
        }

        [TestMethod]
        public void A_report_that_cannot_be_rendered_becomes_permanent_after_the_bound_and_does_not_hold_up_the_others()
        {
            ScriptedBuilder builder = new ScriptedBuilder();
            builder.Unrenderable = "T12-1";
            MailFakeSender sender = new MailFakeSender();
            FakeClock clock = OutboxSamples.Clock();
            Outbox outbox = OutboxSamples.NewOutbox(new InMemoryDurableStore(), builder, sender, clock);
            outbox.Enqueue(OutboxSamples.Roll("T12-1"));
            outbox.Enqueue(OutboxSamples.Roll("T12-2"));
            int bound = new OutboxOptions().MaximumIdenticalFailures;

            OutboxResult first = outbox.ProcessDue();
            Assert.AreEqual(1, first.RetryScheduled);
            Assert.AreEqual(1, first.Sent);
            for (int attempt = 2; attempt < bound; attempt++)
            {
                clock.AdvanceSeconds(3600);
                Assert.AreEqual(1, outbox.ProcessDue().RetryScheduled);
            }

            clock.AdvanceSeconds(3600);
            Assert.AreEqual(1, outbox.ProcessDue().FailedPermanently);
            Assert.IsTrue(outbox.Entries()[0].LastError.IndexOf("cannot be rendered") >= 0);
        }

        /// <summary>Builds the sample report, or throws <see cref="Failure"/>; a report for <see cref="Unrenderable"/> cannot be rendered.</summary>
        private class ScriptedBuilder : IRollReportBuilder
        {
            public Exception Failure;

            public string Unrenderable;

            public int Calls;

            public RollReport Build(ClosedRoll roll, ReportEntryArea area)
            {
                Calls++;
                if (Failure != null)
                {
                    throw Failure;
                }

                RollReport report = MailSampleReports.Small();
                report.RollId = roll.RollId;
                if (roll.RollId == Unrenderable)
                {
                    // Stored values each in range, but the local time of "never set" minus an hour does not exist.
                    report.OpenedUtc = DateTime.MinValue;
                    report.ClosedUtc = DateTime.MinValue;
                    report.UtcOffsetMinutes = -60;
                }

                return report;
            }
        }

        /// <summary>Throws <see cref="Failure"/> before any acceptance, or accepts.</summary>
        private class ScriptedSender : ISmtpSender
        {
            public SmtpException Failure;

            public SmtpSendResult Send(SmtpMessage message)
            {
                if (Failure != null)
                {
                    throw Failure;
                }

                SmtpReply reply = new SmtpReply(250, new string[] { "queued" });
                message.Accepted(reply);
                return new SmtpSendResult(message.Recipients.Length, new SmtpRefusal[0], reply);
            }
        }
    }
}
