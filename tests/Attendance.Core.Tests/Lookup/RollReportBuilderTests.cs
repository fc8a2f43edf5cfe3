using System;
using System.Collections;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Core.Roll;
using Attendance.Core.Security;
using Attendance.Core.Tests.Fakes;
using Attendance.Core.Tests.Support;

namespace Attendance.Core.Tests.Lookup
{
    [TestClass]
    public class RollReportBuilderTests
    {
        [TestMethod]
        public void Report_holds_every_answer_of_the_server()
        {
            ScriptedLookupConnection server = LookupClientScript.Server();
            RollReportBuilder builder = LookupClientScript.Builder(LookupClientScript.ConnectorWith(server));
            ClosedRoll roll = LookupClientScript.Roll();

            RollReport report = builder.Build(roll);

            Assert.AreEqual(roll.RollId, report.RollId);
            Assert.AreEqual("T01", report.TerminalId);
            Assert.AreEqual("P1", report.ProfessorCode);
            Assert.AreEqual("Conceição Araújo", report.ProfessorName);
            Assert.AreEqual("p1@example.edu", report.ProfessorEmail);
            Assert.AreEqual("C1", report.ClassCode);
            Assert.AreEqual("Cálculo I", report.ClassName);
            Assert.AreEqual("K1", report.CourseCode);
            Assert.AreEqual("Engenharia Informática", report.CourseName);
            Assert.AreEqual(480, report.ClassStartMinuteOfDay);
            Assert.AreEqual(0, report.UtcOffsetMinutes);
            Assert.AreEqual(roll.OpenedUtc, report.OpenedUtc);
            Assert.AreEqual(roll.ClosedUtc, report.ClosedUtc);
            Assert.AreEqual(3, report.Entries.Length);
            AssertEntry(report.Entries[0], "A1", "João Conceição", AttendanceStatus.Enrolled, false);
            AssertEntry(report.Entries[1], "A2", "Ñandú Müller", AttendanceStatus.NotEnrolled, true);
            AssertEntry(report.Entries[2], "X9", null, AttendanceStatus.UnknownStudent, false);
            Assert.AreEqual(roll.SwipeTimesUtc[1], report.Entries[1].SwipeUtc);
            Assert.IsTrue(server.Disposed);
        }

