using System;
using System.Text;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Roll;
using Attendance.Core.Tests.Fakes;
using Attendance.Core.Tests.Lookup;
using Attendance.Core.Tests.Support;

namespace Attendance.Core.Tests.Mail
{
    /// <summary>
    /// The outbox's two completions (docs/roll.md, "Outbox records"): a roll is finished only when the server stored it
    /// and the mail server accepted its e-mail; each is retried on its own, and a restart in any state neither loses
    /// nor doubles either. The lookup server is the scripted one with a <see cref="FakeRollArchive"/>, reached through
    /// the real <see cref="RollReportBuilder"/>.
    /// </summary>
    [TestClass]
    public class OutboxUploadTests
    {
        private const string RollId = "T01-20261123T080500Z";
        private const string Code = "HXK3-ZV4W-3GDB-5R9R";

        [TestMethod]
        public void Upload_and_e_mail_at_the_first_attempt_finish_the_roll()
        {
            Rig rig = new Rig();
            rig.Connections(rig.Storing());

            OutboxResult result = rig.Pass();

            Assert.AreEqual(1, result.Sent);
            Assert.AreEqual(1, result.Uploaded);
            Assert.IsTrue(result.Empty);
            Assert.AreEqual(0, rig.Store.Count);
            Assert.AreEqual(Code, rig.Archive.CodeOf(RollId));
            string body = AttendanceMessageWriterTests.DecodedBody((string)rig.Sender.Messages[0]);
            Assert.IsTrue(body.IndexOf("Código de verificação: " + Code) > 0, body);
        }

        [TestMethod]
        public void A_cut_upload_is_retried_alone_and_the_e_mail_is_not_sent_again()
        {
            Rig rig = new Rig();
            ScriptedLookupConnection cut = rig.Storing();
            cut.DropAfterRequests = 15;
            ScriptedLookupConnection retry = rig.Storing();
            rig.Connections(cut, retry);

            OutboxResult first = rig.Pass();

            Assert.AreEqual(1, first.Sent);
            Assert.AreEqual(0, first.Uploaded);
            Assert.AreEqual(1, first.UploadRetryScheduled);
            Assert.AreEqual(0, first.RetryScheduled);
            Assert.IsFalse(first.Empty);
            OutboxEntry entry = rig.Outbox.Entries()[0];
            Assert.IsTrue(entry.MailAccepted);
            Assert.AreEqual((int)UploadOutcome.Pending, (int)entry.Upload);
            Assert.IsTrue(entry.LastError.IndexOf("Upload failed") >= 0, entry.LastError);

            rig.Clock.AdvanceSeconds(31);
            OutboxResult second = rig.Pass();

            Assert.AreEqual(1, second.Uploaded);
            Assert.AreEqual(0, second.Sent);
            Assert.AreEqual(1, rig.Sender.Sends);
            Assert.AreEqual(0, rig.Store.Count);
            Assert.AreEqual(3, rig.Archive.PresencesOf(RollId));

            // The whole upload went again, after AUTENTICAR, on a connection of its own.
            Assert.AreEqual(1 + 5, retry.Requests.Count);
            Assert.AreEqual("FIMCHAMADA|" + RollId + "|" + Code, (string)retry.Requests[5]);
        }

        [TestMethod]
        public void A_failed_e_mail_is_retried_alone_and_the_roll_is_not_uploaded_again()
        {
            Rig rig = new Rig();
            rig.Connections(rig.Storing());
            rig.Sender.Outcome = MailFakeSender.Transient;

            OutboxResult first = rig.Pass();

            Assert.AreEqual(1, first.Uploaded);
            Assert.AreEqual(1, first.RetryScheduled);
            OutboxEntry entry = rig.Outbox.Entries()[0];
            Assert.IsFalse(entry.MailAccepted);
            Assert.AreEqual((int)UploadOutcome.Stored, (int)entry.Upload);

            rig.Sender.Outcome = MailFakeSender.Accept;
            rig.Clock.AdvanceSeconds(31);
            OutboxResult second = rig.Pass();

            Assert.AreEqual(1, second.Sent);
            Assert.AreEqual(0, second.Uploaded);
            Assert.AreEqual(1, rig.Connector.ConnectCalls);
            Assert.AreEqual(1, rig.Archive.Completions);
            Assert.AreEqual(0, rig.Store.Count);

            // The resent e-mail carries the code computed once at close.
            Assert.AreEqual((string)rig.Sender.Messages[0], (string)rig.Sender.Messages[1]);
        }

