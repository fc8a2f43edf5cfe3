using System;
using System.Collections;
using System.Text;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Core.Roll;
using Attendance.Core.Tests.Fakes;

namespace Attendance.Core.Tests.Lookup
{
    /// <summary>
    /// A roll opened on Monday 2026-11-23 at 08:05 UTC (offset 0) by P1 in class C1 (starts 08:00), with A1 on
    /// time and enrolled, A2 late and not enrolled, X9 unknown; and the server answers that go with it.
    /// </summary>
    public static class LookupClientScript
    {
        public static readonly byte[] Key = Encoding.UTF8.GetBytes("terminal-key-for-tests-32-bytes!");

        public static Hashtable Answers()
        {
            Hashtable answers = new Hashtable();
            answers["EHPROFESSOR|P1"] = "p1@example.edu";
            answers["NOMEPROFESSOR|P1"] = "Conceição Araújo";
            answers["CODIGOCADEIRA|08:05|1|P1"] = "C1";
            answers["NOMEALUNO|A1"] = "João Conceição";
            answers["NOMEALUNO|A2"] = "Ñandú Müller";
            answers["NOMEALUNO|X9"] = "NAOEHALUNO";
            answers["CODIGOCURSOCADEIRA|C1"] = "K1";
            answers["NOMECADEIRA|C1"] = "Cálculo I";
            answers["INICIOCADEIRA|C1|1|08:05"] = "08:00";
            answers["NOMECURSO|K1"] = "Engenharia Informática";
            answers["MATRICULADO|A1|C1|K1|2026|11"] = "MATRICULADO";
            answers["MATRICULADO|A2|C1|K1|2026|11"] = "NAOMATRICULADO";
            return answers;
        }

        public static LookupClientSettings Settings()
        {
            LookupClientSettings settings = new LookupClientSettings();
            settings.Host = "lookup.example";
            settings.Port = 7010;
            settings.TerminalId = "T01";
            settings.TerminalKey = Key;
            settings.LateGraceMinutes = 15;
            return settings;
        }

        public static ClosedRoll Roll()
        {
            ClosedRoll roll = new ClosedRoll();
            roll.RollId = "T01-20261123T080500Z";
            roll.TerminalId = "T01";
            roll.ProfessorCode = "P1";
            roll.OpenedUtc = new DateTime(2026, 11, 23, 8, 5, 0);
            roll.ClosedUtc = new DateTime(2026, 11, 23, 9, 40, 0);
            roll.StudentCodes = new string[] { "A1", "A2", "X9" };
            roll.SwipeTimesUtc = new DateTime[]
            {
                new DateTime(2026, 11, 23, 8, 10, 0),
                new DateTime(2026, 11, 23, 8, 30, 0),
                new DateTime(2026, 11, 23, 8, 12, 0),
            };
            return roll;
        }

        /// <summary>A roll of <paramref name="count"/> students S0, S1, ...; even ones enrolled; answers added to the table.</summary>
        public static ClosedRoll LargeRoll(int count, Hashtable answers)
        {
            ClosedRoll roll = Roll();
            roll.StudentCodes = new string[count];
            roll.SwipeTimesUtc = new DateTime[count];
            for (int i = 0; i < count; i++)
            {
                string code = "S" + i.ToString();
                roll.StudentCodes[i] = code;
                roll.SwipeTimesUtc[i] = roll.OpenedUtc.AddSeconds(i);
                answers["NOMEALUNO|" + code] = "Aluno Nº " + i.ToString();
                answers["MATRICULADO|" + code + "|C1|K1|2026|11"] = i % 2 == 0 ? "MATRICULADO" : "NAOMATRICULADO";
            }

            return roll;
        }

        public static RollReportBuilder Builder(FakeNetworkConnector connector)
        {
            return new RollReportBuilder(new LookupClient(connector, Settings()));
        }

        public static FakeNetworkConnector ConnectorWith(ScriptedLookupConnection connection)
        {
            FakeNetworkConnector connector = new FakeNetworkConnector();
            connector.Enqueue(connection);
            return connector;
        }

        public static ScriptedLookupConnection Server()
        {
            return new ScriptedLookupConnection(Answers(), Key);
        }

        public static NetworkException Down()
        {
            return new NetworkException(NetworkFailure.Unreachable, "connection refused");
        }
    }
}
