using System;
using System.Text;
using Attendance.Core.Configuration;
using Attendance.Core.Hardware;
using Attendance.Core.Logging;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Message;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Mail.Smtp;
using Attendance.Core.Roll;
using Attendance.Core.Terminal;
using Attendance.Core.Tests.Fakes;

namespace Attendance.Bench.BoardHeap
{
    /// <summary>
    /// The programs whose smallest heap tools/nano-emulator/heap-probe.sh measures on the nanoCLR (bench/README.md,
    /// "Board heap"). Each runs one close and prints "BOARD-HEAP DONE &lt;name&gt; ..." as its last line only when every
    /// step succeeded; anything else (an OutOfMemoryException, a failed send) ends the program without that line.
    /// </summary>
    // The build script reads the scenario names from the next line.
    // BOARD_HEAP_SCENARIOS: idle terminal-0 ring-0 heartbeat lean-40 lean-400 terminal-40 terminal-400 terminal-1000 settings-sync settings-announce
    public static class BoardHeapScenarios
    {
        public const string DoneMarker = "BOARD-HEAP DONE";

        private const int FirstStudentNumber = 10000;

        private const string TerminalKey = "terminal-key-for-the-heap-probe!";

        /// <summary>Runs the scenario <paramref name="name"/>; returns the line that proves it completed.</summary>
        public static string Run(string name)
        {
            // The stand-ins for flash and for the TCP stack's buffers are allocated first, in every scenario, so
            // "smallest heap minus idle" counts only what the terminal holds in its managed heap.
            int outside = BenchStore.Reserve() + BenchLookupConnection.Reserve();
            if (name == "idle")
            {
                return DoneMarker + " idle outside-heap-bytes=" + outside.ToString();
            }

            if (name == "lean-40")
            {
                return Lean(name, 40);
            }

            if (name == "lean-400")
            {
                return Lean(name, 400);
            }

            if (name == "terminal-0")
            {
                return ThroughTerminal(name, 0);
            }

            if (name == "heartbeat")
            {
                return Heartbeat(name, true);
            }

            if (name == "ring-0")
            {
                return Heartbeat(name, false);
            }

            if (name == "terminal-40")
            {
                return ThroughTerminal(name, 40);
            }

            if (name == "terminal-400")
            {
                return ThroughTerminal(name, 400);
            }

            if (name == "terminal-1000")
            {
                return ThroughTerminal(name, 1000);
            }

            if (name == "settings-sync" || name == "settings-announce")
            {
                return SettingsExchange(name);
            }

            throw new ArgumentException("unknown scenario '" + name + "' (idle, terminal-0, ring-0, heartbeat, lean-40, lean-400, terminal-40, terminal-400, terminal-1000, settings-sync, settings-announce)");
        }