        [TestMethod]
        public void A_server_without_the_upload_never_holds_the_e_mail_back()
        {
            Rig rig = new Rig();
            ScriptedLookupConnection older = LookupClientScript.Server();
            older.DefaultAnswer = "ERRO|comando desconhecido";
            rig.Connections(older);

            OutboxResult result = rig.Pass();

            Assert.AreEqual(1, result.Sent);
            Assert.AreEqual(0, result.Uploaded);
            Assert.IsTrue(result.Empty);
            Assert.AreEqual(0, rig.Store.Count);
            Assert.AreEqual(1, rig.Connector.ConnectCalls);
        }

        [TestMethod]
        public void A_restart_after_the_e_mail_with_the_upload_pending_only_uploads()
        {
            Rig rig = new Rig();
            ScriptedLookupConnection cut = rig.Storing();
            cut.DropAfterRequests = 14;
            rig.Connections(cut, rig.Storing());
            rig.Pass();

            Rig restarted = rig.Restart();
            restarted.Clock.AdvanceSeconds(31);
            OutboxResult result = restarted.Pass();

            Assert.AreEqual(1, result.Uploaded);
            Assert.AreEqual(0, result.Sent);
            Assert.AreEqual(0, restarted.Sender.Sends);
            Assert.AreEqual(0, restarted.Store.Count);
            Assert.AreEqual(1, rig.Archive.StoredCount);
        }

        [TestMethod]
        public void A_restart_after_the_upload_with_the_e_mail_pending_only_mails()
        {
            Rig rig = new Rig();
            rig.Connections(rig.Storing());
            rig.Sender.Outcome = MailFakeSender.Transient;
            rig.Pass();

            Rig restarted = rig.Restart();
            restarted.Clock.AdvanceSeconds(31);
            OutboxResult result = restarted.Pass();

            Assert.AreEqual(1, result.Sent);
            Assert.AreEqual(0, result.Uploaded);
            Assert.AreEqual(1, rig.Connector.ConnectCalls);
            Assert.AreEqual(0, restarted.Store.Count);
            string body = AttendanceMessageWriterTests.DecodedBody((string)restarted.Sender.Messages[0]);
            Assert.IsTrue(body.IndexOf(Code) > 0, body);
        }

        [TestMethod]
        public void Power_lost_after_the_server_stored_the_roll_uploads_it_again_and_it_is_stored_once()
        {
            Rig rig = new Rig();
            ScriptedLookupConnection first = rig.Storing();
            first.Archive = new PowerCutArchive(rig.Archive, rig.Store);
            rig.Connections(first, rig.Storing());
            Expect.Throws(typeof(Exception), delegate { rig.Pass(); });
            Assert.AreEqual(0, rig.Sender.Sends);

            rig.Store.FailWrites = false;
            Rig restarted = rig.Restart();
            OutboxResult result = restarted.Pass();

            Assert.AreEqual(1, result.Sent);
            Assert.AreEqual(1, result.Uploaded);
            Assert.AreEqual(2, rig.Archive.Completions);
            Assert.AreEqual(1, rig.Archive.StoredCount);
            Assert.AreEqual(0, restarted.Store.Count);
        }

        [TestMethod]
        public void An_upload_refused_the_same_way_fails_for_good_after_the_limit_and_is_kept()
        {
            Rig rig = new Rig();
            rig.Options.MaximumIdenticalFailures = 2;
            rig.Connections(Refusing(rig), Refusing(rig), Refusing(rig));

            OutboxResult first = rig.Pass();
            rig.Clock.AdvanceSeconds(31);
            OutboxResult second = rig.Pass();

            Assert.AreEqual(1, first.Sent);
            Assert.AreEqual(1, first.UploadRetryScheduled);
            Assert.AreEqual(1, second.FailedPermanently);
            Assert.AreEqual(1, rig.Sender.Sends);
            OutboxEntry entry = rig.Outbox.Entries()[0];
            Assert.AreEqual((int)OutboxEntryStatus.Failed, (int)entry.Status);
            Assert.IsTrue(entry.MailAccepted);
            Assert.IsTrue(entry.LastError.IndexOf("codigo de verificacao invalido") >= 0, entry.LastError);

            // Resent on request: only the upload is made again.
            Assert.AreEqual(1, rig.Outbox.Resend(null));
            rig.Pass();
            Assert.AreEqual(1, rig.Sender.Sends);
            Assert.AreEqual(3, rig.Connector.ConnectCalls);
        }

