using System;
using System.Text;
using Attendance.Core.Configuration;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Message;
using Attendance.Core.Terminal;
using Attendance.Core.Tests.Fakes;
using Attendance.Core.Tests.Support;

namespace Attendance.Core.Tests.Terminal
{
    /// <summary>
    /// Time and settings from the lookup server (docs/protocol.md, "Time and settings from the server") as the
    /// terminal takes them: proofs checked, the set checked with the local file, kept on flash, refused with a
    /// reason, the local file winning, the clock set or compared.
    /// </summary>
    [TestClass]
    public class SettingsSyncTests
    {
        private const string KeyText = "terminal-key-for-tests-32-bytes!";

        private const string Local = "board = pc\nterminal.id = T01\nterminal.key = " + KeyText + "\nlookup.host = lookup.example\n";

        private const string LocalMailOnly = Local + "smtp.host = local-smtp.example\nmail.from = local@example.edu\n";

        private const string LocalWithMail = LocalMailOnly + "language = pt\n";

        private static readonly DateTime ServerTime = new DateTime(2026, 11, 30, 10, 0, 0);

        private static SettingsServerConnection Server(FakeClock clock, string version, string[] keys, string[] values)
        {
            SettingsServerConnection server = new SettingsServerConnection(Encoding.UTF8.GetBytes(KeyText), clock);
            server.ServerUtc = ServerTime;
            server.Version = version;
            server.Keys = keys;
            server.Values = values;
            return server;
        }

        private static SettingsServerConnection MailServer(FakeClock clock, string version, string language)
        {
            return Server(clock, version, new string[] { "smtp.host", "mail.from", "language" },
                new string[] { "smtp.example", "attendance@example.edu", language });
        }

        private static SettingsSync Sync(FakeNetworkConnector connector, FakeClock clock, InMemoryDurableStore store, string local, MailRecordingLog log)
        {
            LookupClient client = new LookupClient(connector, TerminalComponents.Lookup(SettingsParser.Parse(local, false)));
            return new SettingsSync(client, clock, new FakeClockAdjuster(clock), store, local, log);
        }

        [TestMethod]
        public void A_server_set_is_kept_on_flash_and_used_at_the_next_start()
        {
            FakeClock clock = new FakeClock(ServerTime);
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailRecordingLog log = new MailRecordingLog();
            SettingsSync sync = Sync(new FakeNetworkConnector(MailServer(clock, "7", "en")), clock, store, Local, log);

            Assert.IsTrue(sync.RunOnce());
            Assert.AreEqual("7", sync.Status.StoredVersion);
            Assert.IsTrue(sync.Status.RestartWanted);
            Assert.AreEqual("", sync.Status.RejectionReason);

            // The reboot: a new sync over the same flash, before any server is reachable.
            SettingsSync restarted = Sync(new FakeNetworkConnector(), clock, store, Local, log);
            TerminalSettings settings = restarted.StartSettings();
            Assert.AreEqual("smtp.example", settings.SmtpHost);
            Assert.AreEqual("attendance@example.edu", settings.MailFrom);
            Assert.AreEqual(MessageLanguage.English, settings.Language);
            Assert.AreEqual("7", restarted.Status.RunningVersion);
            Assert.IsFalse(restarted.Status.RestartWanted);
        }

        [TestMethod]
        [DataRow("roll.capacity", "0", "roll.capacity")]
        [DataRow("lookup.host", "evil.example", "lookup.host")]
        [DataRow("mail.cc", "not an address", "mail.cc")]
        public void An_invalid_set_is_refused_with_the_reason_and_not_kept(string key, string value, string named)
        {
            FakeClock clock = new FakeClock(ServerTime);
            InMemoryDurableStore store = new InMemoryDurableStore();
            MailRecordingLog log = new MailRecordingLog();
            SettingsServerConnection server = Server(clock, "3", new string[] { "smtp.host", "mail.from", key },
                new string[] { "smtp.example", "attendance@example.edu", value });
            SettingsSync sync = Sync(new FakeNetworkConnector(server), clock, store, Local, log);

            sync.RunOnce();

            Assert.AreEqual("3", sync.Status.RejectedVersion);
            Assert.IsTrue(sync.Status.RejectionReason.IndexOf(named) >= 0, sync.Status.RejectionReason);
            Assert.IsTrue(sync.Status.Describe().IndexOf("refused") >= 0);
            Assert.IsTrue(log.All().IndexOf("refused, not applied") >= 0, log.All());
            Assert.IsNull(sync.StoredSet);
            Assert.AreEqual(-1, store.Length(StoredServerSettings.RecordName));
        }

