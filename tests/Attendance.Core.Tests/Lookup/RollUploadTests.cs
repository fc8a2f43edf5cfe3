using System;
using System.Collections;
using Attendance.Core.Lookup;
using Attendance.Core.Roll;
using Attendance.Core.Tests.Fakes;

namespace Attendance.Core.Tests.Lookup
{
    /// <summary>
    /// The roll upload seen from the terminal (docs/protocol.md, "Uploading a roll" and "The board's exchange at
    /// close", step 5): at close on the lookup's connection, or alone on a new one; idempotent across retries; never
    /// able to spoil the report, whatever the server answers.
    /// </summary>
    [TestClass]
    public class RollUploadTests
    {
        [TestMethod]
        public void The_upload_is_step_five_of_the_close_with_the_documented_lines_and_code()
        {
            FakeRollArchive archive = new FakeRollArchive(LookupClientScript.Key);
            ScriptedLookupConnection server = Storing(archive);
            RollReportBuilder builder = LookupClientScript.Builder(LookupClientScript.ConnectorWith(server));

            RollReport report = builder.BuildAndUpload(LookupClientScript.Roll(), null);

            Assert.AreEqual((int)UploadOutcome.Stored, (int)report.Upload.Outcome);
            Assert.AreEqual(5, builder.LastRoundTrips);
            Assert.AreEqual("HXK3-ZV4W-3GDB-5R9R", report.VerificationCode);
            Assert.AreEqual("HXK3-ZV4W-3GDB-5R9R", archive.CodeOf("T01-20261123T080500Z"));
            string[] upload = new string[]
            {
                "CHAMADA|T01-20261123T080500Z|P1|C1|20261123T080500Z|20261123T094000Z|20261123T081500Z|0|3",
                "PRESENCA|A1|20261123T081000Z", "PRESENCA|A2|20261123T083000Z", "PRESENCA|X9|20261123T081200Z",
                "FIMCHAMADA|T01-20261123T080500Z|HXK3-ZV4W-3GDB-5R9R",
            };
            Assert.AreEqual(13 + upload.Length, server.Requests.Count);
            for (int i = 0; i < upload.Length; i++)
            {
                Assert.AreEqual(upload[i], (string)server.Requests[13 + i]);
            }

            // The report is the lookup's, untouched by the upload.
            Assert.AreEqual("Cálculo I", report.ClassName);
            Assert.AreEqual(3, report.Entries.Length);
            Assert.IsTrue(report.Entries[1].Late);
        }

        [TestMethod]
        public void Without_a_class_the_class_and_late_fields_are_empty_after_two_lookup_round_trips()
        {
            Hashtable answers = LookupClientScript.Answers();
            answers["CODIGOCADEIRA|08:05|1|P1"] = "NAOHACADEIRA";
            FakeRollArchive archive = new FakeRollArchive(LookupClientScript.Key);
            ScriptedLookupConnection server = new ScriptedLookupConnection(answers, LookupClientScript.Key);
            server.Archive = archive;
            RollReportBuilder builder = LookupClientScript.Builder(LookupClientScript.ConnectorWith(server));

            RollReport report = builder.BuildAndUpload(LookupClientScript.Roll(), null);

            Assert.AreEqual((int)UploadOutcome.Stored, (int)report.Upload.Outcome);
            Assert.AreEqual(3, builder.LastRoundTrips);
            Assert.AreEqual("CHAMADA|T01-20261123T080500Z|P1||20261123T080500Z|20261123T094000Z||0|3", (string)server.Requests[7]);
        }