        /// <summary>
        /// The close without the terminal: the roll (journal in the bench store), the close, the report built from
        /// the lookup server's answers (its lines on the stand-in flash), and the e-mail written from it to a sink
        /// that only counts its bytes.
        /// </summary>
        private static string Lean(string name, int students)
        {
            TerminalSettings settings = Settings(students);
            FakeClock clock = new FakeClock(new DateTime(2026, 11, 23, 8, 5, 0));
            BenchStore store = new BenchStore();
            BenchConnector network = new BenchConnector(Encoding.UTF8.GetBytes(TerminalKey));
            LookupClientSettings lookup = TerminalComponents.Lookup(settings);
            AttendanceRoll roll = new AttendanceRoll(TerminalComponents.Roll(settings), clock, store,
                new LookupProfessorDirectory(new LookupClient(network, lookup)));
            roll.Restore();

            Expect(roll.Swipe(BenchLookupConnection.Professor) == SwipeResult.Opened, "the professor opens the roll");
            for (int i = 0; i < students; i++)
            {
                clock.AdvanceSeconds(1);
                Expect(roll.Swipe(StudentCode(i)) == SwipeResult.Accepted, "student swipe accepted");
            }

            clock.AdvanceSeconds(60);
            Expect(roll.Swipe(BenchLookupConnection.Professor) == SwipeResult.Closing, "the professor closes the roll");
            ClosedRoll closed = roll.BeginClose();
            // The student lines go to the stand-in flash as the names arrive, as in the outbox.
            // The upload (step 5) streams them back from there, as the terminal's close does.
            RollReport report = new RollReportBuilder(new LookupClient(network, lookup)).BuildAndUpload(closed, new StoredReportArea(store, "lean.lines"));
            Expect(report.EntryCount == students, "one report line per student");
            Expect(report.Upload != null && report.Upload.Outcome == UploadOutcome.Stored, "the server stored the roll");
            Expect(report.VerificationCode != null, "the report has its verification code");
            Expect(BenchLookupConnection.StudentNamesAnswered == students, "every student's name was looked up once");

            MessageSettings message = new MessageSettings();
            message.SenderAddress = settings.MailFrom;
            message.SenderName = "Terminal " + settings.TerminalId;
            message.CcAddresses = new string[0];
            DiscardingMessageSink sink = new DiscardingMessageSink();
            long size = AttendanceMessageWriter.Write(report, message, sink);
            Expect(size > 0 && sink.Bytes == size, "the whole e-mail was written");
            roll.CompleteClose();
            Expect(roll.State == RollState.Closed, "the roll is closed");

            return DoneMarker + " " + name + " students=" + students + " mail-bytes=" + size
                + " store-peak-bytes=" + BenchStore.PeakBytesHeld + " lookup-pending-peak-bytes=" + BenchLookupConnection.PeakPendingBytes;
        }

        /// <summary>
        /// The close as the board runs it: card bytes through <see cref="TerminalController"/> (framer, roll, journal),
        /// the closing swipe, the network pass (lookup, report, outbox record in the bench store, SMTP to a server that
        /// discards the data) until the outbox is empty: the server stored the roll (step 5 of the close) and the SMTP
        /// server accepted the e-mail.
        /// </summary>
        private static string ThroughTerminal(string name, int students)
        {
            // terminal-0 has the capacity of terminal-40: what that terminal holds standing by, before any roll.
            TerminalSettings settings = Settings(students == 0 ? 40 : students);
            FakeClock clock = new FakeClock(new DateTime(2026, 11, 23, 8, 5, 0));
            ScriptedCardReaderPort port = new ScriptedCardReaderPort();
            BenchStore store = new BenchStore();
            BenchConnector network = new BenchConnector(Encoding.UTF8.GetBytes(TerminalKey));
            NullLog log = new NullLog();
            TerminalHardware hardware = new TerminalHardware(port, new FakeIndicatorLights(), clock, network, store, log);
            TerminalController terminal = new TerminalController(hardware, settings);

            if (students == 0)
            {
                // The terminal standing by: started, one step of the door loop and one network pass, no roll.
                terminal.Step();
                terminal.RunNetworkPass();
                Expect(terminal.RollState == RollState.Closed, "no roll is open");
                return DoneMarker + " " + name + " students=0";
            }

            Swipe(terminal, port, clock, BenchLookupConnection.Professor);
            Expect(terminal.RollState == RollState.Open, "the professor opens the roll");
            for (int i = 0; i < students; i++)
            {
                Swipe(terminal, port, clock, StudentCode(i));
            }

            clock.AdvanceSeconds(60);
            Swipe(terminal, port, clock, BenchLookupConnection.Professor);
            for (int step = 0; step < 50 && (terminal.RollState != RollState.Closed || terminal.HasMailToSend); step++)
            {
                terminal.Step();
                terminal.RunNetworkPass();
                clock.Advance(TerminalController.CardReadTimeoutMilliseconds);
            }

            Expect(terminal.RollState == RollState.Closed, "the roll is closed");
            Expect(!terminal.HasMailToSend, "the outbox is empty");
            Expect(DiscardingSmtpConnection.MessagesAccepted == 1, "the SMTP server accepted one message");
            Expect(BenchLookupConnection.StudentNamesAnswered == students, "every student's name was looked up once");
            Expect(BenchLookupConnection.RollsStored == 1 && BenchLookupConnection.RollLinesAnswered == students + 1,
                "the roll was uploaded once, every presence with it");

            return DoneMarker + " " + name + " students=" + students + " mail-data-bytes=" + DiscardingSmtpConnection.DataBytes
                + " store-peak-bytes=" + BenchStore.PeakBytesHeld + " lookup-pending-peak-bytes=" + BenchLookupConnection.PeakPendingBytes;
        }