        [TestMethod]
        public void A_refused_version_is_not_asked_again_until_it_changes()
        {
            FakeClock clock = new FakeClock(ServerTime);
            FakeNetworkConnector connector = new FakeNetworkConnector(Server(clock, "3", new string[] { "roll.capacity" }, new string[] { "0" }));
            SettingsServerConnection second = Server(clock, "3", new string[] { "roll.capacity" }, new string[] { "0" });
            connector.Enqueue(second);
            SettingsSync sync = Sync(connector, clock, new InMemoryDurableStore(), LocalWithMail, new MailRecordingLog());

            sync.RunOnce();
            clock.Advance(SettingsSync.PollMilliseconds);
            Assert.IsTrue(sync.RunOnce());

            Assert.AreEqual(2, second.Requests.Count, "AUTENTICAR and HORA only, no CONFIGURACAO");
        }

        [TestMethod]
        public void A_value_in_the_local_file_wins_over_the_server()
        {
            FakeClock clock = new FakeClock(ServerTime);
            InMemoryDurableStore store = new InMemoryDurableStore();
            SettingsSync sync = Sync(new FakeNetworkConnector(MailServer(clock, "2", "en")), clock, store, LocalWithMail, new MailRecordingLog());
            sync.RunOnce();

            TerminalSettings settings = Sync(new FakeNetworkConnector(), clock, store, LocalWithMail, new MailRecordingLog()).StartSettings();

            Assert.AreEqual(MessageLanguage.Portuguese, settings.Language);
            Assert.AreEqual("local-smtp.example", settings.SmtpHost);
            Assert.AreEqual("local@example.edu", settings.MailFrom);
        }

        [TestMethod]
        public void A_damaged_stored_set_is_ignored_and_reported()
        {
            FakeClock clock = new FakeClock(ServerTime);
            InMemoryDurableStore store = new InMemoryDurableStore();
            Sync(new FakeNetworkConnector(MailServer(clock, "2", "en")), clock, store, LocalWithMail, new MailRecordingLog()).RunOnce();
            byte[] record = store.Read(StoredServerSettings.RecordName);
            record[record.Length / 2] ^= 0x20;
            store.SetBytes(StoredServerSettings.RecordName, record);

            MailRecordingLog log = new MailRecordingLog();
            SettingsSync restarted = Sync(new FakeNetworkConnector(), clock, store, LocalWithMail, log);
            TerminalSettings settings = restarted.StartSettings();

            Assert.AreEqual("local-smtp.example", settings.SmtpHost);
            Assert.AreEqual("", restarted.Status.RunningVersion);
            Assert.IsTrue(restarted.Status.StoreProblem.IndexOf("damaged") >= 0, restarted.Status.StoreProblem);
            Assert.IsTrue(log.All().IndexOf("damaged") >= 0);
        }

        [TestMethod]
        public void A_new_version_is_fetched_at_the_next_poll_and_an_unchanged_one_is_not()
        {
            FakeClock clock = new FakeClock(ServerTime);
            FakeNetworkConnector connector = new FakeNetworkConnector(MailServer(clock, "1", "en"));
            SettingsServerConnection unchanged = MailServer(clock, "1", "en");
            SettingsServerConnection changed = MailServer(clock, "2", "pt");
            connector.Enqueue(unchanged);
            connector.Enqueue(changed);
            InMemoryDurableStore store = new InMemoryDurableStore();
            SettingsSync sync = Sync(connector, clock, store, LocalMailOnly, new MailRecordingLog());
            sync.StartSettings();
            sync.RunOnce();

            Assert.IsFalse(sync.RunOnce(), "not due before the poll interval");
            clock.Advance(SettingsSync.PollMilliseconds);
            sync.RunOnce();
            Assert.AreEqual(2, unchanged.Requests.Count, "same version: no CONFIGURACAO");
            clock.Advance(SettingsSync.PollMilliseconds);
            sync.RunOnce();

            Assert.AreEqual(5, changed.Requests.Count, "AUTENTICAR, HORA and three CONFIGURACAO");
            Assert.AreEqual("2", sync.Status.StoredVersion);
            Assert.AreEqual(MessageLanguage.Portuguese, Sync(new FakeNetworkConnector(), clock, store, LocalMailOnly, new MailRecordingLog()).StartSettings().Language);
        }