        [TestMethod]
        [DataRow(1)]
        [DataRow(40)]
        [DataRow(400)]
        public void The_upload_adds_one_round_trip_and_few_writes_whatever_the_roll_size(int students)
        {
            Hashtable answers = LookupClientScript.Answers();
            ClosedRoll roll = LookupClientScript.LargeRoll(students, answers);
            FakeRollArchive archive = new FakeRollArchive(LookupClientScript.Key);
            ScriptedLookupConnection server = new ScriptedLookupConnection(answers, LookupClientScript.Key);
            server.Archive = archive;
            LookupClient client = new LookupClient(LookupClientScript.ConnectorWith(server), LookupClientScript.Settings());

            RollReport report = new RollReportBuilder(client).BuildAndUpload(roll, null);

            Assert.AreEqual((int)UploadOutcome.Stored, (int)report.Upload.Outcome);
            Assert.AreEqual(5, client.LastRoundTrips);
            Assert.AreEqual(students, archive.PresencesOf(roll.RollId));

            // About 100 bytes of lookup requests and 40 of upload per student, in 512-byte writes.
            Assert.IsTrue(client.LastWrites <= 5 + (students * 140) / 512, "writes: " + client.LastWrites.ToString());
        }

        [TestMethod]
        public void A_server_without_the_upload_answers_unknown_command_and_the_report_stands()
        {
            ScriptedLookupConnection server = LookupClientScript.Server();
            server.DefaultAnswer = "ERRO|comando desconhecido";

            RollReport report = LookupClientScript.Builder(LookupClientScript.ConnectorWith(server)).BuildAndUpload(LookupClientScript.Roll(), null);

            Assert.AreEqual((int)UploadOutcome.NotSupported, (int)report.Upload.Outcome);
            Assert.IsTrue(report.Upload.Done);
            Assert.AreEqual("HXK3-ZV4W-3GDB-5R9R", report.VerificationCode);
            Assert.AreEqual("Engenharia Informática", report.CourseName);
        }

        [TestMethod]
        public void A_cut_during_the_upload_keeps_the_report_and_the_upload_alone_resends_it_whole()
        {
            FakeRollArchive archive = new FakeRollArchive(LookupClientScript.Key);
            ScriptedLookupConnection first = Storing(archive);
            first.DropAfterRequests = 15;
            ScriptedLookupConnection second = Storing(archive);
            FakeNetworkConnector connector = LookupClientScript.ConnectorWith(first);
            connector.Enqueue(second);
            RollReportBuilder builder = LookupClientScript.Builder(connector);

            RollReport report = builder.BuildAndUpload(LookupClientScript.Roll(), null);

            Assert.AreEqual(1, connector.ConnectCalls);
            Assert.AreEqual((int)UploadOutcome.Pending, (int)report.Upload.Outcome);
            Assert.IsTrue(report.Upload.Transient);
            Assert.AreEqual(0, archive.StoredCount);
            Assert.AreEqual("Cálculo I", report.ClassName);

            UploadResult retried = builder.Upload(report);

            Assert.AreEqual((int)UploadOutcome.Stored, (int)retried.Outcome, retried.Error);
            Assert.AreEqual(2, connector.ConnectCalls);
            Assert.AreEqual(2, builder.LastRoundTrips);
            Assert.AreEqual(1, second.WriteCalls);
            Assert.IsTrue(((string)second.Requests[0]).StartsWith("AUTENTICAR|T01|"));
            Assert.AreEqual(1 + 5, second.Requests.Count);
            Assert.AreEqual(3, archive.PresencesOf("T01-20261123T080500Z"));
            Assert.AreEqual("HXK3-ZV4W-3GDB-5R9R", archive.CodeOf("T01-20261123T080500Z"));
        }

        [TestMethod]
        public void A_retried_upload_of_a_stored_roll_is_stored_again_once()
        {
            FakeRollArchive archive = new FakeRollArchive(LookupClientScript.Key);
            FakeNetworkConnector connector = LookupClientScript.ConnectorWith(Storing(archive));
            connector.Enqueue(Storing(archive));
            RollReportBuilder builder = LookupClientScript.Builder(connector);
            RollReport report = builder.BuildAndUpload(LookupClientScript.Roll(), null);

            UploadResult again = builder.Upload(report);

            Assert.AreEqual((int)UploadOutcome.Stored, (int)again.Outcome);
            Assert.AreEqual(2, archive.Completions);
            Assert.AreEqual(1, archive.StoredCount);
        }