        /// <summary>
        /// The terminal standing by (as terminal-0) with the heartbeat on (docs/protocol.md, "Terminal health"): the
        /// board's log ring full of warning lines of the slot's length (so the report carries its 4 longest log
        /// lines), and one network pass that sends the heartbeat and reads its answer. "ring-0" is the same terminal
        /// and ring with the heartbeat off: "heartbeat" minus "ring-0" is what the heartbeat itself needs.
        /// </summary>
        private static string Heartbeat(string name, bool send)
        {
            TerminalSettings settings = Settings(40);
            settings.HealthIntervalSeconds = send ? 300 : 0;
            FakeClock clock = new FakeClock(new DateTime(2026, 11, 23, 8, 5, 0));
            BenchStore store = new BenchStore();
            BenchConnector network = new BenchConnector(Encoding.UTF8.GetBytes(TerminalKey));
            RingEventLog log = new RingEventLog(new LogRing(), new NullLog(), clock, LogLevel.Information);
            for (int i = 0; i < LogRing.DefaultLines; i++)
            {
                log.Write(LogLevel.Warning, "outbox", "Roll T01-20261123T080500Z-000042: 451 4.3.0 temporary failure, next attempt in 1800 s; the lookup server answered late");
            }

            TerminalHardware hardware = new TerminalHardware(new ScriptedCardReaderPort(), new FakeIndicatorLights(), clock, network, store, log);
            TerminalController terminal = new TerminalController(hardware, settings);
            terminal.Step();
            terminal.RunNetworkPass();
            if (!send)
            {
                Expect(BenchLookupConnection.HeartbeatsAnswered == 0, "no heartbeat");
                return DoneMarker + " " + name + " log-lines-held=" + log.Ring.Count.ToString();
            }

            Expect(BenchLookupConnection.HeartbeatsAnswered == 1, "the server received one heartbeat");
            Expect(terminal.Heartbeat.LastReport != null && terminal.Heartbeat.LastReport.LogTexts.Length == 4, "the report carried 4 log lines");
            return DoneMarker + " " + name + " log-lines=" + terminal.Heartbeat.LastReport.LogTexts.Length.ToString();
        }

        /// <summary>Student i's card code: S10000, S10001, ... (card codes have at least 4 characters).</summary>
        private static string StudentCode(int i)
        {
            return "S" + (FirstStudentNumber + i).ToString();
        }

        private static void Swipe(TerminalController terminal, ScriptedCardReaderPort port, FakeClock clock, string code)
        {
            port.Swipe(code);
            terminal.Step();
            terminal.RunNetworkPass();
            clock.Advance(TerminalController.CardReadTimeoutMilliseconds);
            clock.AdvanceSeconds(1);
        }

