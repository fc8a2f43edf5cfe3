using Attendance.Core.Lookup;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Roll;
using Attendance.Core.Tests.Fakes;
using Attendance.Core.Tests.Support;

namespace Attendance.Core.Tests.Mail
{
    /// <summary>Damaged outbox records through the outbox: set aside, logged, counted, and never in the way of other rolls.</summary>
    [TestClass]
    public class OutboxDamageTests
    {
        [TestMethod]
        public void A_state_with_failures_0x_neither_stops_start_up_nor_blocks_the_roll()
        {
            // The input: before records were checked, this made start-up exit with RecordFormatException.
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            Outbox outbox = OutboxSamples.NewOutbox(store, new MailFakeReportBuilder(), sender, OutboxSamples.Clock());
            outbox.Enqueue(OutboxSamples.Roll("T12-1"));
            OutboxRecordDamageTests.WriteState(store, "outbox-T12-1.state", "failures", "0x");

            Assert.AreEqual(1, outbox.Entries().Length);
            OutboxResult result = outbox.ProcessDue();

            Assert.AreEqual(1, result.DamagedRecords);
            Assert.AreEqual(1, result.Sent);
            Assert.AreEqual(1, outbox.DamagedRecordsFound);
            Assert.IsNotNull(store.Read("damaged.outbox-T12-1.state"));
            Assert.AreEqual(1, sender.Sends);
        }

        [TestMethod]
        public void Damaged_copies_are_capped_so_they_never_fill_the_flash()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            int rolls = OutboxRecordSet.MaximumDamagedCopies + 5;
            for (int i = 0; i < rolls; i++)
            {
                Outbox outbox = OutboxSamples.NewOutbox(store, new MailFakeReportBuilder(), sender, OutboxSamples.Clock());
                outbox.Enqueue(OutboxSamples.Roll("T12-" + i.ToString()));
                OutboxRecordDamageTests.WriteState(store, "outbox-T12-" + i.ToString() + ".state", "failures", "0x");
                Assert.AreEqual(1, outbox.ProcessDue().DamagedRecords);
            }

            Assert.AreEqual(rolls, sender.Sends);
            Assert.AreEqual(OutboxRecordSet.MaximumDamagedCopies, store.List(Outbox.DamagedPrefix).Length);
        }

        [TestMethod]
        [DataRow("next", "9223372036854775807")]
        [DataRow("failures", "(null)")]
        [DataRow("status", "99")]
        public void Impossible_state_values_are_rebuilt_as_pending(string key, string value)
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            Outbox outbox = OutboxSamples.NewOutbox(store, new MailFakeReportBuilder(), sender, OutboxSamples.Clock());
            outbox.Enqueue(OutboxSamples.Roll("T12-1"));
            OutboxRecordDamageTests.WriteState(store, "outbox-T12-1.state", key, value);

