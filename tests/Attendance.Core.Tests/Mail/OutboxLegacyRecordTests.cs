using System;
using System.Text;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Tests.Fakes;

namespace Attendance.Core.Tests.Mail
{
    /// <summary>
    /// Rolls left in the outbox by the firmware before records were checksummed (last line a bare "end") are
    /// still delivered after an update, never set aside as damaged.
    /// </summary>
    [TestClass]
    public class OutboxLegacyRecordTests
    {
        // Exactly what the previous RecordWriter wrote: "key=value" lines, "error" alone for null, then "end".
        private const string LegacyRoll = "id=T12-20240205T170000Z\nterminal=T12\nprofessor=P0042\nemail=prof@school.example\n"
            + "opened=638427492000000000\nclosed=638427552000000000\nauto=0\ns=20231234|638427493300000000\n"
            + "s=20239876|638427504000000000\nend\n";

        private const string LegacyState = "id=T12-20240205T170000Z\nstatus=2\nfailures=1\nnext=638427552300000000\ncode=451\n"
            + "error=Mailbox busy%7C try later\nend\n";

        private const string LegacyStateDamaged = "id=T12-20240205T170000Z\nstatus=2\nfailures=0x\nnext=638427552300000000\ncode=451\n"
            + "error=Mailbox busy%7C try later\nend\n";

        [TestMethod]
        public void A_roll_written_before_checksums_is_delivered_after_the_update()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            store.SetBytes("outbox-T12-20240205T170000Z.roll", Encoding.UTF8.GetBytes(LegacyRoll));
            store.SetBytes("outbox-T12-20240205T170000Z.state", Encoding.UTF8.GetBytes(LegacyState));
            RecordingReportBuilder reports = new RecordingReportBuilder();
            MailFakeSender sender = new MailFakeSender();
            FakeClock clock = OutboxSamples.Clock();
            clock.AdvanceSeconds(3600);
            Outbox outbox = OutboxSamples.NewOutbox(store, reports, sender, clock);

            OutboxEntry[] entries = outbox.Entries();
            Assert.AreEqual(1, entries.Length);
            Assert.AreEqual("T12-20240205T170000Z", entries[0].RollId);
            Assert.AreEqual((int)OutboxEntryStatus.RetryScheduled, (int)entries[0].Status);
            Assert.AreEqual("Mailbox busy| try later", entries[0].LastError);

            OutboxResult result = outbox.ProcessDue();

            Assert.AreEqual(0, result.DamagedRecords);
            Assert.AreEqual(1, result.Sent);
            Assert.AreEqual("T12-20240205T170000Z", reports.LastRoll.RollId);
            Assert.AreEqual("prof@school.example", reports.LastRoll.ProfessorEmail);
            Assert.AreEqual(2, reports.LastRoll.StudentCodes.Length);
            Assert.AreEqual("20239876", reports.LastRoll.StudentCodes[1]);
            Assert.IsTrue(new DateTime(638427504000000000L) == reports.LastRoll.SwipeTimesUtc[1]);
            Assert.AreEqual(0, outbox.Entries().Length);
        }

        [TestMethod]
        public void A_legacy_record_with_an_impossible_value_is_still_set_aside()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            store.SetBytes("outbox-T12-20240205T170000Z.roll", Encoding.UTF8.GetBytes(LegacyRoll));
            store.SetBytes("outbox-T12-20240205T170000Z.state", Encoding.UTF8.GetBytes(LegacyStateDamaged));
            MailFakeSender sender = new MailFakeSender();
            FakeClock clock = OutboxSamples.Clock();
            clock.AdvanceSeconds(3600);
            Outbox outbox = OutboxSamples.NewOutbox(store, new RecordingReportBuilder(), sender, clock);

            OutboxResult result = outbox.ProcessDue();

            Assert.AreEqual(1, result.DamagedRecords);
            Assert.AreEqual(1, result.Sent);
        }

        [TestMethod]
        public void No_single_bit_flip_makes_a_checksummed_record_read_as_legacy()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            OutboxRecords.WriteRoll(store, "r", OutboxSamples.Roll("T12-1"));
            byte[] data = store.Read("r");
            for (int bit = 0; bit < data.Length * 8; bit++)
            {
                Assert.IsFalse(new RecordReader(OutboxSamples.Flip(data, bit)).Legacy);
            }
        }
    }
}
