using System.Text;
using Attendance.Core.Lookup;
using Attendance.LookupServer.Protocol;
using Attendance.LookupServer.Storage;
using Microsoft.Data.Sqlite;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// The data rules (Storage/DataRules.cs) against the protocol limit: the longest legal value of every answer
/// kind, and the longest request about legal codes, fit LookupProtocol.MaximumLineBytes once escaped and come
/// back whole through the board's own line framer and codec (Core's LookupLineFramer and LookupFieldCodec).
/// </summary>
[TestClass]
public class AnswerLimitTests
{
    /// <summary>Longest legal names of every shape: one-, two-, three- and four-byte characters, and escaped ones.</summary>
    public static IEnumerable<object[]> LongestNames() =>
    [
        [new string('x', 512)],
        [new string('ç', 256)],
        [string.Concat(Enumerable.Repeat("€", 170)) + "xy"],
        [string.Concat(Enumerable.Repeat("😀", 128))],
        [new string('|', 256)],
        [new string('\\', 256)],
        [string.Concat(Enumerable.Repeat("ã|", 128))],
        [Longest("Conceição Araújo \\ Ñandú | 😀 ")],
    ];

    /// <summary>The pattern repeated while it stays legal, then filled up with 'x' to the last byte.</summary>
    private static string Longest(string pattern)
    {
        var name = new StringBuilder();
        for (var i = 0; ; i = (i + char.ConvertFromUtf32(char.ConvertToUtf32(pattern, i)).Length) % pattern.Length)
        {
            var next = char.ConvertFromUtf32(char.ConvertToUtf32(pattern, i));
            if (DataRules.Check(ValueKind.Name, name + next) != null)
            {
                break;
            }

            name.Append(next);
        }

        while (DataRules.Check(ValueKind.Name, name + "x") == null)
        {
            name.Append('x');
        }

        return name.ToString();
    }

    [TestMethod]
    [DynamicData(nameof(LongestNames))]
    public void The_longest_legal_names_fit_one_line_and_round_trip(string name)
    {
        Assert.IsNull(DataRules.Check(ValueKind.Name, name), "the name is legal");
        Assert.IsNotNull(DataRules.Check(ValueKind.Name, name + "x"), "and one more character is not: it is the longest");

        foreach (var notFound in new[] { LookupProtocol.NotProfessor, LookupProtocol.NotStudent, LookupProtocol.NotCourse, LookupProtocol.NotClass })
        {
            AssertFitsAndRoundTrips(LookupRequestHandler.AnswerLine(name, notFound), name);
        }
    }

    [TestMethod]
    public void The_longest_legal_codes_addresses_and_fixed_answers_fit_one_line_and_round_trip()
    {
        var code = new string('~', DataRules.MaximumCodeLength);
        var spacedCode = "A" + new string(' ', DataRules.MaximumCodeLength - 2) + "Z";
        var email = new string('a', 254 - "@example.edu".Length) + "@example.edu";
        Assert.IsNull(DataRules.Check(ValueKind.Code, code));
        Assert.IsNull(DataRules.Check(ValueKind.Code, spacedCode));
        Assert.IsNotNull(DataRules.Check(ValueKind.Code, code + "~"));
        Assert.IsNull(DataRules.Check(ValueKind.Email, email));
        Assert.IsNotNull(DataRules.Check(ValueKind.Email, "a" + email));

        // CODIGOCADEIRA and CODIGOCURSOCADEIRA answer codes, EHPROFESSOR an address, INICIOCADEIRA a time.
        AssertFitsAndRoundTrips(LookupRequestHandler.AnswerLine(code, LookupProtocol.NoClassScheduled), code);
        AssertFitsAndRoundTrips(LookupRequestHandler.AnswerLine(spacedCode, LookupProtocol.NotClass), spacedCode);
        AssertFitsAndRoundTrips(LookupRequestHandler.AnswerLine(email, LookupProtocol.NotProfessor), email);
        AssertFitsAndRoundTrips(LookupRequestHandler.AnswerLine("23:59", LookupProtocol.NoClassScheduled), "23:59");
        foreach (var word in new[]
        {
            LookupProtocol.Ok, LookupProtocol.Enrolled, LookupProtocol.NotEnrolled, LookupProtocol.NotProfessor, LookupProtocol.NotStudent,
            LookupProtocol.NoClassScheduled, LookupProtocol.NotClass, LookupProtocol.NotCourse,
        })
        {
            AssertFitsAndRoundTrips(word, word);
        }

        AssertFitsAndRoundTrips(LookupRequestHandler.ErrorLine(LookupRequestHandler.InvalidDataReason), LookupProtocol.Error, LookupRequestHandler.InvalidDataReason);
    }

    [TestMethod]
    public void The_longest_requests_about_legal_codes_fit_one_line_and_round_trip()
    {
        var code = new string('~', DataRules.MaximumCodeLength);
        var terminal = new string('~', DataRules.MaximumTerminalIdLength);
        var proof = new string('f', 64);
        string[][] requests =
        [
            [LookupProtocol.IsEnrolled, code, code, code, "9999", "12"],
            [LookupProtocol.ClassAtTime, "23:59", "7", code],
            [LookupProtocol.ClassStart, code, "7", "23:59"],
            [LookupProtocol.Authenticate, terminal, proof],
            [LookupProtocol.StudentName, code],
        ];

        foreach (var request in requests)
        {
            AssertFitsAndRoundTrips(LookupFieldCodec.Join(request), request);
        }
    }

