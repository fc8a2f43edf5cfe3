using System;
using Attendance.Core.Hardware;
using Attendance.Core.Health;
using Attendance.Core.Logging;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Terminal;
using Attendance.Core.Tests.Fakes;
using Attendance.Core.Tests.Support;

namespace Attendance.Core.Tests.Health
{
    [TestClass]
    public class HeartbeatTests
    {
        [TestMethod]
        public void The_report_goes_in_one_write_with_the_warning_lines_only_and_no_personal_data()
        {
            ScriptedLookupConnection server = HealthSamples.Server("PEDIDOS");
            FakeClock clock = new FakeClock(new DateTime(2026, 11, 30, 9, 0, 0));
            clock.MonotonicMilliseconds = 3723000;
            RingEventLog log = new RingEventLog(new LogRing(), null, clock, LogLevel.Information);
            log.Write(LogLevel.Information, "terminal", "Card A1: accepted");
            log.Write(LogLevel.Warning, "outbox", "Roll T01-7: recipient <p1@example.edu> refused (550 no such user)");
            log.Write(LogLevel.Information, "terminal", "Card A2: accepted");
            Heartbeat heartbeat = New(HealthSamples.ConnectorWith(server), clock, log, 300);
            heartbeat.LogRing = log.Ring;
            heartbeat.HealthSource = new FakeHealthSource();

            Assert.AreEqual(HeartbeatOutcome.Sent, heartbeat.Send());

            Assert.AreEqual(1, server.WriteCalls);
            Assert.AreEqual(3, server.Requests.Count);
            Assert.AreEqual("SAUDELOG|20261130T090000Z|WRN|outbox: Roll T01-7: recipient [address] refused (550 no such user)", server.Requests[1]);
            Assert.AreEqual("SAUDE|1.4.0.0|esp32-poe-ethernet|3723|81234|10.0.0.21||fechada|0|0|0|0|unknown|||300", server.Requests[2]);
            string all = server.Requests[1] + "\n" + server.Requests[2];
            Assert.IsTrue(all.IndexOf("A1") < 0 && all.IndexOf("A2") < 0 && all.IndexOf("p1@") < 0);
        }

        [TestMethod]
        public void Every_line_fits_the_protocol_whatever_the_log_and_the_status_hold()
        {
            ScriptedLookupConnection server = HealthSamples.Server("PEDIDOS");
            FakeClock clock = new FakeClock(new DateTime(2026, 11, 30, 9, 0, 0));
            RingEventLog log = new RingEventLog(new LogRing(8, LogRing.MaximumLineBytes), null, clock, LogLevel.Information);
            string worst = new string('|', 300) + new string('\\', 300) + "ção";
            for (int i = 0; i < 8; i++)
            {
                log.Write(LogLevel.Error, worst, worst);
            }

            Heartbeat heartbeat = New(HealthSamples.ConnectorWith(server), clock, log, 300);
            heartbeat.LogRing = log.Ring;
            FakeHealthSource source = new FakeHealthSource();
            source.BoardName = worst;
            source.Version = worst;
            source.Address = worst;
            heartbeat.HealthSource = source;
            FakeStatus status = new FakeStatus();
            status.Reason = worst;
            status.Source = worst;
            heartbeat.ClockSettingsStatus = status;

            Assert.AreEqual(HeartbeatOutcome.Sent, heartbeat.Send());

            Assert.AreEqual(1 + HealthProtocol.MaximumLogLines + 1, server.Requests.Count);
            for (int i = 1; i < server.Requests.Count; i++)
            {
                Assert.IsTrue(System.Text.Encoding.UTF8.GetBytes(LookupFieldCodec.Join(LookupFieldCodec.Split((string)server.Requests[i]))).Length
                    <= LookupProtocol.MaximumLineBytes);
            }
        }

