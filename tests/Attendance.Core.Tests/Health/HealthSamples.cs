using System;
using System.Collections;
using System.Text;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Core.Mail.Outbox;
using Attendance.Core.Roll;
using Attendance.Core.Tests.Fakes;
using Attendance.Core.Tests.Mail;

namespace Attendance.Core.Tests.Health
{
    /// <summary>
    /// What the heartbeat's tests need of a lookup server and an outbox. Their own, not the Lookup and Mail tests'
    /// samples: the health tests live in the first board test assembly, whose string table has room.
    /// </summary>
    public static class HealthSamples
    {
        public static readonly byte[] Key = Encoding.UTF8.GetBytes("terminal-key-for-tests-32-bytes!");

        public static LookupClientSettings Settings()
        {
            LookupClientSettings settings = new LookupClientSettings();
            settings.Host = "lookup.example";
            settings.Port = 7010;
            settings.TerminalId = "T01";
            settings.TerminalKey = Key;
            return settings;
        }

        /// <summary>A server that answers the heartbeat's lines: OK, and <paramref name="reportAnswer"/> to SAUDE.</summary>
        public static ScriptedLookupConnection Server(string reportAnswer)
        {
            ScriptedLookupConnection server = new ScriptedLookupConnection(new Hashtable(), Key);
            if (reportAnswer != null)
            {
                server.CommandAnswers["SAUDELOG"] = "OK";
                server.CommandAnswers["SAUDEFALHA"] = "OK";
                server.CommandAnswers["SAUDE"] = reportAnswer;
                server.CommandAnswers["PEDIDOFEITO"] = "OK";
            }

            return server;
        }

        public static FakeNetworkConnector ConnectorWith(ScriptedLookupConnection connection)
        {
            FakeNetworkConnector connector = new FakeNetworkConnector();
            connector.Enqueue(connection);
            return connector;
        }

        public static NetworkException Down()
        {
            return new NetworkException(NetworkFailure.Unreachable, "connection refused");
        }

        public static Outbox NewOutbox(InMemoryDurableStore store, MailFakeSender sender, FakeClock clock)
        {
            OutboxOptions options = new OutboxOptions();
            options.Message = MailSampleReports.Settings();
            return new Outbox(store, new MailFakeReportBuilder(), sender, clock, options, new MailRecordingLog());
        }

        public static ClosedRoll Roll(string rollId)
        {
            ClosedRoll roll = new ClosedRoll();
            roll.RollId = rollId;
            roll.TerminalId = "T12";
            roll.ProfessorCode = "P0042";
            roll.OpenedUtc = new DateTime(2024, 2, 5, 17, 0, 0);
            roll.ClosedUtc = new DateTime(2024, 2, 5, 18, 40, 0);
            roll.StudentCodes = new string[] { "20231234" };
            roll.SwipeTimesUtc = new DateTime[] { new DateTime(2024, 2, 5, 17, 2, 10) };
            return roll;
        }
    }
}