        [TestMethod]
        public void A_reload_request_fetches_the_same_version_again_at_once()
        {
            FakeClock clock = new FakeClock(ServerTime);
            FakeNetworkConnector connector = new FakeNetworkConnector(MailServer(clock, "1", "en"));
            SettingsServerConnection again = MailServer(clock, "1", "en");
            connector.Enqueue(again);
            SettingsSync sync = Sync(connector, clock, new InMemoryDurableStore(), LocalMailOnly, new MailRecordingLog());
            sync.StartSettings();
            sync.RunOnce();

            sync.RequestReload();

            Assert.IsTrue(sync.RunOnce());
            Assert.AreEqual(5, again.Requests.Count);
        }

        [TestMethod]
        public void A_new_version_with_the_same_lines_needs_no_restart()
        {
            FakeClock clock = new FakeClock(ServerTime);
            InMemoryDurableStore store = new InMemoryDurableStore();
            Sync(new FakeNetworkConnector(MailServer(clock, "1", "en")), clock, store, Local, new MailRecordingLog()).RunOnce();
            SettingsSync restarted = Sync(new FakeNetworkConnector(MailServer(clock, "9", "en")), clock, store, Local, new MailRecordingLog());
            restarted.StartSettings();

            restarted.RunOnce();

            Assert.AreEqual("9", restarted.Status.RunningVersion);
            Assert.IsFalse(restarted.Status.RestartWanted);
        }

        [TestMethod]
        public void The_clock_is_set_from_the_server_when_sntp_is_silent()
        {
            FakeClock clock = new FakeClock();
            SettingsServerConnection server = MailServer(clock, "1", "en");
            server.RoundTripMilliseconds = 200;
            SettingsSync sync = Sync(new FakeNetworkConnector(server), clock, new InMemoryDurableStore(), Local, new MailRecordingLog());

            sync.RunOnce();

            Assert.AreEqual(ServerTime.AddMilliseconds(100), clock.UtcNow);
            Assert.AreEqual(ClockSource.Server, sync.Clock.Source);
        }

        [TestMethod]
        public void A_server_time_over_a_slow_round_trip_is_not_used()
        {
            FakeClock clock = new FakeClock();
            SettingsServerConnection server = MailServer(clock, "1", "en");
            server.RoundTripMilliseconds = SettingsSync.MaximumRoundTripMilliseconds + 1;
            MailRecordingLog log = new MailRecordingLog();
            SettingsSync sync = Sync(new FakeNetworkConnector(server), clock, new InMemoryDurableStore(), Local, log);

            sync.RunOnce();

            Assert.IsTrue(clock.UtcNow.Year < 2020);
            Assert.AreEqual(ClockSource.Unset, sync.Clock.Source);
            Assert.IsTrue(log.All().IndexOf("round trip") >= 0);
        }

        [TestMethod]
        public void A_forged_time_is_refused_and_nothing_is_taken()
        {
            FakeClock clock = new FakeClock();
            SettingsServerConnection server = MailServer(clock, "1", "en");
            server.ProofKey = Encoding.UTF8.GetBytes("another-key-not-the-terminal-one");
            MailRecordingLog log = new MailRecordingLog();
            SettingsSync sync = Sync(new FakeNetworkConnector(server), clock, new InMemoryDurableStore(), Local, log);

            sync.RunOnce();

            Assert.IsTrue(clock.UtcNow.Year < 2020);
            Assert.IsNull(sync.StoredSet);
            Assert.IsTrue(log.All().IndexOf("forged or replayed") >= 0, log.All());
        }

        [TestMethod]
        public void A_replayed_time_is_refused_and_nothing_is_taken()
        {
            FakeClock clock = new FakeClock();
            SettingsServerConnection server = MailServer(clock, "1", "en");
            // A genuine answer with the right key, recorded on a connection where the terminal asked with another nonce.
            server.ReplayedTerminalNonce = "0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f";
            SettingsSync sync = Sync(new FakeNetworkConnector(server), clock, new InMemoryDurableStore(), Local, new MailRecordingLog());

            sync.RunOnce();

            Assert.IsTrue(clock.UtcNow.Year < 2020);
            Assert.IsNull(sync.StoredSet);
        }