        [TestMethod]
        public void An_older_server_gets_no_more_heartbeats_and_nothing_else_changes()
        {
            ScriptedLookupConnection server = HealthSamples.Server(null);
            server.DefaultAnswer = "ERRO|comando desconhecido";
            FakeNetworkConnector connector = HealthSamples.ConnectorWith(server);
            FakeClock clock = new FakeClock(new DateTime(2026, 11, 30, 9, 0, 0));
            MailRecordingLog log = new MailRecordingLog();
            Heartbeat heartbeat = New(connector, clock, log, 300);

            Assert.AreEqual(HeartbeatOutcome.NotSupported, heartbeat.RunIfDue());
            clock.Advance(301000);
            Assert.IsTrue(heartbeat.IsDue());
            Assert.AreEqual(HeartbeatOutcome.Skipped, heartbeat.RunIfDue());
            Assert.AreEqual(1, connector.ConnectCalls);
            Assert.IsTrue(log.All().IndexOf("older server") >= 0);
        }

        [TestMethod]
        public void It_is_due_at_start_then_after_each_interval_and_never_without_a_key_or_interval()
        {
            FakeClock clock = new FakeClock(new DateTime(2026, 11, 30, 9, 0, 0));
            FakeNetworkConnector connector = new FakeNetworkConnector();
            connector.Enqueue(HealthSamples.Server("PEDIDOS"));
            connector.Enqueue(HealthSamples.Down());
            Heartbeat heartbeat = New(connector, clock, null, 300);

            Assert.IsTrue(heartbeat.IsDue());
            Assert.AreEqual(HeartbeatOutcome.Sent, heartbeat.RunIfDue());
            clock.Advance(299999);
            Assert.AreEqual(HeartbeatOutcome.Skipped, heartbeat.RunIfDue());
            clock.Advance(1);
            Assert.AreEqual(HeartbeatOutcome.Failed, heartbeat.RunIfDue());
            Assert.IsFalse(heartbeat.IsDue());

            Assert.IsFalse(New(connector, clock, null, 0).IsDue());
            LookupClientSettings open = HealthSamples.Settings();
            open.TerminalKey = null;
            Assert.IsFalse(new Heartbeat(new LookupClient(connector, open), clock, null, 300, null, null).IsDue());
        }

        [TestMethod]
        public void Requests_are_carried_out_once_and_acknowledged_even_when_delivered_again()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailFakeSender sender = new MailFakeSender();
            sender.Outcome = MailFakeSender.Permanent;
            Outbox outbox = HealthSamples.NewOutbox(store, sender, new FakeClock(new DateTime(2024, 2, 5, 19, 0, 0)));
            outbox.Enqueue(HealthSamples.Roll("T12-1"));
            outbox.ProcessDue();
            Assert.IsTrue(outbox.HasFailedMail);

            string requests = "PEDIDOS|41|REENVIAR|T12-1|42|RECARREGAR||43|DESCONHECIDO|x";
            FakeNetworkConnector connector = new FakeNetworkConnector();
            ScriptedLookupConnection first = HealthSamples.Server(requests);
            ScriptedLookupConnection second = HealthSamples.Server(requests);
            connector.Enqueue(first);
            connector.Enqueue(second);
            FakeClock clock = new FakeClock(new DateTime(2026, 11, 30, 9, 0, 0));
            Heartbeat heartbeat = new Heartbeat(new LookupClient(connector, HealthSamples.Settings()), clock, null, 300, outbox, null);

            Assert.AreEqual(HeartbeatOutcome.Sent, heartbeat.Send());
            Assert.AreEqual("SAUDEFALHA|T12-1|" + HealthText.Clean(heartbeat.LastReport.FailedReasons[0], 100), first.Requests[1]);
            Assert.IsTrue(((string)first.Requests[2]).IndexOf("|0|0|1|0|unknown|||300") > 0);
            Assert.AreEqual(OutboxEntryStatus.Pending, outbox.Entries()[0].Status);
            Assert.AreEqual(2, first.WriteCalls);
            Assert.AreEqual("PEDIDOFEITO|41|feito", first.Requests[first.Requests.Count - 3]);
            Assert.AreEqual("PEDIDOFEITO|42|nao suportado", first.Requests[first.Requests.Count - 2]);
            Assert.AreEqual("PEDIDOFEITO|43|nao suportado", first.Requests[first.Requests.Count - 1]);