            Assert.AreEqual(1, outbox.ProcessDue().Sent);
            Assert.AreEqual(0, outbox.Entries().Length);
        }

        [TestMethod]
        public void After_any_single_bit_flip_of_any_record_a_valid_roll_still_goes_out()
        {
            // One roll with its report and state stored (a transient failure left all three), one valid roll beside it.
            InMemoryDurableStore template = new InMemoryDurableStore();
            MailFakeSender failing = new MailFakeSender();
            failing.Outcome = MailFakeSender.Transient;
            Outbox first = OutboxSamples.NewOutbox(template, new MailFakeReportBuilder(), failing, OutboxSamples.Clock());
            first.Enqueue(OutboxSamples.Roll("T12-1"));
            first.ProcessDue();
            string[] names = new string[] { "outbox-T12-1.roll", "outbox-T12-1.report", "outbox-T12-1.state" };
            for (int n = 0; n < names.Length; n++)
            {
                byte[] data = template.Read(names[n]);
                // Every 7th bit on the host; 7 x 37 on the board (BoardSize), which still flips each record several times.
                for (int bit = 0; bit < data.Length * 8; bit += 7 * BoardSize.BitFlipStride)
                {
                    InMemoryDurableStore store = Copy(template, names);
                    store.SetBytes(names[n], OutboxSamples.Flip(data, bit));
                    MailFakeSender sender = new MailFakeSender();
                    FakeClock clock = OutboxSamples.Clock();
                    clock.AdvanceSeconds(60);
                    Outbox outbox = OutboxSamples.NewOutbox(store, new MailFakeReportBuilder(), sender, clock);
                    outbox.Enqueue(OutboxSamples.Roll("T12-2"));

                    OutboxResult result = outbox.ProcessDue();

                    // The roll record is not even read while its report is intact: then nothing is found damaged.
                    Assert.AreEqual(n == 0 ? 0 : 1, result.DamagedRecords);
                    Assert.AreEqual(2, result.Sent);
                    Assert.AreEqual(0, outbox.Entries().Length);
                }
            }
        }

        [TestMethod]
        public void A_damaged_roll_with_an_intact_report_is_sent_from_the_report()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            sender.Outcome = MailFakeSender.Transient;
            FakeClock clock = OutboxSamples.Clock();
            MailFakeReportBuilder builder = new MailFakeReportBuilder();
            Outbox outbox = OutboxSamples.NewOutbox(store, builder, sender, clock);
            outbox.Enqueue(OutboxSamples.Roll("T12-1"));
            outbox.ProcessDue();
            store.SetBytes("outbox-T12-1.roll", new byte[] { 1, 2, 3 });
            sender.Outcome = MailFakeSender.Accept;
            clock.AdvanceSeconds(30);

            OutboxResult result = outbox.ProcessDue();

            Assert.AreEqual(1, result.Sent);
            Assert.AreEqual(1, builder.Calls);
            Assert.AreEqual(0, result.DamagedRecords);
            Assert.AreEqual(0, store.Count);
        }

        [TestMethod]
        public void A_damaged_roll_without_a_report_is_rebuilt_from_its_intact_lines_and_says_who_may_be_missing()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            RecordingReportBuilder builder = new RecordingReportBuilder();
            MailRecordingLog log = new MailRecordingLog();
            Outbox outbox = OutboxSamples.NewOutbox(store, builder, sender, OutboxSamples.Clock(), OutboxSamples.Options(), log);
            ClosedRoll roll = OutboxSamples.Roll("T12-1");
            roll.ProfessorEmail = "conceicao.araujo@escola.example";
            outbox.Enqueue(roll);
            byte[] data = store.Read("outbox-T12-1.roll");
            int second = IndexOf(data, "20239876");
            store.SetBytes("outbox-T12-1.roll", OutboxSamples.Flip(data, second * 8));

            OutboxResult result = outbox.ProcessDue();

            Assert.AreEqual(1, result.Sent);
            Assert.AreEqual(1, result.RollsSalvaged);
            Assert.AreEqual(1, result.DamagedRecords);
            Assert.AreEqual(2, builder.LastRoll.StudentCodes.Length);
            Assert.AreEqual("T12-1", builder.LastRoll.RollId);
            Assert.IsTrue(log.All().IndexOf("up to 1 students may be MISSING") >= 0);

            // The professor reads it too, in the e-mail; a roll taken whole carries no such line.
            string message = (string)sender.Messages[0];
            Assert.IsTrue(message.IndexOf("ATEN=C3=87=C3=83O: esta lista foi reconstru") >= 0 && message.IndexOf("at=C3=A9 1 aluno") >= 0, message);
            ClosedRoll whole = OutboxSamples.Roll("T12-2");
            whole.ProfessorEmail = roll.ProfessorEmail;
            outbox.Enqueue(whole);
            outbox.ProcessDue();
            Assert.AreEqual(2, sender.Messages.Count);
            Assert.IsTrue(((string)sender.Messages[1]).IndexOf("ATEN=C3=87=C3=83O") < 0);
        }

        [TestMethod]
        public void A_roll_that_nothing_identifies_is_kept_as_lost_and_the_others_go_out()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            MailRecordingLog log = new MailRecordingLog();
            Outbox outbox = OutboxSamples.NewOutbox(store, new MailFakeReportBuilder(), sender, OutboxSamples.Clock(), OutboxSamples.Options(), log);
            outbox.Enqueue(OutboxSamples.Roll("T12-1"));
            outbox.Enqueue(OutboxSamples.Roll("T12-2"));
            store.SetBytes("outbox-T12-1.roll", System.Text.Encoding.UTF8.GetBytes("garbage\n"));

            OutboxResult result = outbox.ProcessDue();

            Assert.AreEqual(1, result.Sent);
            Assert.AreEqual(1, result.RollsLost);
            Assert.AreEqual(1, result.FailedPermanently);
            Assert.IsTrue(outbox.HasFailedMail);
            OutboxEntry[] entries = outbox.Entries();
            Assert.AreEqual(1, entries.Length);
            Assert.IsTrue(entries[0].Status == OutboxEntryStatus.Failed);
            Assert.IsTrue(entries[0].LastError.IndexOf("lost") >= 0);
            Assert.IsTrue(log.All().IndexOf("Roll lost") >= 0);
        }

        [TestMethod]
        public void A_damaged_report_is_set_aside_and_the_roll_looked_up_again()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            sender.Outcome = MailFakeSender.Transient;
            FakeClock clock = OutboxSamples.Clock();
            MailFakeReportBuilder builder = new MailFakeReportBuilder();
            Outbox outbox = OutboxSamples.NewOutbox(store, builder, sender, clock);
            outbox.Enqueue(OutboxSamples.Roll("T12-1"));
            outbox.ProcessDue();
            byte[] report = store.Read("outbox-T12-1.report");
            store.SetBytes("outbox-T12-1.report", OutboxSamples.Flip(report, 100));
            sender.Outcome = MailFakeSender.Accept;
            clock.AdvanceSeconds(30);

            Assert.AreEqual(1, outbox.ProcessDue().Sent);
            Assert.AreEqual(2, builder.Calls);
            // The damaged report stays aside, for a person, until removed by hand.
            Assert.IsNotNull(store.Read("damaged.outbox-T12-1.report"));
            Assert.AreEqual(1, store.Count);
        }

        private static InMemoryDurableStore Copy(InMemoryDurableStore source, string[] names)
        {
            InMemoryDurableStore copy = new InMemoryDurableStore();
            for (int i = 0; i < names.Length; i++)
            {
                copy.SetBytes(names[i], source.Read(names[i]));
            }

            return copy;
        }

        private static int IndexOf(byte[] data, string text)
        {
            byte[] wanted = System.Text.Encoding.UTF8.GetBytes(text);
            for (int i = 0; i + wanted.Length <= data.Length; i++)
            {
                int j = 0;
                while (j < wanted.Length && data[i + j] == wanted[j])
                {
                    j++;
                }

                if (j == wanted.Length)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
