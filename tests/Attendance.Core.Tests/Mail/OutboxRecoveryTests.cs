using Attendance.Core.Configuration;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Roll;
using Attendance.Core.Tests.Fakes;

namespace Attendance.Core.Tests.Mail
{
    /// <summary>Permanent failures are remembered across reboots and recover: after a settings change, and on request.</summary>
    [TestClass]
    public class OutboxRecoveryTests
    {
        [TestMethod]
        public void A_permanent_failure_is_still_known_after_a_reboot()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            sender.Outcome = MailFakeSender.Permanent;
            Outbox outbox = New(store, sender, "A");
            outbox.Enqueue(OutboxSamples.Roll("T12-1"));
            Assert.IsFalse(outbox.HasFailedMail);
            outbox.ProcessDue();

            Outbox rebooted = New(store, sender, "A");

            Assert.IsTrue(rebooted.HasFailedMail);
            Assert.AreEqual(1, rebooted.ProcessDue().FailedKept);
            Assert.AreEqual(1, sender.Sends);
        }

        [TestMethod]
        public void A_failed_roll_is_retried_once_when_the_settings_change()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            sender.Outcome = MailFakeSender.Permanent;
            New(store, sender, "A").Enqueue(OutboxSamples.Roll("T12-1"));
            New(store, sender, "A").ProcessDue();

            // New settings, still failing: one more attempt, then kept again; a reboot under the same settings does not retry.
            Outbox underB = New(store, sender, "B");
            Assert.IsFalse(underB.HasFailedMail);
            Assert.IsTrue(underB.Entries()[0].Status == OutboxEntryStatus.Pending);
            Assert.IsTrue(underB.Entries()[0].RetriedAfterSettingsChange);
            OutboxResult changed = underB.ProcessDue();
            Assert.AreEqual(1, changed.FailedPermanently);
            Assert.AreEqual(2, sender.Sends);
            Assert.AreEqual(0, New(store, sender, "B").ProcessDue().FailedPermanently);
            Assert.AreEqual(2, sender.Sends);

            // Fixed settings: sent.
            sender.Outcome = MailFakeSender.Accept;
            Outbox fixedOutbox = New(store, sender, "C");
            Assert.AreEqual(1, fixedOutbox.ProcessDue().Sent);
            Assert.IsFalse(fixedOutbox.HasFailedMail);
            Assert.AreEqual(0, store.Count);
        }

        [TestMethod]
        public void A_store_fault_at_start_up_does_not_stop_the_outbox_and_the_retry_follows_at_the_first_pass()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            sender.Outcome = MailFakeSender.Permanent;
            New(store, sender, "A").Enqueue(OutboxSamples.Roll("T12-1"));
            New(store, sender, "A").ProcessDue();
            store.FailWrites = true;

            Outbox outbox = New(store, sender, "B");

            Assert.IsTrue(outbox.HasFailedMail);
            store.FailWrites = false;
            sender.Outcome = MailFakeSender.Accept;
            Assert.AreEqual(1, outbox.ProcessDue().Sent);
        }

        [TestMethod]
        public void Resend_puts_failed_rolls_back_one_or_all()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            sender.Outcome = MailFakeSender.Permanent;
            Outbox outbox = New(store, sender, "A");
            outbox.Enqueue(OutboxSamples.Roll("T12-1"));
            outbox.Enqueue(OutboxSamples.Roll("T12-2"));
            outbox.Enqueue(OutboxSamples.Roll("T12-3"));
            outbox.ProcessDue();
            Assert.AreEqual(3, sender.Sends);

            sender.Outcome = MailFakeSender.Accept;
            Assert.AreEqual(1, outbox.Resend("T12-2"));
            Assert.AreEqual(0, outbox.Resend("T12-9"));
            Assert.AreEqual(1, outbox.ProcessDue().Sent);
            Assert.AreEqual(2, outbox.Entries().Length);

            // Another process (the host command) resends on the same store: the running outbox sees it at its next pass.
            Assert.AreEqual(2, New(store, sender, "A").Resend(null));
            Assert.AreEqual(2, outbox.ProcessDue().Sent);
            Assert.AreEqual(0, store.Count);
        }

        [TestMethod]
        public void The_settings_fingerprint_follows_delivery_settings_and_hides_the_password()
        {
            TerminalSettings settings = new TerminalSettings();
            settings.SmtpHost = "smtp.escola.example";
            settings.SmtpPassword = "s3cret-Password";
            settings.MailFrom = "chamada@escola.example";
            string first = DeliverySettingsFingerprint.Compute(settings);

            Assert.AreEqual(16, first.Length);
            Assert.AreEqual(first, DeliverySettingsFingerprint.Compute(settings));
            settings.RedLedPin = 4;
            Assert.AreEqual(first, DeliverySettingsFingerprint.Compute(settings));
            settings.SmtpPassword = "s3cret-Password2";
            string second = DeliverySettingsFingerprint.Compute(settings);
            Assert.AreNotEqual(first, second);
            settings.MailCc = new string[] { "a@escola.example" };
            Assert.AreNotEqual(second, DeliverySettingsFingerprint.Compute(settings));
            Assert.IsTrue(first.IndexOf("s3cret") < 0);
        }

        [TestMethod]
        public void The_fingerprint_is_stored_with_the_failure()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            sender.Outcome = MailFakeSender.Permanent;
            Outbox outbox = New(store, sender, "F1");
            outbox.Enqueue(OutboxSamples.Roll("T12-1"));
            outbox.ProcessDue();

            Assert.AreEqual("F1", outbox.Entries()[0].FailedUnderSettings);
        }

        private static Outbox New(InMemoryDurableStore store, MailFakeSender sender, string fingerprint)
        {
            OutboxOptions options = OutboxSamples.Options();
            options.SettingsFingerprint = fingerprint;
            return OutboxSamples.NewOutbox(store, new MailFakeReportBuilder(), sender, OutboxSamples.Clock(), options, new MailRecordingLog());
        }
    }
}
