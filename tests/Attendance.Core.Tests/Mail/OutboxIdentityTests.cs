using Attendance.Core.Mail.Outbox;
using Attendance.Core.Roll;
using Attendance.Core.Tests.Fakes;
using Attendance.Core.Tests.Support;

namespace Attendance.Core.Tests.Mail
{
    /// <summary>The outbox never drops a roll: a repeated hand-over is recognised, a different roll with the same id gets its own.</summary>
    [TestClass]
    public class OutboxIdentityTests
    {
        [TestMethod]
        public void A_different_roll_with_the_same_id_is_stored_under_a_new_identity_and_both_are_sent()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            MailRecordingLog log = new MailRecordingLog();
            RecordingReportBuilder builder = new RecordingReportBuilder();
            Outbox outbox = OutboxSamples.NewOutbox(store, builder, sender, OutboxSamples.Clock(), OutboxSamples.Options(), log);
            ClosedRoll first = Addressed(OutboxSamples.Roll("T12-1"));
            ClosedRoll second = Addressed(OutboxSamples.Roll("T12-1"));
            second.StudentCodes[2] = "55555";
            ClosedRoll third = Addressed(OutboxSamples.Roll("T12-1"));
            third.ClosedAutomatically = true;

            Assert.IsTrue(outbox.Enqueue(first));
            Assert.IsTrue(outbox.Enqueue(second));
            Assert.IsTrue(outbox.Enqueue(third));

            Assert.AreEqual("T12-1", first.RollId);
            Assert.AreEqual("T12-1-2", second.RollId);
            Assert.AreEqual("T12-1-3", third.RollId);
            Assert.IsTrue(log.All().IndexOf("stored as T12-1-2") >= 0);
            Assert.AreEqual(3, outbox.ProcessDue().Sent);
            Assert.AreEqual(3, sender.Messages.Count);
            Assert.AreEqual(1, CountContaining(sender, "<roll.T12-1@"));
            Assert.AreEqual(1, CountContaining(sender, "<roll.T12-1-2@"));
            Assert.AreEqual(1, CountContaining(sender, "<roll.T12-1-3@"));
        }

        [TestMethod]
        public void The_same_roll_handed_over_again_after_a_cut_is_stored_once()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            sender.Outcome = MailFakeSender.Transient;
            Outbox outbox = OutboxSamples.NewOutbox(store, new MailFakeReportBuilder(), sender, OutboxSamples.Clock());
            Assert.IsTrue(outbox.Enqueue(OutboxSamples.Roll("T12-1")));
            outbox.ProcessDue();

            // After a reboot the journal hands the same roll over again (the cut came before the journal was deleted).
            Outbox rebooted = OutboxSamples.NewOutbox(store, new MailFakeReportBuilder(), sender, OutboxSamples.Clock());
            Assert.IsFalse(rebooted.Enqueue(OutboxSamples.Roll("T12-1")));
            Assert.AreEqual(1, rebooted.Entries().Length);
            Assert.IsTrue(rebooted.Entries()[0].HasReport);
        }

        [TestMethod]
        public void A_roll_whose_earlier_copy_was_damaged_after_the_hand_over_gets_a_new_identity()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            Outbox outbox = OutboxSamples.NewOutbox(store, new MailFakeReportBuilder(), new MailFakeSender(), OutboxSamples.Clock());
            outbox.Enqueue(OutboxSamples.Roll("T12-1"));
            store.Tear("outbox-T12-1.roll", 40);
            ClosedRoll other = OutboxSamples.Roll("T12-1");

            // The earlier roll has a state, so it was handed over whole and damaged since: not overwritten.
            Assert.IsTrue(outbox.Enqueue(other));
            Assert.AreEqual("T12-1-2", other.RollId);
            Assert.AreEqual(2, outbox.Entries().Length);
        }

        [TestMethod]
        public void A_store_fault_during_the_hand_over_throws_and_the_repeated_hand_over_stores_the_roll()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            Outbox outbox = OutboxSamples.NewOutbox(store, new MailFakeReportBuilder(), sender, OutboxSamples.Clock());
            store.FailWrites = true;

            // The caller deletes the journal only after Enqueue returns: the throw keeps it.
            Expect.Throws(typeof(System.InvalidOperationException), delegate { outbox.Enqueue(OutboxSamples.Roll("T12-1")); });
            store.FailWrites = false;
            Assert.IsTrue(outbox.Enqueue(OutboxSamples.Roll("T12-1")));
            Assert.AreEqual(1, outbox.ProcessDue().Sent);
            Assert.AreEqual(1, sender.Sends);
        }

        private static int CountContaining(MailFakeSender sender, string text)
        {
            int count = 0;
            for (int i = 0; i < sender.Messages.Count; i++)
            {
                count += ((string)sender.Messages[i]).IndexOf(text) >= 0 ? 1 : 0;
            }

            return count;
        }

        private static ClosedRoll Addressed(ClosedRoll roll)
        {
            roll.ProfessorEmail = "conceicao.araujo@escola.example";
            return roll;
        }
    }
}
