using System;
using System.Text;
using Attendance.Core.Configuration;
using Attendance.Core.Lookup;
using Attendance.Core.Terminal;
using Attendance.Core.Tests.Fakes;
using Attendance.Core.Tests.Support;

namespace Attendance.Core.Tests.Health
{
    /// <summary>
    /// The heartbeat's clock and settings fields and its "reload settings" request, taken from the terminal's
    /// SettingsSync (Terminal/SettingsSyncHealth): what the portal's skew and settings warnings read.
    /// </summary>
    [TestClass]
    public class SettingsSyncHealthTests
    {
        private const string KeyText = "terminal-key-for-tests-32-bytes!";

        private const string Local = "board = pc\nterminal.id = T01\nterminal.key = " + KeyText + "\nlookup.host = lookup.example\n";

        private static readonly DateTime ServerTime = new DateTime(2026, 11, 30, 10, 0, 0);

        private static SettingsServerConnection Server(FakeClock clock, string version, string key, string value)
        {
            SettingsServerConnection server = new SettingsServerConnection(Encoding.UTF8.GetBytes(KeyText), clock);
            server.ServerUtc = ServerTime;
            server.Version = version;
            server.Keys = new string[] { "smtp.host", "mail.from", key };
            server.Values = new string[] { "smtp.example", "attendance@example.edu", value };
            return server;
        }

        private static SettingsSync Sync(FakeNetworkConnector connector, FakeClock clock, MailRecordingLog log)
        {
            LookupClient client = new LookupClient(connector, TerminalComponents.Lookup(SettingsParser.Parse(Local, false)));
            return new SettingsSync(client, clock, new FakeClockAdjuster(clock), new InMemoryDurableStore(), Local, log);
        }

        [TestMethod]
        public void A_terminal_five_minutes_ahead_reports_sntp_and_a_skew_of_minus_300_seconds()
        {
            FakeClock clock = new FakeClock(ServerTime.AddSeconds(300));
            SettingsSync sync = Sync(new FakeNetworkConnector(Server(clock, "1", "language", "en")), clock, new MailRecordingLog());
            SettingsSyncHealth health = new SettingsSyncHealth(sync);
            Assert.IsFalse(health.ClockSkewKnown);

            sync.RunOnce();

            Assert.AreEqual("sntp", health.ClockSource);
            Assert.IsTrue(health.ClockSkewKnown);
            Assert.AreEqual(-300, health.ClockSkewSeconds);
            Assert.AreEqual("", health.SettingsRejectedReason);
        }

        [TestMethod]
        public void A_refused_set_is_reported_with_its_reason_and_a_reload_fetches_it_again()
        {
            FakeClock clock = new FakeClock(ServerTime);
            MailRecordingLog log = new MailRecordingLog();
            FakeNetworkConnector connector = new FakeNetworkConnector(Server(clock, "3", "roll.capacity", "0"));
            SettingsServerConnection poll = Server(clock, "3", "roll.capacity", "0");
            SettingsServerConnection reload = Server(clock, "3", "roll.capacity", "0");
            connector.Enqueue(poll);
            connector.Enqueue(reload);
            SettingsSync sync = Sync(connector, clock, log);
            SettingsSyncHealth health = new SettingsSyncHealth(sync);

            sync.RunOnce();
            Assert.IsTrue(health.SettingsRejectedReason.IndexOf("roll.capacity") >= 0, health.SettingsRejectedReason);

            // The next poll sees the same refused version and leaves its lines alone: AUTENTICAR and HORA only.
            clock.Advance(SettingsSync.PollMilliseconds);
            sync.RunOnce();
            Assert.AreEqual(2, poll.Requests.Count);

            Assert.IsTrue(health.RequestReload());
            sync.RunOnce();

            Assert.AreEqual(5, reload.Requests.Count, "the reload asked for every line of the same version again");
            Assert.IsTrue(health.SettingsRejectedReason.IndexOf("roll.capacity") >= 0, health.SettingsRejectedReason);
        }
    }
}