        [TestMethod]
        [DataRow(-300000, true)]
        [DataRow(300000, true)]
        [DataRow(20000, false)]
        public void A_skew_beyond_the_bound_is_reported(int terminalAheadMilliseconds, bool exceeded)
        {
            FakeClock clock = new FakeClock(ServerTime.AddMilliseconds(terminalAheadMilliseconds));
            MailRecordingLog log = new MailRecordingLog();
            SettingsSync sync = Sync(new FakeNetworkConnector(MailServer(clock, "1", "en")), clock, new InMemoryDurableStore(), Local, log);

            sync.RunOnce();

            Assert.AreEqual(ServerTime.AddMilliseconds(terminalAheadMilliseconds), clock.UtcNow, "a set clock is never moved");
            Assert.AreEqual(ClockSource.Sntp, sync.Clock.Source);
            Assert.IsTrue(sync.Clock.SkewKnown);
            Assert.AreEqual((long)-terminalAheadMilliseconds, sync.Clock.SkewMilliseconds);
            Assert.AreEqual(exceeded, sync.Clock.SkewExceeded);
            Assert.AreEqual(exceeded, log.All().IndexOf("off the lookup server") >= 0);
        }

        [TestMethod]
        public void A_server_without_hora_is_noted_and_the_terminal_goes_on()
        {
            FakeClock clock = new FakeClock(ServerTime);
            SettingsServerConnection old = MailServer(clock, "1", "en");
            old.KnowsTime = false;
            SettingsSync sync = Sync(new FakeNetworkConnector(old), clock, new InMemoryDurableStore(), LocalWithMail, new MailRecordingLog());
            TerminalSettings settings = sync.StartSettings();

            Assert.IsTrue(sync.RunOnce());

            Assert.IsFalse(sync.Status.ServerSupportsSettings);
            Assert.IsNull(sync.StoredSet);
            Assert.AreEqual("local-smtp.example", settings.SmtpHost);
            Assert.IsFalse(sync.Clock.SkewKnown);
        }

        [TestMethod]
        public void A_local_file_without_mail_and_no_kept_set_cannot_start()
        {
            SettingsSync sync = Sync(new FakeNetworkConnector(), new FakeClock(ServerTime), new InMemoryDurableStore(), Local, new MailRecordingLog());

            Expect.Throws(typeof(SettingsException), delegate { sync.StartSettings(); });
        }

        [TestMethod]
        public void On_the_board_a_new_version_is_fetched_at_start_and_only_announced_while_serving()
        {
            FakeClock clock = new FakeClock(ServerTime);
            FakeNetworkConnector connector = new FakeNetworkConnector(MailServer(clock, "1", "en"));
            SettingsServerConnection serving = MailServer(clock, "2", "pt");
            connector.Enqueue(serving);
            InMemoryDurableStore store = new InMemoryDurableStore();
            SettingsSync sync = Sync(connector, clock, store, LocalMailOnly, new MailRecordingLog());
            sync.DeferFetchToStart = true;

            sync.RunOnce();
            sync.StartSettings();
            Assert.AreEqual("1", sync.Status.RunningVersion, "fetched before the start");
            Assert.IsFalse(sync.Status.RestartWanted);
            clock.Advance(SettingsSync.PollMilliseconds);
            sync.RunOnce();

            Assert.AreEqual(2, serving.Requests.Count, "AUTENTICAR and HORA only while serving");
            Assert.AreEqual("2", sync.Status.AnnouncedVersion);
            Assert.IsTrue(sync.Status.RestartWanted);
            Assert.AreEqual("1", sync.Status.StoredVersion);
        }

        [TestMethod]
        public void A_first_start_without_mail_in_the_file_takes_it_from_the_server()
        {
            FakeClock clock = new FakeClock(ServerTime);
            SettingsSync sync = SettingsSync.ForTerminal(new FakeNetworkConnector(MailServer(clock, "4", "en")), clock, new FakeClockAdjuster(clock),
                new InMemoryDurableStore(), Local, new MailRecordingLog());

            TerminalSettings settings = sync.StartWithServer(20000);

            Assert.AreEqual("smtp.example", settings.SmtpHost);
            Assert.AreEqual("4", sync.Status.RunningVersion);
            Assert.IsFalse(sync.Status.RestartWanted);
        }
    }
}