        [TestMethod]
        public void A_mail_server_failure_does_not_hold_back_the_upload_of_a_roll_already_mailed()
        {
            Rig rig = new Rig();
            ScriptedLookupConnection cut = rig.Storing();
            cut.DropAfterRequests = 15;
            rig.Connections(cut);
            rig.Pass();

            // Another roll under the same id is stored as "-2", which comes first in name order; its e-mail fails.
            ClosedRoll other = LookupClientScript.Roll();
            other.StudentCodes = new string[] { "A1" };
            other.SwipeTimesUtc = new DateTime[] { other.OpenedUtc.AddMinutes(1) };
            Assert.IsTrue(rig.Outbox.Enqueue(other));
            Assert.AreEqual(RollId + "-2", other.RollId);
            rig.Sender.Outcome = MailFakeSender.Transient;
            rig.Connections(rig.Storing(), rig.Storing());
            rig.Clock.AdvanceSeconds(31);

            OutboxResult result = rig.Pass();

            Assert.AreEqual(1, result.RetryScheduled);
            Assert.AreEqual(2, result.Uploaded);
            Assert.AreEqual(1, rig.Outbox.Entries().Length);
            Assert.AreEqual(RollId + "-2", rig.Outbox.Entries()[0].RollId);
        }

        [TestMethod]
        public void A_malformed_answer_to_the_upload_does_not_stop_the_e_mail_or_other_rolls()
        {
            Rig rig = new Rig();
            ScriptedLookupConnection garbled = rig.Storing();
            garbled.RawAnswers["PRESENCA|A2|20261123T083000Z"] = new byte[] { 0xFF, 0xFE };
            rig.Connections(garbled);

            OutboxResult result = rig.Pass();

            Assert.AreEqual(1, result.Sent);
            Assert.AreEqual(1, result.UploadRetryScheduled);
            Assert.AreEqual(0, result.DamagedRecords);
            Assert.AreEqual(1, rig.Outbox.Entries().Length);
        }

        [TestMethod]
        public void State_records_without_upload_lines_read_as_upload_pending_and_a_legacy_sent_state_uploads_only()
        {
            // What firmware older than the upload wrote: no "upload" or "mailed" line; status 3 ("sent") after the 250.
            Rig rig = new Rig();
            rig.Connections(rig.Storing());
            rig.Sender.Outcome = MailFakeSender.Transient;
            rig.Pass();
            string stateName = "outbox-" + RollId + ".state";
            OutboxEntry legacy = new OutboxEntry();
            legacy.RollId = RollId;
            legacy.Status = OutboxEntryStatus.Sent;
            RecordWriter writer = new RecordWriter(rig.Store, stateName);
            writer.Line("id", legacy.RollId);
            writer.Line("status", ((int)legacy.Status).ToString());
            writer.Line("failures", "0");
            writer.Line("next", "0");
            writer.Line("code", "0");
            writer.Line("error", null);
            writer.Line("settings", null);
            writer.Line("retried", "0");
            writer.Line("repeats", "0");
            writer.Line("signature", null);
            writer.Finish();

            OutboxEntry read = OutboxRecords.ReadState(rig.Store.Read(stateName));
            Assert.AreEqual((int)UploadOutcome.Pending, (int)read.Upload);
            Assert.IsTrue(read.MailAccepted);

            rig.Connections(rig.Storing());
            Rig restarted = rig.Restart();
            OutboxResult result = restarted.Pass();

            Assert.AreEqual(1, result.Uploaded);
            Assert.AreEqual(0, restarted.Sender.Sends);
            Assert.AreEqual(0, restarted.Store.Count);
            Assert.AreEqual(2, rig.Archive.Completions);
        }