        [TestMethod]
        public void Requests_go_out_in_the_documented_order_with_authentication_first()
        {
            ScriptedLookupConnection server = LookupClientScript.Server();
            LookupClientScript.Builder(LookupClientScript.ConnectorWith(server)).Build(LookupClientScript.Roll());

            string[] expected = new string[]
            {
                "AUTENTICAR", "EHPROFESSOR|P1", "NOMEPROFESSOR|P1", "CODIGOCADEIRA|08:05|1|P1", "NOMEALUNO|A1",
                "NOMEALUNO|A2", "NOMEALUNO|X9", "CODIGOCURSOCADEIRA|C1", "NOMECADEIRA|C1", "INICIOCADEIRA|C1|1|08:05",
                "NOMECURSO|K1", "MATRICULADO|A1|C1|K1|2026|11", "MATRICULADO|A2|C1|K1|2026|11",
            };
            Assert.AreEqual(expected.Length, server.Requests.Count);
            Assert.IsTrue(((string)server.Requests[0]).StartsWith("AUTENTICAR|T01|"));
            for (int i = 1; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], (string)server.Requests[i]);
            }
        }

        [TestMethod]
        [DataRow(1)]
        [DataRow(40)]
        [DataRow(150)]
        public void Round_trips_stay_at_four_whatever_the_roll_size(int students)
        {
            Hashtable answers = LookupClientScript.Answers();
            ClosedRoll roll = LookupClientScript.LargeRoll(students, answers);
            ScriptedLookupConnection server = new ScriptedLookupConnection(answers, LookupClientScript.Key);
            LookupClient client = new LookupClient(LookupClientScript.ConnectorWith(server), LookupClientScript.Settings());
            RollReportBuilder builder = new RollReportBuilder(client);

            RollReport report = builder.Build(roll);

            Assert.AreEqual(4, builder.LastRoundTrips);
            Assert.AreEqual(students, report.Entries.Length);
            Assert.AreEqual("Aluno Nº " + (students - 1).ToString(), report.Entries[students - 1].StudentName);
            Assert.AreEqual((int)AttendanceStatus.Enrolled, (int)report.Entries[0].Status);
            if (students > 1)
            {
                Assert.AreEqual((int)AttendanceStatus.NotEnrolled, (int)report.Entries[1].Status);
            }

            // Requests are batched into buffer-sized writes, far fewer than one write per request.
            Assert.IsTrue(client.LastWrites <= 3 + (students * 60) / 512, "writes: " + client.LastWrites.ToString());
            Assert.AreEqual(client.LastWrites, server.WriteCalls);
        }

        [TestMethod]
        public void Answers_split_one_byte_at_a_time_give_the_same_report()
        {
            ScriptedLookupConnection server = LookupClientScript.Server();
            server.ReadChunkBytes = 1;

            RollReport report = LookupClientScript.Builder(LookupClientScript.ConnectorWith(server)).Build(LookupClientScript.Roll());

            Assert.AreEqual("Conceição Araújo", report.ProfessorName);
            AssertEntry(report.Entries[1], "A2", "Ñandú Müller", AttendanceStatus.NotEnrolled, true);
            Assert.AreEqual("Engenharia Informática", report.CourseName);
        }

        [TestMethod]
        public void No_class_scheduled_gives_a_report_without_class_in_two_round_trips()
        {
            Hashtable answers = LookupClientScript.Answers();
            answers["CODIGOCADEIRA|08:05|1|P1"] = "NAOHACADEIRA";
            ScriptedLookupConnection server = new ScriptedLookupConnection(answers, LookupClientScript.Key);
            RollReportBuilder builder = LookupClientScript.Builder(LookupClientScript.ConnectorWith(server));

            RollReport report = builder.Build(LookupClientScript.Roll());

            Assert.IsNull(report.ClassCode);
            Assert.IsNull(report.CourseCode);
            Assert.AreEqual(-1, report.ClassStartMinuteOfDay);
            Assert.AreEqual(2, builder.LastRoundTrips);
            AssertEntry(report.Entries[0], "A1", "João Conceição", AttendanceStatus.NotEnrolled, false);
            AssertEntry(report.Entries[2], "X9", null, AttendanceStatus.UnknownStudent, false);
        }

        [TestMethod]
        [DataRow(120, 1, "09:05")]
        [DataRow(-180, 1, "04:05")]
        [DataRow(-540, 7, "22:05")]
        public void Class_is_asked_for_the_local_time_and_ISO_weekday(int offset, int weekday, string time)
        {
            Hashtable answers = LookupClientScript.Answers();
            answers["CODIGOCADEIRA|" + time + "|" + weekday.ToString() + "|P1"] = "NAOHACADEIRA";
            ScriptedLookupConnection server = new ScriptedLookupConnection(answers, LookupClientScript.Key);
            LookupClientSettings settings = LookupClientScript.Settings();
            settings.UtcOffsetMinutes = offset;
            RollReportBuilder builder = new RollReportBuilder(new LookupClient(LookupClientScript.ConnectorWith(server), settings));
            ClosedRoll roll = LookupClientScript.Roll();
            roll.OpenedUtc = new DateTime(2026, 11, 23, 7, 5, 0);

            RollReport report = builder.Build(roll);

            Assert.AreEqual("CODIGOCADEIRA|" + time + "|" + weekday.ToString() + "|P1", (string)server.Requests[3]);
            Assert.AreEqual(offset, report.UtcOffsetMinutes);
        }

        [TestMethod]
        public void A_dropped_connection_is_retried_once_on_a_new_connection()
        {
            ScriptedLookupConnection first = LookupClientScript.Server();
            first.DropAfterRequests = 5;
            ScriptedLookupConnection second = LookupClientScript.Server();
            FakeNetworkConnector connector = LookupClientScript.ConnectorWith(first);
            connector.Enqueue(second);

            RollReport report = LookupClientScript.Builder(connector).Build(LookupClientScript.Roll());

            Assert.AreEqual(2, connector.ConnectCalls);
            Assert.IsTrue(first.Disposed);
            Assert.AreEqual("Cálculo I", report.ClassName);
        }

        [TestMethod]
        public void A_silent_server_twice_is_a_timeout()
        {
            ScriptedLookupConnection first = LookupClientScript.Server();
            first.SilentAfterRequests = 3;
            ScriptedLookupConnection second = LookupClientScript.Server();
            second.SilentAfterRequests = 0;
            FakeNetworkConnector connector = LookupClientScript.ConnectorWith(first);
            connector.Enqueue(second);

            LookupException failure = BuildExpectingFailure(connector);

            Assert.AreEqual((int)LookupFailure.Timeout, (int)failure.Failure);
            Assert.AreEqual(2, connector.ConnectCalls);
            Assert.IsTrue(second.Disposed);
        }

        [TestMethod]
        public void An_unreachable_server_is_tried_twice_then_reported_unreachable()
        {
            FakeNetworkConnector connector = new FakeNetworkConnector();
            connector.Enqueue(LookupClientScript.Down());
            connector.Enqueue(LookupClientScript.Down());

            LookupException failure = BuildExpectingFailure(connector);

            Assert.AreEqual((int)LookupFailure.Unreachable, (int)failure.Failure);
            Assert.AreEqual(2, connector.ConnectCalls);
        }

        [TestMethod]
        public void A_failed_tls_handshake_is_refused_without_retrying()
        {
            FakeNetworkConnector connector = new FakeNetworkConnector();
            connector.Enqueue(new NetworkException(NetworkFailure.TlsFailed, "certificate not trusted"));
            connector.Enqueue(new NetworkException(NetworkFailure.TlsFailed, "certificate not trusted"));

            LookupException failure = BuildExpectingFailure(connector);

            Assert.AreEqual((int)LookupFailure.Refused, (int)failure.Failure);
            Assert.AreEqual(1, connector.ConnectCalls);
        }

        [TestMethod]
        [DataRow((int)NetworkFailure.ConnectionLost, (int)LookupFailure.Unreachable)]
        [DataRow((int)NetworkFailure.Timeout, (int)LookupFailure.Timeout)]
        public void A_tls_handshake_cut_by_the_network_is_retried_and_stays_transient(int handshakeFailure, int expected)
        {
            FakeNetworkConnector connector = new FakeNetworkConnector();
            connector.Enqueue(new NetworkException((NetworkFailure)handshakeFailure, "TLS handshake was cut"));
            connector.Enqueue(new NetworkException((NetworkFailure)handshakeFailure, "TLS handshake was cut"));

            LookupException failure = BuildExpectingFailure(connector);

            Assert.AreEqual(expected, (int)failure.Failure);
            Assert.AreEqual(2, connector.ConnectCalls);
        }

        [TestMethod]
        public void A_tls_handshake_cut_once_succeeds_on_the_second_connection()
        {
            FakeNetworkConnector connector = new FakeNetworkConnector();
            connector.Enqueue(new NetworkException(NetworkFailure.ConnectionLost, "TLS handshake was cut"));
            connector.Enqueue(LookupClientScript.Server());

            RollReport report = LookupClientScript.Builder(connector).Build(LookupClientScript.Roll());

            Assert.AreEqual("Cálculo I", report.ClassName);
        }

        [TestMethod]
        public void A_wrong_key_is_KeyRefused_without_retrying_and_without_key_material_in_the_message()
        {
            ScriptedLookupConnection server = new ScriptedLookupConnection(LookupClientScript.Answers(), System.Text.Encoding.UTF8.GetBytes("another key"));
            FakeNetworkConnector connector = LookupClientScript.ConnectorWith(server);

            LookupException failure = BuildExpectingFailure(connector);

            Assert.AreEqual((int)LookupFailure.KeyRefused, (int)failure.Failure);
            Assert.AreEqual(1, connector.ConnectCalls);
            Assert.IsTrue(failure.Message.IndexOf("T01") >= 0, failure.Message);
            string proof = ((string)server.Requests[0]).Substring("AUTENTICAR|T01|".Length);
            Assert.IsTrue(failure.Message.IndexOf(proof) < 0, failure.Message);
            Assert.IsTrue(failure.Message.IndexOf("terminal-key-for-tests") < 0, failure.Message);
            Assert.IsTrue(failure.Message.IndexOf(HexText.FromBytes(LookupClientScript.Key)) < 0, failure.Message);
        }

        [TestMethod]
        [DataRow("ERRO|servidor indisponivel")]
        [DataRow("ERRO|falha interna")]
        [DataRow("ERRO|servidor ocupado")]
        public void An_AUTENTICAR_the_server_could_not_check_is_passing_trouble_not_a_refused_key(string answer)
        {
            // The server's database failed while reading the key: the roll must be retried as on an unreachable
            // server, and the key-refused signal must stay off.
            ScriptedLookupConnection server = new ScriptedLookupConnection(LookupClientScript.Answers(), LookupClientScript.Key);
            server.AuthenticationAnswer = answer;
            FakeNetworkConnector connector = LookupClientScript.ConnectorWith(server);

            LookupException failure = BuildExpectingFailure(connector);

            Assert.AreEqual((int)LookupFailure.Unreachable, (int)failure.Failure);
            Assert.IsTrue(failure.Message.IndexOf(answer.Substring(5)) >= 0, failure.Message);
        }

        [TestMethod]
        [DataRow("NOMEALUNO|A1")]
        [DataRow("MATRICULADO|A2|C1|K1|2026|11")]
        [DataRow("EHPROFESSOR|P1")]
        public void A_query_the_server_could_not_answer_now_is_passing_trouble(string request)
        {
            Hashtable answers = LookupClientScript.Answers();
            answers[request] = "ERRO|servidor indisponivel";
            FakeNetworkConnector connector = LookupClientScript.ConnectorWith(new ScriptedLookupConnection(answers, LookupClientScript.Key));

            LookupException failure = BuildExpectingFailure(connector);

            Assert.AreEqual((int)LookupFailure.Unreachable, (int)failure.Failure);
        }

        [TestMethod]
        [DataRow("MATRICULADO|A2|C1|K1|2026|11", "TALVEZ")]
        [DataRow("MATRICULADO|A2|C1|K1|2026|11", "ERRO|falha interna")]
        [DataRow("INICIOCADEIRA|C1|1|08:05", "8h00")]
        [DataRow("NOMEALUNO|A1", "ERRO|falha interna")]
        [DataRow("CODIGOCADEIRA|08:05|1|P1", "C\t1")]
        [DataRow("CODIGOCURSOCADEIRA|C1", "K\u00071")]
        [DataRow("EHPROFESSOR|P1", "p1@example.edu|p2@example.edu")]
        [DataRow("MATRICULADO|A1|C1|K1|2026|11", "MATRICULADO\u0001")]
        public void An_answer_outside_the_protocol_is_a_protocol_violation(string request, string answer)
        {
            Hashtable answers = LookupClientScript.Answers();
            answers[request] = answer;
            FakeNetworkConnector connector = LookupClientScript.ConnectorWith(new ScriptedLookupConnection(answers, LookupClientScript.Key));

            LookupException failure = BuildExpectingFailure(connector);

            Assert.AreEqual((int)LookupFailure.ProtocolViolation, (int)failure.Failure);
            Assert.AreEqual(1, connector.ConnectCalls);
        }

        [TestMethod]
        [DataRow("Jo\u00e3o\tConcei\u00e7\u00e3o", 0)]
        [DataRow("bad\\escape", 0)]
        [DataRow("", 0)]
        [DataRow("Jo\u00e3o|Concei\u00e7\u00e3o", 0)]
        [DataRow("|||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||||", 0)]
        [DataRow("\u00c1", 300)]
        [DataRow("x", 600)]
        [DataRow("x", 2000)]
        public void An_undecodable_student_name_degrades_that_line_only(string name, int repeat)
        {
            Hashtable answers = LookupClientScript.Answers();
            answers["NOMEALUNO|A1"] = Repeat(name, repeat);
            ScriptedLookupConnection server = new ScriptedLookupConnection(answers, LookupClientScript.Key);
            RollReportBuilder builder = LookupClientScript.Builder(LookupClientScript.ConnectorWith(server));

            RollReport report = builder.Build(LookupClientScript.Roll());

            Assert.IsNull(report.Entries[0].StudentName);
            Assert.IsTrue(report.Entries[0].NameUnreadable);
            Assert.AreEqual((int)AttendanceStatus.Enrolled, (int)report.Entries[0].Status, "enrolment still asked and read");
            AssertEntry(report.Entries[1], "A2", "Ñandú Müller", AttendanceStatus.NotEnrolled, true);
            Assert.IsFalse(report.Entries[1].NameUnreadable);
            AssertEntry(report.Entries[2], "X9", null, AttendanceStatus.UnknownStudent, false);
            Assert.IsFalse(report.Entries[2].NameUnreadable);
            Assert.AreEqual("Engenharia Informática", report.CourseName, "answers after the bad one stay in step");
            Assert.AreEqual(4, builder.LastRoundTrips);
        }

        [TestMethod]
        [DataRow("4a6f00e36f")]
        [DataRow("4ac328fffe6f")]
        [DataRow("4a6f09e36f")]
        [DataRow("c3")]
        [DataRow("4a6f7f")]
        public void Raw_bytes_a_name_cannot_hold_degrade_that_line_only(string answerHex)
        {
            ScriptedLookupConnection server = LookupClientScript.Server();
            server.RawAnswers["NOMEALUNO|A2"] = HexText.ToBytes(answerHex);
            RollReport report = LookupClientScript.Builder(LookupClientScript.ConnectorWith(server)).Build(LookupClientScript.Roll());

            Assert.IsTrue(report.Entries[1].NameUnreadable);
            Assert.IsNull(report.Entries[1].StudentName);
            Assert.AreEqual((int)AttendanceStatus.NotEnrolled, (int)report.Entries[1].Status);
            AssertEntry(report.Entries[0], "A1", "João Conceição", AttendanceStatus.Enrolled, false);
            Assert.IsFalse(report.Entries[0].NameUnreadable);
        }

        [TestMethod]
        [DataRow("NOMEPROFESSOR|P1")]
        [DataRow("NOMECADEIRA|C1")]
        [DataRow("NOMECURSO|K1")]
        public void An_undecodable_professor_class_or_course_name_is_left_out(string request)
        {
            Hashtable answers = LookupClientScript.Answers();
            answers[request] = Repeat("\u00c1", 300);
            RollReport report = LookupClientScript.Builder(LookupClientScript.ConnectorWith(new ScriptedLookupConnection(answers, LookupClientScript.Key)))
                .Build(LookupClientScript.Roll());

            string[] names = new string[] { report.ProfessorName, report.ClassName, report.CourseName };
            int missing = 0;
            for (int i = 0; i < names.Length; i++)
            {
                missing += names[i] == null ? 1 : 0;
            }

            Assert.AreEqual(1, missing);
            Assert.AreEqual("C1", report.ClassCode);
            Assert.AreEqual("K1", report.CourseCode);
            Assert.AreEqual(3, report.Entries.Length);
        }

        [TestMethod]
        public void The_same_bad_answer_fails_with_the_same_kind_and_message_each_time()
        {
            Hashtable answers = LookupClientScript.Answers();
            answers["CODIGOCADEIRA|08:05|1|P1"] = Repeat("C", 700);
            LookupException first = BuildExpectingFailure(LookupClientScript.ConnectorWith(new ScriptedLookupConnection(answers, LookupClientScript.Key)));
            LookupException second = BuildExpectingFailure(LookupClientScript.ConnectorWith(new ScriptedLookupConnection(answers, LookupClientScript.Key)));

            Assert.AreEqual((int)LookupFailure.ProtocolViolation, (int)first.Failure);
            Assert.AreEqual((int)first.Failure, (int)second.Failure);
            Assert.AreEqual(first.Message, second.Message);
        }

        [TestMethod]
        public void A_missing_answer_fails_the_whole_exchange()
        {
            ScriptedLookupConnection first = LookupClientScript.Server();
            first.SilentAfterRequests = 6;
            ScriptedLookupConnection second = LookupClientScript.Server();
            second.SilentAfterRequests = 6;
            FakeNetworkConnector connector = LookupClientScript.ConnectorWith(first);
            connector.Enqueue(second);

            LookupException failure = BuildExpectingFailure(connector);

            Assert.AreEqual((int)LookupFailure.Timeout, (int)failure.Failure);
        }

        [TestMethod]
        [DataRow("HELLO", (int)LookupFailure.ProtocolViolation)]
        [DataRow("OLA|2|abc", (int)LookupFailure.ProtocolViolation)]
        [DataRow("OLA|1|", (int)LookupFailure.ProtocolViolation)]
        [DataRow("ERRO|servidor ocupado", (int)LookupFailure.Unreachable)]
        public void A_greeting_other_than_OLA_1_nonce_fails_typed(string greeting, int expected)
        {
            ScriptedLookupConnection server = LookupClientScript.Server();
            server.ReplaceGreeting(greeting);
            FakeNetworkConnector connector = LookupClientScript.ConnectorWith(server);

            LookupException failure = BuildExpectingFailure(connector);

            Assert.AreEqual(expected, (int)failure.Failure);
            Assert.AreEqual(1, connector.ConnectCalls);
        }

        [TestMethod]
        public void Open_mode_sends_no_authentication_and_reads_no_greeting()
        {
            ScriptedLookupConnection server = new ScriptedLookupConnection(LookupClientScript.Answers(), null);
            LookupClientSettings settings = LookupClientScript.Settings();
            settings.TerminalKey = null;
            RollReportBuilder builder = new RollReportBuilder(new LookupClient(LookupClientScript.ConnectorWith(server), settings));

            RollReport report = builder.Build(LookupClientScript.Roll());

            Assert.AreEqual("EHPROFESSOR|P1", (string)server.Requests[0]);
            Assert.AreEqual("Cálculo I", report.ClassName);
            Assert.AreEqual(3, builder.LastRoundTrips);
        }

        [TestMethod]
        public void An_unknown_professor_keeps_the_address_confirmed_at_opening_or_is_refused()
        {
            Hashtable answers = LookupClientScript.Answers();
            answers["EHPROFESSOR|P1"] = "NAOEHPROFESSOR";
            ClosedRoll roll = LookupClientScript.Roll();
            roll.ProfessorEmail = "p1.confirmed@example.edu";

            RollReport report = LookupClientScript.Builder(LookupClientScript.ConnectorWith(new ScriptedLookupConnection(answers, LookupClientScript.Key))).Build(roll);
            Assert.AreEqual("p1.confirmed@example.edu", report.ProfessorEmail);

            FakeNetworkConnector connector = LookupClientScript.ConnectorWith(new ScriptedLookupConnection(answers, LookupClientScript.Key));
            LookupException failure = BuildExpectingFailure(connector);
            Assert.AreEqual((int)LookupFailure.Refused, (int)failure.Failure);
        }

        private static LookupException BuildExpectingFailure(FakeNetworkConnector connector)
        {
            RollReportBuilder builder = LookupClientScript.Builder(connector);
            return (LookupException)Expect.Throws(typeof(LookupException), delegate { builder.Build(LookupClientScript.Roll()); });
        }

        private static string Repeat(string text, int count)
        {
            if (count == 0)
            {
                return text;
            }

            System.Text.StringBuilder repeated = new System.Text.StringBuilder();
            for (int i = 0; i < count; i++)
            {
                repeated.Append(text);
            }

            return repeated.ToString();
        }

        private static void AssertEntry(ReportEntry entry, string code, string name, AttendanceStatus status, bool late)
        {
            Assert.AreEqual(code, entry.StudentCode);
            Assert.AreEqual(name, entry.StudentName);
            Assert.AreEqual((int)status, (int)entry.Status);
            Assert.AreEqual(late, entry.Late);
        }
    }
}