    [TestMethod]
    [DataRow("Jo\u0000ão", "Jo?ão")]
    [DataRow("a\r\nb\u007f\u0085c\uFFFD", "a??b??c?")]
    [DataRow("lone surrogate", "lone ? surrogate")]
    public void A_stored_name_with_control_characters_is_answered_with_question_marks(string stored, string expected)
    {
        if (stored == "lone surrogate")
        {
            // Built here: an attribute cannot carry a lone surrogate (metadata strings are UTF-8).
            stored = "lone " + '\uD800' + " surrogate";
        }

        Assert.AreEqual(expected, DataRules.RepairName(stored));
        AssertFitsAndRoundTrips(LookupRequestHandler.AnswerLine(expected, LookupProtocol.NotStudent), expected);
    }

    [TestMethod]
    [DataRow("ç", 3000)]
    [DataRow("😀", 200)]
    [DataRow("|", 300)]
    [DataRow("x", 513)]
    public void A_stored_name_too_long_for_a_line_is_cut_to_fit_with_an_ellipsis(string unit, int count)
    {
        var stored = string.Concat(Enumerable.Repeat(unit, count));

        var repaired = DataRules.RepairName(stored)!;

        Assert.IsNotNull(repaired);
        Assert.EndsWith("...", repaired);
        StringAssert.StartsWith(stored, repaired[..^3]);
        Assert.IsNull(DataRules.Check(ValueKind.Name, repaired));
        Assert.IsTrue(DataRules.EscapedUtf8Bytes(repaired) > DataRules.MaximumNameBytes - 3 - 4, "cut no shorter than needed");
        AssertFitsAndRoundTrips(LookupRequestHandler.AnswerLine(repaired, LookupProtocol.NotStudent), repaired);
    }

    [TestMethod]
    public void A_legal_name_is_not_repaired()
    {
        Assert.IsNull(DataRules.RepairName(new string('ç', 256)));
        Assert.IsNull(DataRules.RepairName("Zoë Brontë 😀"));
    }

    /// <summary>
    /// The server's stored-value safety net over TCP: rows written by direct SQL that break the rules get a
    /// repaired name, or ERRO|dado invalido for a code or an address, never a line the terminal cannot read.
    /// </summary>
    [TestMethod]
    public async Task Stored_values_breaking_the_rules_get_answers_the_terminal_can_handle()
    {
        var connectionString = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, connectionString);
        var longCourse = new string('K', 100);
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, "UPDATE students SET name = $v WHERE code = 'A2001'", "Jo\0ão");
            await ExecuteAsync(connection, "UPDATE students SET name = $v WHERE code = 'A2002'", new string('ç', 300));
            await ExecuteAsync(connection, "UPDATE professors SET email = $v WHERE code = 'P1001'", "conceicao araujo@example.edu");
            await ExecuteAsync(connection, "INSERT INTO courses (code, name) VALUES ($v, 'Longo')", longCourse);
            await ExecuteAsync(connection, "UPDATE classes SET course_code = $v WHERE code = 'C101'", longCourse);
        }

        var logs = new CapturingLoggerProvider();
        await using var server = await RunningServer.StartAsync(Servers.Sqlite, connectionString, logs);
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);

        var answers = await client.AskAsync("NOMEALUNO|A2001", "NOMEALUNO|A2002", "EHPROFESSOR|P1001", "CODIGOCURSOCADEIRA|C101", "NOMEALUNO|A2003");

        Assert.AreEqual("Jo?ão", answers[0]);
        Assert.AreEqual(new string('ç', 254) + "...", answers[1]);
        Assert.AreEqual("ERRO|dado invalido", answers[2]);
        Assert.AreEqual("ERRO|dado invalido", answers[3]);
        Assert.AreEqual("Maria da Graça Gonçalves", answers[4], "the answers after stay in step");
        var warnings = logs.Entries.Where(entry => entry.Level == Microsoft.Extensions.Logging.LogLevel.Warning).Select(entry => entry.Message).ToArray();
        Assert.HasCount(4, warnings, string.Join("\n", logs.Lines));
        Assert.IsFalse(warnings.Any(line => line.Contains("conceicao")), "the address is not logged at Warning");
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, string value)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$v", value);
        Assert.AreEqual(1, await command.ExecuteNonQueryAsync(), sql);
    }

    /// <summary>The line with its CRLF through the board's framer and codec: it fits and gives back exactly the fields.</summary>
    private static void AssertFitsAndRoundTrips(string line, params string[] fields)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\r\n");
        Assert.IsLessThanOrEqualTo(LookupProtocol.MaximumLineBytes, bytes.Length - 2, "line of " + (bytes.Length - 2) + " bytes");
        var framer = new LookupLineFramer(LookupProtocol.MaximumLineBytes);

        var status = framer.Push(bytes, 0, bytes.Length, out var consumed);

        Assert.AreEqual(LineFramerStatus.Line, status);
        Assert.AreEqual(bytes.Length, consumed);
        CollectionAssert.AreEqual(fields, LookupFieldCodec.Split(framer.TakeLine()));
    }
}
