using System.Collections;
using Attendance.Core.Configuration;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Core.Roll;
using Attendance.Core.Terminal;
using Attendance.Core.Tests.Fakes;
using Attendance.Core.Tests.Support;

namespace Attendance.Core.Tests.Lookup
{
    /// <summary>
    /// Several lookup server instances over one database (<c>lookup.host = a, b</c>): the client moves on to the
    /// next one when a server is down, cuts the connection, goes silent or is full, restarts the close-time
    /// exchange there from the beginning, and starts the next exchange with the server that answered last.
    /// </summary>
    [TestClass]
    public class LookupFailoverTests
    {
        private const string HostA = "a.lookup.example";
        private const string HostB = "b.lookup.example";

        [TestMethod]
        public void The_second_server_answers_when_the_first_is_down()
        {
            FakeNetworkConnector connector = new FakeNetworkConnector();
            connector.EnqueueFor(HostA, 7010, LookupClientScript.Down());
            connector.EnqueueFor(HostB, 7011, LookupClientScript.Server());
            LookupClient client = new LookupClient(connector, TwoServers());

            RollReport report = new RollReportBuilder(client).Build(LookupClientScript.Roll());

            Assert.AreEqual("Cálculo I", report.ClassName);
            Assert.AreEqual(3, report.Entries.Length);
            Assert.AreEqual(2, connector.ConnectCalls);
            Assert.AreEqual(HostA + ":7010", (string)connector.Servers[0]);
            Assert.AreEqual(HostB + ":7011", (string)connector.Servers[1]);
            Assert.AreEqual(1, client.LastServer);
        }

        [TestMethod]
        [DataRow(false, 1)]
        [DataRow(false, 30)]
        [DataRow(false, 66)]
        [DataRow(false, 100)]
        [DataRow(true, 30)]
        public void A_cut_mid_exchange_restarts_on_the_next_server_and_the_report_is_whole_and_not_doubled(bool silent, int requestsBeforeCut)
        {
            Hashtable answers = LookupClientScript.Answers();
            ClosedRoll roll = LookupClientScript.LargeRoll(60, answers);
            ScriptedLookupConnection first = new ScriptedLookupConnection(answers, LookupClientScript.Key);
            if (silent)
            {
                first.SilentAfterRequests = requestsBeforeCut;
            }
            else
            {
                first.DropAfterRequests = requestsBeforeCut;
            }

            ScriptedLookupConnection second = new ScriptedLookupConnection(answers, LookupClientScript.Key);
            FakeNetworkConnector connector = new FakeNetworkConnector();
            connector.EnqueueFor(HostA, 7010, first);
            connector.EnqueueFor(HostB, 7011, second);
            LookupClient client = new LookupClient(connector, TwoServers());

            RollReport report = new RollReportBuilder(client).Build(roll);

            Assert.AreEqual(1, client.LastServer);
            Assert.IsTrue(first.Disposed);
            Assert.IsTrue(((string)second.Requests[0]).StartsWith("AUTENTICAR|T01|"), "the exchange starts over with AUTENTICAR");
            Assert.AreEqual(60, report.Entries.Length);
            int enrolled = 0;
            for (int i = 0; i < 60; i++)
            {
                Assert.AreEqual("S" + i.ToString(), report.Entries[i].StudentCode);
                Assert.AreEqual("Aluno Nº " + i.ToString(), report.Entries[i].StudentName);
                if (report.Entries[i].Status == AttendanceStatus.Enrolled)
                {
                    enrolled++;
                }
            }

            Assert.AreEqual(30, enrolled);
            Assert.AreEqual("Engenharia Informática", report.CourseName);
        }

        [TestMethod]
        public void Every_server_down_is_unreachable_after_one_attempt_each_and_one_more_on_the_first()
        {
            FakeNetworkConnector connector = new FakeNetworkConnector();
            connector.EnqueueFor(HostA, 7010, LookupClientScript.Down());
            connector.EnqueueFor(HostB, 7011, LookupClientScript.Down());
            LookupClient client = new LookupClient(connector, TwoServers());

            LookupException failure = (LookupException)Expect.Throws(typeof(LookupException),
                delegate { new RollReportBuilder(client).Build(LookupClientScript.Roll()); });

            Assert.AreEqual((int)LookupFailure.Unreachable, (int)failure.Failure);
            Assert.AreEqual(3, connector.ConnectCalls);
            Assert.AreEqual(HostA + ":7010", (string)connector.Servers[2]);
            Assert.AreEqual(-1, client.LastServer);
            Assert.AreEqual(1, client.Servers.Preferred, "the next run starts with the other server");
        }

