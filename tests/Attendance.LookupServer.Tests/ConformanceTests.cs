namespace Attendance.LookupServer.Tests;

/// <summary>
/// Every command and every answer of docs/protocol.md, over real TCP, against the demo data. The same table
/// runs against SQLite, PostgreSQL and MariaDB with our schema, and through the shipped mapping of the original's
/// model on SQLite, PostgreSQL and Firebird (the derived classes at the end of this file).
/// </summary>
public abstract class ConformanceTests
{
    protected abstract string Provider { get; }

    /// <summary>A line of our demo data as the server under test holds it (the original's model numbers its courses).</summary>
    protected virtual string T(string line) => line;

    [TestMethod]
    [DataRow("EHPROFESSOR|P1001", "conceicao.araujo@example.edu")]
    [DataRow("EHPROFESSOR|A2001", "NAOEHPROFESSOR")]
    [DataRow("NOMEPROFESSOR|P1001", "Conceição Araújo")]
    [DataRow("NOMEPROFESSOR|P9999", "NAOEHPROFESSOR")]
    [DataRow("NOMEALUNO|A2001", "João Conceição")]
    [DataRow("NOMEALUNO|A2002", "Ñandú Müller")]
    [DataRow("NOMEALUNO|P1001", "NAOEHALUNO")]
    [DataRow("NOMEALUNO|A2001 ", "NAOEHALUNO")]
    [DataRow("CODIGOCURSOCADEIRA|C101 ", "NAOEHCADEIRA")]
    [DataRow("MATRICULADO|A2001 |C101|ENG|2026|11", "NAOMATRICULADO")]
    [DataRow("CODIGOCADEIRA|00:00|1|P1001", "C100")]
    [DataRow("CODIGOCADEIRA|07:59|7|P1001", "C100")]
    [DataRow("CODIGOCADEIRA|08:00|3|P1001", "C101")]
    [DataRow("CODIGOCADEIRA|12:00|4|P1001", "C102")]
    [DataRow("CODIGOCADEIRA|23:59|6|P1001", "C103")]
    [DataRow("CODIGOCADEIRA|09:30|1|P1002", "NAOHACADEIRA")]
    [DataRow("CODIGOCURSOCADEIRA|C101", "ENG")]
    [DataRow("CODIGOCURSOCADEIRA|C103", "GES")]
    [DataRow("CODIGOCURSOCADEIRA|C999", "NAOEHCADEIRA")]
    [DataRow("NOMECURSO|ENG", "Engenharia Informática")]
    [DataRow("NOMECURSO|XXX", "NAOEHCURSO")]
    [DataRow("NOMECADEIRA|C102", "Álgebra Linear")]
    [DataRow("NOMECADEIRA|C999", "NAOEHCADEIRA")]
    [DataRow("MATRICULADO|A2001|C101|ENG|2026|11", "MATRICULADO")]
    [DataRow("MATRICULADO|A2001|C101|ENG|2026|1", "MATRICULADO")]
    [DataRow("MATRICULADO|A2005|C101|ENG|2027|7", "MATRICULADO")]
    [DataRow("MATRICULADO|A2005|C102|ENG|2026|11", "NAOMATRICULADO")]
    [DataRow("MATRICULADO|A2004|C101|ENG|2026|11", "NAOMATRICULADO")]
    [DataRow("MATRICULADO|A2001|C101|ENG|2025|11", "NAOMATRICULADO")]
    [DataRow("MATRICULADO|A2001|C101|GES|2026|11", "NAOMATRICULADO")]
    [DataRow("MATRICULADO|A9999|C101|ENG|2026|11", "NAOMATRICULADO")]
    [DataRow("INICIOCADEIRA|C101|1|09:30", "08:00")]
    [DataRow("INICIOCADEIRA|C103|7|23:00", "18:00")]
    [DataRow("INICIOCADEIRA|C101|1|13:00", "NAOHACADEIRA")]
    [DataRow("FOO|A2001", "ERRO|comando desconhecido")]
    [DataRow("nomealuno|A2001", "ERRO|comando desconhecido")]
    [DataRow("", "ERRO|comando desconhecido")]
    [DataRow("NOMEALUNO", "ERRO|esperado 1 campo")]
    [DataRow("NOMEALUNO|A2001|A2002", "ERRO|esperado 1 campo")]
    [DataRow("MATRICULADO|A2001|C101|ENG|2026", "ERRO|esperados 5 campos")]
    [DataRow("CODIGOCADEIRA|09:30|1", "ERRO|esperados 3 campos")]
    [DataRow("AUTENTICAR|T01", "ERRO|esperados 2 campos")]
    [DataRow("NOMEALUNO|", "ERRO|campo 1 vazio ou longo demais")]
    [DataRow("NOMEALUNO|A123456789A123456789A123456789A123456789A123456789A123456789ABCDE", "ERRO|campo 1 vazio ou longo demais")]
    [DataRow("NOMEALUNO|a\\xb", "ERRO|linha malformada")]
    [DataRow("NOMEALUNO|ab\\", "ERRO|linha malformada")]
    [DataRow("NOMEALUNO|a\tb", "ERRO|linha malformada")]
    [DataRow("CODIGOCADEIRA|9:30|1|P1001", "ERRO|hora invalida")]
    [DataRow("CODIGOCADEIRA|24:00|1|P1001", "ERRO|hora invalida")]
    [DataRow("CODIGOCADEIRA|09:30|0|P1001", "ERRO|dia da semana invalido")]
    [DataRow("CODIGOCADEIRA|09:30|8|P1001", "ERRO|dia da semana invalido")]
    [DataRow("INICIOCADEIRA|C101|x|09:30", "ERRO|dia da semana invalido")]
    [DataRow("MATRICULADO|A2001|C101|ENG|26|11", "ERRO|ano invalido")]
    [DataRow("MATRICULADO|A2001|C101|ENG|2026|13", "ERRO|mes invalido")]
    [DataRow("MATRICULADO|A2001|C101|ENG|2026|0", "ERRO|mes invalido")]
    public async Task Each_command_gets_its_documented_answer(string request, string expected)
    {
        var server = await Servers.GetAsync(Provider);
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);