        [TestMethod]
        [DataRow("CHAMADA", "XYZ")]
        [DataRow("CHAMADA", "OK|extra")]
        [DataRow("PRESENCA|A2|20261123T083000Z", "ERRO|presencas demais")]
        [DataRow("PRESENCA|X9|20261123T081200Z", "")]
        [DataRow("FIMCHAMADA", "CHAMADAGUARDADA|T01-other")]
        [DataRow("FIMCHAMADA", "CHAMADAGUARDADA")]
        [DataRow("FIMCHAMADA", "ERRO|codigo de verificacao invalido")]
        [DataRow("FIMCHAMADA", "OK")]
        public void A_malformed_or_refusing_answer_fails_the_upload_alone_and_is_not_passing(string request, string answer)
        {
            ScriptedLookupConnection server = Storing(new FakeRollArchive(LookupClientScript.Key));
            server.Archive = new ScriptedArchiveAnswer(request, answer, LookupClientScript.Key);

            RollReport report = LookupClientScript.Builder(LookupClientScript.ConnectorWith(server)).BuildAndUpload(LookupClientScript.Roll(), null);

            Assert.AreEqual((int)UploadOutcome.Pending, (int)report.Upload.Outcome);
            Assert.IsFalse(report.Upload.Transient, report.Upload.Error);
            Assert.IsNotNull(report.Upload.Error);
            Assert.AreEqual("Cálculo I", report.ClassName);
        }

        [TestMethod]
        public void An_undecodable_answer_to_the_upload_fails_the_upload_alone()
        {
            ScriptedLookupConnection server = Storing(new FakeRollArchive(LookupClientScript.Key));
            server.RawAnswers["PRESENCA|A1|20261123T081000Z"] = new byte[] { (byte)'O', 0xC3, 0x28 };

            RollReport report = LookupClientScript.Builder(LookupClientScript.ConnectorWith(server)).BuildAndUpload(LookupClientScript.Roll(), null);

            Assert.AreEqual((int)UploadOutcome.Pending, (int)report.Upload.Outcome);
            Assert.IsFalse(report.Upload.Transient);
            Assert.AreEqual(3, report.Entries.Length);
        }

        [TestMethod]
        public void A_server_unavailable_at_FIMCHAMADA_is_passing_trouble()
        {
            ScriptedLookupConnection server = Storing(new FakeRollArchive(LookupClientScript.Key));
            server.Archive = new ScriptedArchiveAnswer("FIMCHAMADA", "ERRO|servidor indisponivel", LookupClientScript.Key);

            RollReport report = LookupClientScript.Builder(LookupClientScript.ConnectorWith(server)).BuildAndUpload(LookupClientScript.Roll(), null);

            Assert.AreEqual((int)UploadOutcome.Pending, (int)report.Upload.Outcome);
            Assert.IsTrue(report.Upload.Transient);
        }

        [TestMethod]
        public void The_upload_alone_against_an_unreachable_server_is_a_passing_failure_not_an_exception()
        {
            FakeNetworkConnector connector = new FakeNetworkConnector();
            connector.Enqueue(LookupClientScript.Down());
            connector.Enqueue(LookupClientScript.Down());
            RollReport report = LookupClientScript.Builder(LookupClientScript.ConnectorWith(LookupClientScript.Server())).Build(LookupClientScript.Roll());

            UploadResult result = LookupClientScript.Builder(connector).Upload(report);

            Assert.AreEqual((int)UploadOutcome.Pending, (int)result.Outcome);
            Assert.IsTrue(result.Transient);
            Assert.IsTrue(result.Error.IndexOf("could not be reached") >= 0, result.Error);
        }