        [TestMethod]
        public void The_server_that_answered_last_is_asked_first_by_both_clients_of_the_terminal()
        {
            LookupClientSettings settings = TwoServers();
            FakeNetworkConnector worker = new FakeNetworkConnector();
            worker.EnqueueFor(HostA, 7010, LookupClientScript.Down());
            worker.EnqueueFor(HostB, 7011, LookupClientScript.Server());
            worker.EnqueueFor(HostB, 7011, LookupClientScript.Server());
            worker.EnqueueFor(HostA, 7010, LookupClientScript.Server());
            LookupClient workerClient = new LookupClient(worker, settings);
            RollReportBuilder builder = new RollReportBuilder(workerClient);

            builder.Build(LookupClientScript.Roll());
            builder.Build(LookupClientScript.Roll());

            Assert.AreEqual(3, worker.ConnectCalls, "the second close went straight to the server that answered");
            Assert.AreEqual(HostB + ":7011", (string)worker.Servers[2]);

            // The door's client shares the list: its professor check starts with B as well.
            FakeNetworkConnector door = new FakeNetworkConnector();
            door.EnqueueFor(HostA, 7010, LookupClientScript.Server());
            door.EnqueueFor(HostB, 7011, LookupClientScript.Server());
            string email = new LookupProfessorDirectory(new LookupClient(door, settings)).FindProfessorEmail("P1");

            Assert.AreEqual("p1@example.edu", email);
            Assert.AreEqual(HostB + ":7011", (string)door.Servers[0]);
            Assert.AreEqual(1, door.ConnectCalls);
        }

        [TestMethod]
        public void When_the_last_good_server_goes_down_the_other_one_becomes_the_first()
        {
            LookupClientSettings settings = TwoServers();
            settings.Servers.Preferred = 1;
            FakeNetworkConnector connector = new FakeNetworkConnector();
            connector.EnqueueFor(HostB, 7011, LookupClientScript.Down());
            connector.EnqueueFor(HostA, 7010, LookupClientScript.Server());
            connector.EnqueueFor(HostA, 7010, LookupClientScript.Server());
            LookupClient client = new LookupClient(connector, settings);
            RollReportBuilder builder = new RollReportBuilder(client);

            builder.Build(LookupClientScript.Roll());
            builder.Build(LookupClientScript.Roll());

            Assert.AreEqual(3, connector.ConnectCalls);
            Assert.AreEqual(HostB + ":7011", (string)connector.Servers[0]);
            Assert.AreEqual(HostA + ":7010", (string)connector.Servers[2]);
            Assert.AreEqual(0, settings.Servers.Preferred);
        }

        [TestMethod]
        public void A_full_server_at_the_greeting_sends_the_terminal_to_the_next_one()
        {
            ScriptedLookupConnection busy = LookupClientScript.Server();
            busy.ReplaceGreeting("ERRO|servidor ocupado");
            FakeNetworkConnector connector = new FakeNetworkConnector();
            connector.EnqueueFor(HostA, 7010, busy);
            connector.EnqueueFor(HostB, 7011, LookupClientScript.Server());
            LookupClient client = new LookupClient(connector, TwoServers());

            RollReport report = new RollReportBuilder(client).Build(LookupClientScript.Roll());

            Assert.AreEqual(3, report.Entries.Length);
            Assert.AreEqual(1, client.LastServer);
        }

        [TestMethod]
        public void A_refused_key_is_not_tried_on_the_other_servers()
        {
            // Keys live in the shared database: every instance refuses the same key, and asking each one would
            // only spend the login attempts the servers allow one address.
            FakeNetworkConnector connector = new FakeNetworkConnector();
            connector.EnqueueFor(HostA, 7010, new ScriptedLookupConnection(LookupClientScript.Answers(), System.Text.Encoding.UTF8.GetBytes("another key")));
            connector.EnqueueFor(HostB, 7011, LookupClientScript.Server());
            LookupClient client = new LookupClient(connector, TwoServers());

            LookupException failure = (LookupException)Expect.Throws(typeof(LookupException),
                delegate { new RollReportBuilder(client).Build(LookupClientScript.Roll()); });

            Assert.AreEqual((int)LookupFailure.KeyRefused, (int)failure.Failure);
            Assert.AreEqual(1, connector.ConnectCalls);
        }