        var answers = await client.AskAsync(T(request));

        Assert.AreEqual(T(expected), answers[0]);
    }

    [TestMethod]
    public async Task Pipelined_requests_are_answered_in_order_on_one_connection()
    {
        var server = await Servers.GetAsync(Provider);
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        var requests = new List<string>();
        var expected = new List<string>();
        for (var i = 0; i < 150; i++)
        {
            var student = "A200" + (i % 5 + 1);
            requests.Add("NOMEALUNO|" + student);
            expected.Add(Storage.SampleData.Students.Single(s => s.Code == student).Name);
            requests.Add(T("MATRICULADO|" + student + "|C102|ENG|2026|3"));
            expected.Add(Storage.SampleData.IsEnrolled(student, "C102") ? "MATRICULADO" : "NAOMATRICULADO");
            requests.Add("BAD|" + i);
            expected.Add("ERRO|comando desconhecido");
        }

        var answers = await client.AskAsync(requests.ToArray());

        CollectionAssert.AreEqual(expected, answers);
    }

    [TestMethod]
    public async Task Injection_text_in_every_field_is_data_not_SQL()
    {
        var server = await Servers.GetAsync(Provider);
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        // The backslash ones are for MariaDB/MySQL, whose string literals treat a backslash as an escape.
        string[] attacks = ["' OR '1'='1", "x'; DROP TABLE students; --", "\" OR 1=1 --", "A2001' --", "1; DELETE FROM enrolments",
            "\\' OR 1=1 -- ", "A2001\\", "%", "_", "A2001' UNION SELECT name FROM students --"];
        string[] templates =
        [
            "EHPROFESSOR|{0}", "NOMEPROFESSOR|{0}", "NOMEALUNO|{0}", "CODIGOCURSOCADEIRA|{0}", "NOMECURSO|{0}", "NOMECADEIRA|{0}",
            "CODIGOCADEIRA|{0}|1|P1001", "CODIGOCADEIRA|09:30|{0}|P1001", "CODIGOCADEIRA|09:30|1|{0}",
            "INICIOCADEIRA|{0}|1|09:30", "INICIOCADEIRA|C101|{0}|09:30", "INICIOCADEIRA|C101|1|{0}",
            "MATRICULADO|{0}|C101|ENG|2026|11", "MATRICULADO|A2001|{0}|ENG|2026|11", "MATRICULADO|A2001|C101|{0}|2026|11",
            "MATRICULADO|A2001|C101|ENG|{0}|11", "MATRICULADO|A2001|C101|ENG|2026|{0}",
        ];
        string[] acceptable = ["NAOEHPROFESSOR", "NAOEHALUNO", "NAOEHCADEIRA", "NAOEHCURSO", "NAOHACADEIRA", "NAOMATRICULADO"];

        foreach (var template in templates)
        {
            foreach (var attack in attacks)
            {
                var request = string.Format(System.Globalization.CultureInfo.InvariantCulture, T(template), Core.Lookup.LookupFieldCodec.Escape(attack));
                var answer = (await client.AskAsync(request))[0];
                Assert.IsTrue(acceptable.Contains(answer) || answer.StartsWith("ERRO|", StringComparison.Ordinal), request + " -> " + answer);
            }
        }

        var after = await client.AskAsync("NOMEALUNO|A2001", T("MATRICULADO|A2001|C101|ENG|2026|11"));
        CollectionAssert.AreEqual(new[] { "João Conceição", "MATRICULADO" }, after);
    }

    [TestMethod]
    public async Task The_longest_codes_and_integers_beyond_the_columns_are_not_found()
    {
        // The protocol allows 64 characters a field; the original's columns hold 20 and its course code is an
        // INTEGER. Firebird refuses such a parameter rather than finding no row (SqlLookupStore.CannotBeHeldByItsColumn).
        var server = await Servers.GetAsync(Provider);
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        var code = new string('A', 64);
        string[] requests =
        [
            "EHPROFESSOR|" + code, "NOMEPROFESSOR|" + code, "NOMEALUNO|" + code, "CODIGOCURSOCADEIRA|" + code, "NOMECADEIRA|" + code,
            "NOMECURSO|" + code, "NOMECURSO|2147483648", "NOMECURSO|999999999999999999", "NOMECURSO|9999999999999999999999",
            "CODIGOCADEIRA|09:30|1|" + code, "INICIOCADEIRA|" + code + "|1|09:30",
            "MATRICULADO|" + code + "|C101|ENG|2026|11", "MATRICULADO|A2001|" + code + "|ENG|2026|11",
            "MATRICULADO|A2001|C101|" + code + "|2026|11", "MATRICULADO|A2001|C101|2147483648|2026|11",
        ];
        string[] expected =
        [
            "NAOEHPROFESSOR", "NAOEHPROFESSOR", "NAOEHALUNO", "NAOEHCADEIRA", "NAOEHCADEIRA",
            "NAOEHCURSO", "NAOEHCURSO", "NAOEHCURSO", "NAOEHCURSO",
            "NAOHACADEIRA", "NAOHACADEIRA",
            "NAOMATRICULADO", "NAOMATRICULADO", "NAOMATRICULADO", "NAOMATRICULADO",
        ];

        var answers = await client.AskAsync(requests.Select(T).ToArray());

        CollectionAssert.AreEqual(expected, answers, string.Join(" / ", answers));
    }

    [TestMethod]
    [DataRow("' OR '1'='1")]
    [DataRow("T01' --")]
    [DataRow("x'; DELETE FROM terminals; --")]
    public async Task Injection_text_as_the_terminal_of_AUTENTICAR_is_an_unknown_terminal(string attack)
    {
        var server = await Servers.GetAsync(Provider);
        await using (var client = await LineClient.ConnectAsync(server.Port))
        {
            Assert.AreEqual("ERRO|autenticacao recusada", await client.AuthenticateAsync(Core.Lookup.LookupFieldCodec.Escape(attack), TestData.TerminalKeyHex));
        }

        // The demo terminal is still there and still the only one with its key.
        await using var again = await LineClient.ConnectAuthenticatedAsync(server.Port);
        CollectionAssert.AreEqual(new[] { "João Conceição" }, await again.AskAsync("NOMEALUNO|A2001"));
    }

    [TestMethod]
    public async Task Overlong_line_and_binary_garbage_get_ERRO_and_the_connection_keeps_working()
    {
        var server = await Servers.GetAsync(Provider);
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);

        await client.SendAsync("NOMEALUNO|" + new string('x', 600));
        Assert.AreEqual("ERRO|linha longa demais", await client.ReadLineAsync());

        var garbage = new byte[300];
        new Random(4).NextBytes(garbage);
        for (var i = 0; i < garbage.Length; i++)
        {
            if (garbage[i] == (byte)'\n')
            {
                garbage[i] = 0;
            }
        }

        garbage[^1] = (byte)'\n';
        await client.SendBytesAsync(garbage);
        var answer = await client.ReadLineAsync();
        Assert.IsTrue(answer == "ERRO|linha malformada" || answer == "ERRO|comando desconhecido", answer);

        CollectionAssert.AreEqual(new[] { "Ñandú Müller" }, await client.AskAsync("NOMEALUNO|A2002"));
    }

    [TestMethod]
    public async Task Two_hundred_concurrent_clients_get_their_own_answers()
    {
        var server = await Servers.GetAsync(Provider);
        var clients = Enumerable.Range(0, 200).Select(async index =>
        {
            await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
            var student = Storage.SampleData.Students[index % Storage.SampleData.Students.Length];
            var classCode = "C10" + (index % 4);
            var answers = await client.AskAsync(
                "NOMEALUNO|" + student.Code,
                T("MATRICULADO|" + student.Code + "|" + classCode + "|" + (classCode == "C103" ? "GES" : "ENG") + "|2026|" + (index % 12 + 1)),
                "NOMECADEIRA|" + classCode);
            Assert.AreEqual(student.Name, answers[0]);
            Assert.AreEqual(Storage.SampleData.IsEnrolled(student.Code, classCode) ? "MATRICULADO" : "NAOMATRICULADO", answers[1]);
            Assert.AreEqual(Storage.SampleData.Classes.Single(c => c.Code == classCode).Name, answers[2]);
        }).ToArray();

        await Task.WhenAll(clients);
    }

    [TestMethod]
    [DataRow("EHPROFESSOR|P1001")]
    [DataRow("NOMEPROFESSOR|P1001")]
    [DataRow("NOMEALUNO|A2001")]
    [DataRow("CODIGOCADEIRA|09:30|1|P1001")]
    [DataRow("CODIGOCURSOCADEIRA|C101")]
    [DataRow("NOMECURSO|ENG")]
    [DataRow("NOMECADEIRA|C101")]
    [DataRow("MATRICULADO|A2001|C101|ENG|2026|11")]
    [DataRow("INICIOCADEIRA|C101|1|09:30")]
    public async Task No_personal_data_is_answered_before_authentication(string request)
    {
        var server = await Servers.GetAsync(Provider);
        await using var client = await LineClient.ConnectAsync(server.Port);
        var greeting = await client.ReadLineAsync();
        Assert.IsTrue(greeting!.StartsWith("OLA|1|", StringComparison.Ordinal), greeting);

        Assert.AreEqual("ERRO|nao autenticado", (await client.AskAsync(T(request)))[0]);
    }

    [TestMethod]
    [DataRow("T01", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")]
    [DataRow("T99", TestData.TerminalKeyHex)]
    public async Task Wrong_key_or_unknown_terminal_is_refused_and_the_connection_ends(string terminal, string keyHex)
    {
        var server = await Servers.GetAsync(Provider);
        await using var client = await LineClient.ConnectAsync(server.Port);

        Assert.AreEqual("ERRO|autenticacao recusada", await client.AuthenticateAsync(terminal, keyHex));
        Assert.IsNull(await client.ReadLineAsync(), "a failed AUTENTICAR ends the connection");
    }

    [TestMethod]
    public async Task Queries_pipelined_after_a_refused_key_get_no_answer_but_the_refusal_arrives()
    {
        var server = await Servers.GetAsync(Provider);
        await using var client = await LineClient.ConnectAsync(server.Port);
        await client.ReadLineAsync();

        // What a terminal with a wrong key sends: AUTENTICAR and its first queries in one write.
        await client.SendAsync("AUTENTICAR|T01|00", "EHPROFESSOR|P1001", "NOMEALUNO|A2001");

        Assert.AreEqual("ERRO|autenticacao recusada", await client.ReadLineAsync());
        Assert.IsNull(await client.ReadLineAsync());
    }

    [TestMethod]
    [DataRow("NOMEALUNO", "ERRO|esperado 1 campo")]
    [DataRow("FOO|1", "ERRO|comando desconhecido")]
    [DataRow("NOMEALUNO|A\\x", "ERRO|linha malformada")]
    [DataRow("NOMEALUNO|", "ERRO|nao autenticado")]
    public async Task Before_login_line_errors_are_named_and_everything_else_is_not_authenticated(string request, string expected)
    {
        var server = await Servers.GetAsync(Provider);
        await using var client = await LineClient.ConnectAsync(server.Port);
        await client.ReadLineAsync();

        Assert.AreEqual(expected, (await client.AskAsync(request))[0]);
    }

    [TestMethod]
    public async Task An_invalid_terminal_id_is_refused_and_ends_the_connection()
    {
        var server = await Servers.GetAsync(Provider);
        await using var client = await LineClient.ConnectAsync(server.Port);
        await client.ReadLineAsync();

        Assert.AreEqual("ERRO|terminal invalido", (await client.AskAsync("AUTENTICAR|" + new string('T', 65) + "|00"))[0]);
        Assert.IsNull(await client.ReadLineAsync());
    }

    [TestMethod]
    public async Task A_failed_authentication_after_a_good_one_ends_access()
    {
        var server = await Servers.GetAsync(Provider);
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);

        await client.SendAsync("NOMEALUNO|A2001", "AUTENTICAR|T01|00", "NOMEALUNO|A2001");

        Assert.AreEqual("João Conceição", await client.ReadLineAsync());
        Assert.AreEqual("ERRO|autenticacao recusada", await client.ReadLineAsync());
        Assert.IsNull(await client.ReadLineAsync(), "the connection ends: nothing after the refusal is answered");
    }

    [TestMethod]
    public async Task A_proof_for_another_connection_nonce_is_refused()
    {
        var server = await Servers.GetAsync(Provider);
        await using var first = await LineClient.ConnectAsync(server.Port);
        await using var second = await LineClient.ConnectAsync(server.Port);
        var firstNonce = (await first.ReadLineAsync())!.Split('|')[2];
        var secondNonce = (await second.ReadLineAsync())!.Split('|')[2];
        Assert.AreNotEqual(firstNonce, secondNonce);

        var replayed = Core.Lookup.LookupAuthentication.ComputeProof(Core.Security.HexText.ToBytes(TestData.TerminalKeyHex), firstNonce, "T01");
        Assert.AreEqual("ERRO|autenticacao recusada", (await second.AskAsync("AUTENTICAR|T01|" + replayed))[0]);
    }
}