        [TestMethod]
        public void The_report_keeps_its_code_and_late_time_and_older_reports_read_without_them()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            RollReport report = MailSampleReports.Small();
            report.VerificationCode = Code;
            report.LateAfterUtc = new DateTime(2024, 2, 5, 17, 15, 0);
            report.LateAfterKnown = true;
            OutboxRecords.WriteReport(store, "r", report);
            report.VerificationCode = null;
            report.LateAfterKnown = false;
            OutboxRecords.WriteReport(store, "old", report);

            RollReport read = OutboxRecords.ReadReport(store.Read("r"));
            RollReport old = OutboxRecords.ReadReport(store.Read("old"));

            Assert.AreEqual(Code, read.VerificationCode);
            Assert.IsTrue(read.LateAfterKnown);
            Assert.AreEqual(new DateTime(2024, 2, 5, 17, 15, 0), read.LateAfterUtc);
            Assert.IsNull(old.VerificationCode);
            Assert.IsFalse(old.LateAfterKnown);
        }

        [TestMethod]
        public void A_stored_code_that_is_not_a_code_makes_the_report_damaged()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            RollReport report = MailSampleReports.Small();
            report.VerificationCode = "HXK3ZV4W3GDB5R9R";
            OutboxRecords.WriteReport(store, "r", report);

            Expect.Throws(typeof(RecordFormatException), delegate { OutboxRecords.ReadReport(store.Read("r")); });
        }

        private static ScriptedLookupConnection Refusing(Rig rig)
        {
            ScriptedLookupConnection server = rig.Storing();
            server.RawAnswers["FIMCHAMADA|" + RollId + "|" + Code] = Encoding.UTF8.GetBytes("ERRO|codigo de verificacao invalido");
            return server;
        }

        /// <summary>One terminal's outbox: store, clock, connections to the lookup server, the SMTP sender.</summary>
        private class Rig
        {
            public readonly InMemoryDurableStore Store;
            public readonly FakeClock Clock;
            public readonly FakeNetworkConnector Connector;
            public readonly FakeRollArchive Archive;
            public readonly MailFakeSender Sender = new MailFakeSender();
            public readonly OutboxOptions Options = OutboxSamples.Options();
            private Outbox _outbox;

            public Rig()
                : this(new InMemoryDurableStore(), OutboxSamples.Clock(), new FakeNetworkConnector(), new FakeRollArchive(LookupClientScript.Key))
            {
                Outbox.Enqueue(LookupClientScript.Roll());
            }

            private Rig(InMemoryDurableStore store, FakeClock clock, FakeNetworkConnector connector, FakeRollArchive archive)
            {
                Store = store;
                Clock = clock;
                Connector = connector;
                Archive = archive;
            }

            public Outbox Outbox
            {
                get
                {
                    if (_outbox == null)
                    {
                        RollReportBuilder builder = LookupClientScript.Builder(Connector);
                        _outbox = new Outbox(Store, builder, builder, Sender, Clock, Options, new MailRecordingLog());
                    }

                    return _outbox;
                }
            }

            public ScriptedLookupConnection Storing()
            {
                ScriptedLookupConnection server = LookupClientScript.Server();
                server.Archive = Archive;
                return server;
            }

            public void Connections(params INetworkConnection[] connections)
            {
                for (int i = 0; i < connections.Length; i++)
                {
                    Connector.Enqueue(connections[i]);
                }
            }

            public OutboxResult Pass()
            {
                return Outbox.ProcessDue();
            }

            /// <summary>The terminal after a reboot: same flash, same servers, a new outbox, sender and monotonic clock.</summary>
            public Rig Restart()
            {
                FakeClock clock = new FakeClock(Clock.UtcNow);
                return new Rig(Store, clock, Connector, Archive);
            }
        }

        /// <summary>The server stores the roll, and the terminal loses power before it can write anything more.</summary>
        private class PowerCutArchive : FakeRollArchive
        {
            private readonly FakeRollArchive _inner;
            private readonly InMemoryDurableStore _store;

            public PowerCutArchive(FakeRollArchive inner, InMemoryDurableStore store)
                : base(LookupClientScript.Key)
            {
                _inner = inner;
                _store = store;
            }

            public override string Answer(string[] fields, string terminalId)
            {
                string answer = _inner.Answer(fields, terminalId);
                if (fields[0] == UploadProtocol.RollEnd)
                {
                    _store.FailWrites = true;
                }

                return answer;
            }
        }
    }
}