        [TestMethod]
        public void An_error_answer_from_the_shared_data_is_not_tried_on_the_other_servers()
        {
            Hashtable answers = LookupClientScript.Answers();
            answers.Remove("NOMECURSO|K1");
            ScriptedLookupConnection broken = new ScriptedLookupConnection(answers, LookupClientScript.Key);
            broken.DefaultAnswer = "ERRO|falha interna";
            FakeNetworkConnector connector = new FakeNetworkConnector();
            connector.EnqueueFor(HostA, 7010, broken);
            connector.EnqueueFor(HostB, 7011, LookupClientScript.Server());
            LookupClient client = new LookupClient(connector, TwoServers());

            LookupException failure = (LookupException)Expect.Throws(typeof(LookupException),
                delegate { new RollReportBuilder(client).Build(LookupClientScript.Roll()); });

            Assert.AreEqual((int)LookupFailure.ProtocolViolation, (int)failure.Failure);
            Assert.AreEqual(1, connector.ConnectCalls);
        }

        [TestMethod]
        public void The_door_deadline_covers_every_server()
        {
            // A black-holed first server takes the whole 3 s of the professor check: the second one is not even
            // dialled, the check fails as a timeout in time, and the next check starts with the second server.
            FakeClock clock = new FakeClock();
            FakeNetworkConnector inner = new FakeNetworkConnector();
            inner.EnqueueFor(HostA, 7010, new NetworkException(NetworkFailure.Timeout, "no answer to SYN"));
            inner.EnqueueFor(HostB, 7011, LookupClientScript.Server());
            DeadlineConnector deadline = new DeadlineConnector(new ClockAdvancingConnector(inner, clock, 3000), clock);
            LookupClientSettings settings = TwoServers();
            BoundedProfessorDirectory door = new BoundedProfessorDirectory(
                new LookupProfessorDirectory(new LookupClient(deadline, settings)), clock, deadline, 3000);

            LookupException failure = (LookupException)Expect.Throws(typeof(LookupException), delegate { door.FindProfessorEmail("P1"); });

            Assert.AreEqual((int)LookupFailure.Timeout, (int)failure.Failure);
            Assert.AreEqual(1, inner.ConnectCalls);
            Assert.AreEqual(3000L, clock.MonotonicMilliseconds);
            Assert.AreEqual(1, settings.Servers.Preferred);
        }

        [TestMethod]
        public void The_lookup_host_list_of_terminal_config_reaches_the_client_with_its_ports()
        {
            TerminalSettings settings = SettingsParser.Parse(
                "lookup.host = a.lookup.example, b.lookup.example:7011\n"
                + "lookup.port = 7100\n"
                + "smtp.host = mail.school.example\n"
                + "mail.from = attendance@school.example\n"
                + "wifi.ssid = Classrooms\n");

            LookupClientSettings options = TerminalComponents.Lookup(settings);

            Assert.AreEqual(2, options.Servers.Count);
            Assert.AreEqual(HostA, options.Servers.HostAt(0));
            Assert.AreEqual(7100, options.Servers.PortAt(0));
            Assert.AreEqual(HostB, options.Servers.HostAt(1));
            Assert.AreEqual(7011, options.Servers.PortAt(1));
            Assert.AreEqual(HostA, options.Host);
        }

        private static LookupClientSettings TwoServers()
        {
            LookupClientSettings settings = LookupClientScript.Settings();
            settings.Servers = new LookupServerList(new string[] { HostA, HostB }, new int[] { 7010, 7011 });
            return settings;
        }
    }

    /// <summary>A connector whose every Connect takes <c>delay</c> ms of the fake clock before the inner one answers.</summary>
    internal class ClockAdvancingConnector : INetworkConnector
    {
        private readonly INetworkConnector _inner;
        private readonly FakeClock _clock;
        private readonly int _delay;

        public ClockAdvancingConnector(INetworkConnector inner, FakeClock clock, int delay)
        {
            _inner = inner;
            _clock = clock;
            _delay = delay;
        }

        public INetworkConnection Connect(string host, int port, ConnectionSecurity security, int timeoutMilliseconds)
        {
            _clock.Advance(_delay);
            return _inner.Connect(host, port, security, timeoutMilliseconds);
        }

        public INetworkConnection StartTls(INetworkConnection plainConnection, string host)
        {
            return _inner.StartTls(plainConnection, host);
        }
    }
}