        [TestMethod]
        public void A_report_without_its_code_gets_the_same_code_when_uploaded_alone()
        {
            // A report stored by firmware older than the upload: no code, no late-after line.
            RollReport report = LookupClientScript.Builder(LookupClientScript.ConnectorWith(LookupClientScript.Server())).Build(LookupClientScript.Roll());
            report.VerificationCode = null;
            report.LateAfterKnown = false;
            FakeRollArchive archive = new FakeRollArchive(LookupClientScript.Key);

            UploadResult result = LookupClientScript.Builder(LookupClientScript.ConnectorWith(Storing(archive))).Upload(report);

            Assert.AreEqual((int)UploadOutcome.Stored, (int)result.Outcome, result.Error);
            Assert.AreEqual("HXK3-ZV4W-3GDB-5R9R", archive.CodeOf("T01-20261123T080500Z"));
        }

        [TestMethod]
        public void In_open_mode_nothing_is_uploaded()
        {
            LookupClientSettings settings = LookupClientScript.Settings();
            settings.TerminalKey = null;
            ScriptedLookupConnection server = new ScriptedLookupConnection(LookupClientScript.Answers(), null);
            RollReportBuilder builder = new RollReportBuilder(new LookupClient(LookupClientScript.ConnectorWith(server), settings));

            RollReport report = builder.BuildAndUpload(LookupClientScript.Roll(), null);

            Assert.AreEqual((int)UploadOutcome.NotRequired, (int)report.Upload.Outcome);
            Assert.IsNull(report.VerificationCode);
            Assert.AreEqual(12, server.Requests.Count);
            Assert.AreEqual((int)UploadOutcome.NotRequired, (int)builder.Upload(report).Outcome);
        }

        [TestMethod]
        [DataRow("20261123T081500Z", 2026, 11, 23, 8, 15, 0)]
        [DataRow("16010101T000000Z", 1601, 1, 1, 0, 0, 0)]
        [DataRow("20240229T235959Z", 2024, 2, 29, 23, 59, 59)]
        public void Upload_times_are_ISO_basic_UTC_to_the_second(string text, int year, int month, int day, int hour, int minute, int second)
        {
            DateTime time = new DateTime(year, month, day, hour, minute, second);
            DateTime parsed;

            Assert.AreEqual(text, UploadProtocol.FormatUtc(time.AddTicks(9999999)));
            Assert.IsTrue(UploadProtocol.TryParseUtc(text, out parsed));
            Assert.AreEqual(time, parsed);
        }

        [TestMethod]
        [DataRow("20261123T081500")]
        [DataRow("20261123 081500Z")]
        [DataRow("20230229T081500Z")]
        [DataRow("20261123T246000Z")]
        [DataRow("2026-11-23T08:15Z")]
        [DataRow("")]
        public void Malformed_upload_times_are_refused(string text)
        {
            DateTime parsed;

            Assert.IsFalse(UploadProtocol.TryParseUtc(text, out parsed));
        }

        private static ScriptedLookupConnection Storing(FakeRollArchive archive)
        {
            ScriptedLookupConnection server = LookupClientScript.Server();
            server.Archive = archive;
            return server;
        }

        /// <summary>A storing server that answers one upload line (by its start) with a scripted line instead.</summary>
        private class ScriptedArchiveAnswer : FakeRollArchive
        {
            private readonly string _request;
            private readonly string _answer;

            public ScriptedArchiveAnswer(string request, string answer, byte[] key)
                : base(key)
            {
                _request = request;
                _answer = answer;
            }

            public override string Answer(string[] fields, string terminalId)
            {
                string line = fields[0];
                for (int i = 1; i < fields.Length; i++)
                {
                    line += "|" + fields[i];
                }

                string answer = base.Answer(fields, terminalId);
                return line.StartsWith(_request) ? _answer : answer;
            }
        }
    }
}