        /// <summary>
        /// Time and settings from the server (docs/protocol.md). settings-sync, the board's pass at start: a terminal
        /// with an unset clock and no kept set asks HORA and every line of the fullest set (each server key once, long
        /// values), checks the proofs, sets its clock, checks the set with its file through the parser, keeps it in the
        /// bench store, and starts with it. settings-announce, the board's pass while serving: started with its file,
        /// it asks HORA, takes the time and only notes the new version (SettingsSync.DeferFetchToStart).
        /// The fake server's answers wait in its own buffer (up to about 5 KB, which a board's TCP stack holds
        /// outside the managed heap): the figure is an upper bound.
        /// </summary>
        private static string SettingsExchange(string name)
        {
            FakeClock clock = new FakeClock();
            byte[] key = Encoding.UTF8.GetBytes(TerminalKey);
            SettingsServerConnection server = new SettingsServerConnection(key, clock);
            server.Version = "42";
            server.Keys = ServerSettings.ServerKeys;
            server.Values = new string[]
            {
                "smtp.school.example", "587", "starttls", "attendance-terminals@school.example", "a-long-smtp-password-of-forty-chars!!",
                "false", "30000", "false", "attendance-terminals@school.example",
                "secretaria@school.example, arquivo@school.example, direcao.pedagogica@school.example", "30", "1800",
                "pt", "60", "0.pool.ntp.org, 1.pool.ntp.org", "10000", "15",
                "9600", "cr", "4", "20", "400", "240",
            };
            Expect(server.Values.Length == server.Keys.Length, "one value per server key");
            LookupClientSettings lookup = new LookupClientSettings();
            lookup.Host = BenchConnector.LookupHost;
            lookup.TerminalId = "T01";
            lookup.TerminalKey = key;
            string local = "board = pc\nterminal.id = T01\nterminal.key = " + TerminalKey + "\nlookup.host = " + BenchConnector.LookupHost + "\n";
            bool serving = name == "settings-announce";
            if (serving)
            {
                local += "smtp.host = " + BenchConnector.SmtpHost + "\nmail.from = terminal@school.example\n";
            }

            SettingsSync sync = new SettingsSync(new LookupClient(new SingleConnectionConnector(server), lookup), clock,
                new FakeClockAdjuster(clock), new BenchStore(), local, new NullLog());
            sync.DeferFetchToStart = true;
            if (serving)
            {
                sync.StartSettings();
                clock.UtcNow = new DateTime(2026, 11, 30, 9, 59, 30);
                Expect(sync.RunOnce(), "the server was asked");
                Expect(sync.Status.AnnouncedVersion == "42" && sync.Status.RestartWanted, "the new version is announced");
                Expect(sync.Clock.SkewKnown, "the clock was compared");
                return DoneMarker + " " + name + " lines=" + server.Keys.Length.ToString();
            }

            Expect(sync.RunOnce(), "the server was asked");
            Expect(sync.Status.StoredVersion == "42", "the set was kept: " + sync.Status.RejectionReason);
            Expect(clock.UtcNow.Year >= 2026, "the clock was set from the server");
            TerminalSettings settings = sync.StartSettings();
            Expect(settings.SmtpHost == "smtp.school.example" && settings.MailCc.Length == 3, "the terminal starts with the server's set");
            return DoneMarker + " " + name + " lines=" + server.Keys.Length.ToString();
        }

        private static TerminalSettings Settings(int students)
        {
            TerminalSettings settings = new TerminalSettings();
            settings.TerminalId = "T01";
            settings.TerminalKey = TerminalKey;
            settings.LookupHost = BenchConnector.LookupHost;
            settings.SmtpHost = BenchConnector.SmtpHost;
            settings.SmtpPort = 25;
            settings.SmtpSecurity = SmtpSecurity.None;
            settings.MailFrom = "terminal@school.example";
            settings.RollCapacity = students;
            settings.MailRetryFirstSeconds = 2;
            settings.MailRetryMaximumSeconds = 2;
            // The close scenarios measure the close: no heartbeat (the "heartbeat" scenario turns it on).
            settings.HealthIntervalSeconds = 0;
            return settings;
        }

        private static void Expect(bool condition, string what)
        {
            if (!condition)
            {
                throw new InvalidOperationException("heap probe step failed: " + what);
            }
        }
    }
}