            // Failed again for good before the server saw the acknowledgement: the redelivered request is
            // acknowledged again and not carried out a second time.
            outbox.ProcessDue();
            Assert.IsTrue(outbox.HasFailedMail);
            Assert.AreEqual(HeartbeatOutcome.Sent, heartbeat.Send());
            Assert.AreEqual("PEDIDOFEITO|41|feito", second.Requests[second.Requests.Count - 3]);
            Assert.IsTrue(outbox.HasFailedMail);
        }

        [TestMethod]
        public void A_refused_key_or_a_wrong_answer_fails_the_heartbeat_without_throwing()
        {
            ScriptedLookupConnection refused = HealthSamples.Server("PEDIDOS");
            refused.AuthenticationAnswer = "ERRO|autenticacao recusada";
            ScriptedLookupConnection wrong = HealthSamples.Server("OK");
            FakeNetworkConnector connector = new FakeNetworkConnector();
            connector.Enqueue(refused);
            connector.Enqueue(wrong);
            FakeClock clock = new FakeClock(new DateTime(2026, 11, 30, 9, 0, 0));
            MailRecordingLog log = new MailRecordingLog();
            Heartbeat heartbeat = New(connector, clock, log, 300);

            Assert.AreEqual(HeartbeatOutcome.Failed, heartbeat.Send());
            Assert.AreEqual(HeartbeatOutcome.Failed, heartbeat.Send());
            Assert.IsTrue(log.All().IndexOf("heartbeat not sent") >= 0);
        }

        [TestMethod]
        public void The_network_worker_sends_it_when_due_after_the_outbox_and_not_again_before_the_interval()
        {
            InMemoryDurableStore store = new InMemoryDurableStore();
            FakeClock clock = new FakeClock(new DateTime(2026, 11, 30, 9, 0, 0));
            Outbox outbox = HealthSamples.NewOutbox(store, new MailFakeSender(), clock);
            FakeNetworkConnector connector = new FakeNetworkConnector();
            connector.Enqueue(HealthSamples.Server("PEDIDOS"));
            connector.Enqueue(HealthSamples.Server("PEDIDOS"));
            NetworkWorker worker = new NetworkWorker(outbox, clock, new MailRecordingLog(), new NetworkHandOver(), new NetworkProgress(clock));
            worker.Heartbeat = new Heartbeat(new LookupClient(connector, HealthSamples.Settings()), clock, null, 60, outbox, null);

            Assert.IsTrue(worker.RunOnce());
            Assert.AreEqual(1, connector.ConnectCalls);
            clock.Advance(NetworkWorker.OutboxPollMilliseconds);
            Assert.IsTrue(worker.RunOnce(), "the outbox's poll");
            Assert.AreEqual(1, connector.ConnectCalls, "no second heartbeat within the interval");
            clock.Advance(60000);
            Assert.IsTrue(worker.RunOnce());
            Assert.AreEqual(2, connector.ConnectCalls);
        }

        private static Heartbeat New(FakeNetworkConnector connector, FakeClock clock, IEventLog log, int intervalSeconds)
        {
            return new Heartbeat(new LookupClient(connector, HealthSamples.Settings()), clock, log, intervalSeconds, null, null);
        }

        private class FakeStatus : IClockSettingsStatus
        {
            public string Source = "sntp";
            public string Reason = string.Empty;

            public string ClockSource
            {
                get { return Source; }
            }

            public bool ClockSkewKnown
            {
                get { return true; }
            }

            public int ClockSkewSeconds
            {
                get { return -3; }
            }

            public string SettingsRejectedReason
            {
                get { return Reason; }
            }
        }
    }
}