[TestClass]
public class SqliteConformanceTests : ConformanceTests
{
    protected override string Provider => Servers.Sqlite;
}

[TestClass]
public class PostgreSqlConformanceTests : ConformanceTests
{
    protected override string Provider => Servers.PostgreSql;
}

/// <summary>
/// The same table through the shipped mapping of the original's model (server/mappings/original-interbase.json) on
/// SQLite, with equivalent data (OriginalSchema): our own database holds only the terminal.
/// </summary>
[TestClass]
public class OriginalSchemaSqliteConformanceTests : ConformanceTests
{
    protected override string Provider => Servers.OriginalSqlite;

    protected override string T(string line) => OriginalSchema.Translate(line);
}

/// <summary>As <see cref="OriginalSchemaSqliteConformanceTests"/>, both databases on PostgreSQL.</summary>
[TestClass]
public class OriginalSchemaPostgreSqlConformanceTests : ConformanceTests
{
    protected override string Provider => Servers.OriginalPostgreSql;

    protected override string T(string line) => OriginalSchema.Translate(line);
}

/// <summary>
/// As <see cref="OriginalSchemaSqliteConformanceTests"/>, the original's database on a real Firebird 3 (created with
/// the shipped DDL, as the original's InterBase held it); our own database on SQLite.
/// </summary>
[TestClass]
public class OriginalSchemaFirebirdConformanceTests : ConformanceTests
{
    protected override string Provider => Servers.OriginalFirebird;

    protected override string T(string line) => OriginalSchema.Translate(line);
}

[TestClass]
public class MariaDbConformanceTests : ConformanceTests
{
    protected override string Provider => Servers.MariaDb;
}
