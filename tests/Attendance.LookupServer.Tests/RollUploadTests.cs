using Attendance.LookupServer.Storage;
using Attendance.Portal.Data;
using Attendance.Portal.Security;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// The roll upload (docs/protocol.md, "Uploading a roll") over real TCP against the running server: stored once
/// with the statuses of the database, idempotent (a retry, two uploads at once), every refusal stores nothing, a
/// database stall at FIMCHAMADA answers the passing error and the retry stores the roll. SQLite and PostgreSQL
/// (the derived classes at the end of this file).
/// </summary>
public abstract class RollUploadTests
{
    protected abstract string Provider { get; }

    [TestMethod]
    public async Task An_upload_is_stored_once_with_the_statuses_the_database_gives()
    {
        var server = await Servers.GetAsync(Provider);
        var roll = RollUploads.Sample(RollUploads.NewRollId(),
            ("A2001", "20261123T081700Z"), // enrolled in C101, on time
            ("A2004", "20261123T083001Z"), // a student, not enrolled anywhere; one second late
            ("A2005", "20261123T083000Z"), // enrolled in C101 only; at the last on-time instant
            ("X-999", "20261123T090000Z")); // not a student; late
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);

        CollectionAssert.AreEqual(RollUploads.StoredAnswers(roll), await client.AskAsync(RollUploads.Lines(roll)));

        var detail = await GetAsync(server, roll.RollId);
        Assert.IsNotNull(detail);
        Assert.AreEqual("C101", detail.Summary.ClassCode);
        Assert.AreEqual("ENG", detail.Summary.CourseCode, "the course is the class's at upload");
        Assert.AreEqual("Conceição Araújo", detail.Summary.ProfessorName);
        Assert.AreEqual(4, detail.Summary.PresentCount);
        Assert.AreEqual(2, detail.Summary.LateCount);
        Assert.AreEqual(new DateTime(2026, 11, 23, 8, 15, 0, DateTimeKind.Utc), detail.Summary.OpenedUtc);
        Assert.AreEqual(new DateTime(2026, 11, 23, 8, 30, 0, DateTimeKind.Utc), detail.LateAfterUtc);
        CollectionAssert.AreEqual(new[] { "A2001", "A2004", "A2005", "X-999" }, detail.Presences.Select(p => p.StudentCode).ToArray());
        CollectionAssert.AreEqual(new[] { PresenceStatus.Enrolled, PresenceStatus.NotEnrolled, PresenceStatus.Enrolled, PresenceStatus.UnknownStudent },
            detail.Presences.Select(p => p.Status).ToArray());
        CollectionAssert.AreEqual(new[] { false, true, false, true }, detail.Presences.Select(p => p.Late).ToArray());
        CollectionAssert.AreEqual(new[] { "João Conceição", "Zoë Brontë Açores", "José Estêvão", null }, detail.Presences.Select(p => p.StudentName).ToArray());
        Assert.AreEqual(RollVerificationCode.Grouped(RollVerificationCode.Compute(Core.Security.HexText.ToBytes(TestData.TerminalKeyHex), roll)), detail.VerificationCode);

        // A retry (the terminal never read the answer) and a later copy that differs: the first copy stays.
        CollectionAssert.AreEqual(RollUploads.StoredAnswers(roll), await client.AskAsync(RollUploads.Lines(roll)));
        var other = roll with { Presences = new[] { new RollContent.Swipe("A2002", RollUploads.Time("20261123T081600Z")) } };
        CollectionAssert.AreEqual(RollUploads.StoredAnswers(other), await client.AskAsync(RollUploads.Lines(other)));
        Assert.AreEqual(1, await RollUploads.CountRollsAsync(Provider, server.ConnectionString, roll.RollId));
        Assert.AreEqual(4, (await GetAsync(server, roll.RollId))!.Presences.Count);
    }

    [TestMethod]
    public async Task A_roll_without_a_class_or_class_start_has_nobody_enrolled_and_nobody_late()
    {
        var server = await Servers.GetAsync(Provider);
        var roll = RollUploads.Roll(TestData.TerminalId, RollUploads.NewRollId(), "P1002", "", "20260302T100000Z", "20260302T110000Z", null, true,
            ("A2001", "20260302T105900Z"), ("Z1", "20260302T100100Z"));
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);

        CollectionAssert.AreEqual(RollUploads.StoredAnswers(roll), await client.AskAsync(RollUploads.Lines(roll)));

        var detail = (await GetAsync(server, roll.RollId))!;
        Assert.IsNull(detail.Summary.ClassCode);
        Assert.IsNull(detail.Summary.CourseCode);
        Assert.IsNull(detail.LateAfterUtc);
        Assert.IsTrue(detail.ClosedAutomatically);
        CollectionAssert.AreEqual(new[] { PresenceStatus.NotEnrolled, PresenceStatus.UnknownStudent }, detail.Presences.Select(p => p.Status).ToArray());
        Assert.IsFalse(detail.Presences.Any(p => p.Late));
    }

    [TestMethod]
    public async Task An_empty_roll_and_a_roll_of_ten_thousand_are_stored_and_one_more_is_refused()
    {
        var server = await Servers.GetAsync(Provider);
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        var empty = RollUploads.Sample(RollUploads.NewRollId());
        CollectionAssert.AreEqual(RollUploads.StoredAnswers(empty), await client.AskAsync(RollUploads.Lines(empty)));

        var full = RollUploads.Sample(RollUploads.NewRollId(),
            Enumerable.Range(0, 10_000).Select(i => ("S" + i, "20261123T0816" + (i % 60).ToString("00") + "Z")).ToArray());
        CollectionAssert.AreEqual(RollUploads.StoredAnswers(full), await client.AskAsync(RollUploads.Lines(full)));
        Assert.AreEqual(10_000, (await GetAsync(server, full.RollId))!.Presences.Count);

        var lines = RollUploads.Lines(full);
        lines[0] = lines[0][..lines[0].LastIndexOf('|')] + "|10001";
        Assert.AreEqual("ERRO|presencas demais", (await client.AskAsync(lines[0]))[0]);
        Assert.AreEqual("ERRO|chamada sem inicio", (await client.AskAsync(lines[1]))[0], "the refused CHAMADA started nothing");
    }

    [TestMethod]
    [DataRow("more presences than the count", 1, 2, -1, null, "OK|OK|ERRO|presencas demais|ERRO|chamada sem inicio")]
    [DataRow("fewer presences than the count", 3, 2, -1, null, "OK|OK|OK|ERRO|chamada incompleta")]
    [DataRow("FIMCHAMADA of another roll", 2, 2, -1, "other-id", "OK|OK|OK|ERRO|chamada incompleta")]
    [DataRow("a wrong verification code", 2, 2, -1, "code", "OK|OK|OK|ERRO|codigo de verificacao invalido")]
    [DataRow("no CHAMADA", 2, 2, 0, null, "ERRO|chamada sem inicio|ERRO|chamada sem inicio|ERRO|chamada sem inicio")]
    public async Task A_broken_upload_is_refused_and_stores_nothing(string why, int count, int presences, int dropLine, string? change, string expected)
    {
        var server = await Servers.GetAsync(Provider);
        var roll = RollUploads.Sample(RollUploads.NewRollId(), ("A2001", "20261123T081700Z"), ("A2002", "20261123T081800Z"));
        var lines = RollUploads.Lines(roll with { Presences = roll.Presences.Take(presences).ToArray() }).ToList();
        lines[0] = lines[0][..lines[0].LastIndexOf('|')] + "|" + count;
        if (dropLine >= 0)
        {
            lines.RemoveAt(dropLine);
        }

        if (change == "other-id")
        {
            lines[^1] = "FIMCHAMADA|" + roll.RollId + "x|" + lines[^1].Split('|')[2];
        }
        else if (change == "code")
        {
            // The code of the same roll under another key: well formed, wrong.
            lines[^1] = RollUploads.LinesUnderKey(roll, new string('a', 64))[^1];
        }

        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        var answers = await client.AskAsync(lines.ToArray());

        Assert.AreEqual(expected, string.Join("|", answers), why);
        Assert.AreEqual(0, await RollUploads.CountRollsAsync(Provider, server.ConnectionString, roll.RollId), why);

        // The connection stays usable: the same roll, sent right, is stored.
        CollectionAssert.AreEqual(RollUploads.StoredAnswers(roll), await client.AskAsync(RollUploads.Lines(roll)), why);
    }

    [TestMethod]
    [DataRow("CHAMADA|R1|P1001|C101|20261123T081500Z|20261123T095000Z|20261123T083000Z|0", "ERRO|esperados 8 campos")]
    [DataRow("CHAMADA||P1001|C101|20261123T081500Z|20261123T095000Z|20261123T083000Z|0|0", "ERRO|campo 1 vazio ou longo demais")]
    [DataRow("CHAMADA|R1||C101|20261123T081500Z|20261123T095000Z|20261123T083000Z|0|0", "ERRO|campo 2 vazio ou longo demais")]
    [DataRow("CHAMADA|R1|P1001|C123456789C123456789C123456789C123456789C123456789C123456789C12345|20261123T081500Z|20261123T095000Z||0|0", "ERRO|campo 3 vazio ou longo demais")]
    [DataRow("CHAMADA|R1|P1001|Cé|20261123T081500Z|20261123T095000Z||0|0", "ERRO|campo 3 invalido")]
    [DataRow("CHAMADA|R1|P1001|C101|2026-11-23T08:15:00Z|20261123T095000Z||0|0", "ERRO|hora invalida")]
    [DataRow("CHAMADA|R1|P1001|C101|20261123T081500Z|20261131T095000Z||0|0", "ERRO|hora invalida")]
    [DataRow("CHAMADA|R1|P1001|C101|20261123T081500Z|20261123T081459Z||0|0", "ERRO|hora invalida")]
    [DataRow("CHAMADA|R1|P1001|C101|20261123T081500Z|20261123T095000Z|x|0|0", "ERRO|hora invalida")]
    [DataRow("CHAMADA|R1|P1001|C101|20261123T081500Z|20261123T095000Z||2|0", "ERRO|campo 7 invalido")]
    [DataRow("CHAMADA|R1|P1001|C101|20261123T081500Z|20261123T095000Z||0|-1", "ERRO|campo 8 invalido")]
    [DataRow("CHAMADA|R1|P1001|C101|20261123T081500Z|20261123T095000Z||0|99999999999", "ERRO|presencas demais")]
    [DataRow("PRESENCA|A2001", "ERRO|esperados 2 campos")]
    [DataRow("FIMCHAMADA|R1", "ERRO|esperados 2 campos")]
    public async Task A_bad_CHAMADA_line_gets_the_fields_error(string line, string expected)
    {
        var server = await Servers.GetAsync(Provider);
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);

        CollectionAssert.AreEqual(new[] { expected, "ERRO|chamada sem inicio" }, await client.AskAsync(line, "PRESENCA|A2001|20261123T081700Z"));
    }

    [TestMethod]
    [DataRow("PRESENCA||20261123T081700Z", "ERRO|campo 1 vazio ou longo demais")]
    [DataRow("PRESENCA|A2001|20261123T251700Z", "ERRO|hora invalida")]
    [DataRow("PRESENCA|Ação|20261123T081700Z", "ERRO|campo 1 invalido")]
    public async Task A_bad_PRESENCA_line_drops_the_upload(string line, string expected)
    {
        var server = await Servers.GetAsync(Provider);
        var roll = RollUploads.Sample(RollUploads.NewRollId(), ("A2001", "20261123T081700Z"));
        var lines = RollUploads.Lines(roll);
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);

        CollectionAssert.AreEqual(new[] { "OK", expected, "ERRO|chamada sem inicio", "ERRO|chamada sem inicio" }, await client.AskAsync(lines[0], line, lines[1], lines[2]));
        Assert.AreEqual(0, await RollUploads.CountRollsAsync(Provider, server.ConnectionString, roll.RollId));
    }

    [TestMethod]
    public async Task Before_AUTENTICAR_the_upload_is_not_authenticated_and_a_new_CHAMADA_drops_the_unfinished_one()
    {
        var server = await Servers.GetAsync(Provider);
        var roll = RollUploads.Sample(RollUploads.NewRollId(), ("A2001", "20261123T081700Z"));
        await using var client = await LineClient.ConnectAsync(server.Port);
        var greeting = await client.ReadLineAsync();
        StringAssert.StartsWith(greeting, "OLA|");

        CollectionAssert.AreEqual(new[] { "ERRO|nao autenticado", "ERRO|nao autenticado", "ERRO|nao autenticado" }, await client.AskAsync(RollUploads.Lines(roll)));
        Assert.AreEqual(0, await RollUploads.CountRollsAsync(Provider, server.ConnectionString, roll.RollId));

        // Authenticated now: an unfinished upload is dropped by the next CHAMADA, whose roll is stored.
        await client.SendAsync("AUTENTICAR|" + TestData.TerminalId + "|" + Core.Lookup.LookupAuthentication.ComputeProof(
            Core.Security.HexText.ToBytes(TestData.TerminalKeyHex), greeting!.Split('|')[2], TestData.TerminalId));
        Assert.AreEqual("OK", await client.ReadLineAsync());
        var first = RollUploads.Lines(RollUploads.Sample(RollUploads.NewRollId(), ("A2002", "20261123T081700Z"), ("A2003", "20261123T081700Z")));
        var answers = await client.AskAsync(first.Take(2).Concat(RollUploads.Lines(roll)).ToArray());
        CollectionAssert.AreEqual(new[] { "OK", "OK" }.Concat(RollUploads.StoredAnswers(roll)).ToArray(), answers);
        Assert.AreEqual(1, await RollUploads.CountRollsAsync(Provider, server.ConnectionString, roll.RollId));
    }

    [TestMethod]
    public async Task Two_uploads_of_the_same_roll_at_once_store_it_once_and_both_are_told_it_is_stored()
    {
        var server = await Servers.GetAsync(Provider);
        await using var first = await LineClient.ConnectAuthenticatedAsync(server.Port);
        await using var second = await LineClient.ConnectAuthenticatedAsync(server.Port);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var roll = RollUploads.Sample(RollUploads.NewRollId(),
                Enumerable.Range(0, 60).Select(i => ("A" + (2001 + i), "20261123T0816" + i.ToString("00") + "Z")).ToArray());
            var lines = RollUploads.Lines(roll);

            var answers = await Task.WhenAll(first.AskAsync(lines), second.AskAsync(lines));

            CollectionAssert.AreEqual(RollUploads.StoredAnswers(roll), answers[0]);
            CollectionAssert.AreEqual(RollUploads.StoredAnswers(roll), answers[1]);
            Assert.AreEqual(1, await RollUploads.CountRollsAsync(Provider, server.ConnectionString, roll.RollId));
            Assert.AreEqual(60, await RollUploads.ScalarAsync(Provider, server.ConnectionString,
                "SELECT COUNT(*) FROM presences x JOIN rolls r ON r.roll_key = x.roll_key WHERE r.roll_id = @id", ("@id", roll.RollId)));
        }
    }

    [TestMethod]
    public async Task A_roll_committed_by_another_connection_while_this_one_stores_it_is_answered_as_stored()
    {
        // Deterministic form of the race above: another writer has inserted the same roll but not committed yet.
        // PostgreSQL: our check does not see it, our insert waits on the unique index and then fails (23505), which
        // must read as "stored". SQLite: our BEGIN IMMEDIATE waits for the writer, then the check sees the roll.
        var connectionString = await Servers.NewDatabaseAsync(Provider);
        await RunningServer.SeedAsync(Provider, connectionString);
        await using var database = new LookupDatabase(new DatabaseOptions { Provider = Provider, ConnectionString = connectionString });
        var store = new SqlRollStore(database, TimeZoneInfo.Utc);
        var roll = RollUploads.Sample(RollUploads.NewRollId(), ("A2001", "20261123T081700Z"));
        var code = RollVerificationCode.Compute(Core.Security.HexText.ToBytes(TestData.TerminalKeyHex), roll);

        await using var other = await RollUploads.OpenAsync(Provider, connectionString);
        await using var transaction = await other.BeginTransactionAsync();
        await using (var insert = RollUploads.Command(other,
            "INSERT INTO rolls (terminal_id, roll_id, professor_code, opened_utc, closed_utc, closed_automatically, presence_count, late_count, "
            + "verification_code, key_fingerprint, uploaded_utc, year, semester) VALUES (@terminal, @roll, 'P1001', 0, 0, 0, 0, 0, 'OTHERCOPY', 'x', 0, 2026, 2)",
            ("@terminal", roll.TerminalId), ("@roll", roll.RollId)))
        {
            insert.Transaction = transaction;
            await insert.ExecuteNonQueryAsync();
        }

        var storing = store.StoreAsync(roll, code, "fingerprint", CancellationToken.None);
        await Task.Delay(300);
        Assert.IsFalse(storing.IsCompleted, "the store waits for the other writer");
        await transaction.CommitAsync();

        Assert.AreEqual(RollStoreOutcome.AlreadyStored, await storing);
        Assert.AreEqual(1, await RollUploads.CountRollsAsync(Provider, connectionString, roll.RollId));
        Assert.AreEqual(0, await RollUploads.ScalarAsync(Provider, connectionString, "SELECT COUNT(*) FROM presences"), "the first copy is kept as it is");
    }

    [TestMethod]
    public async Task Injection_text_in_every_field_is_stored_as_text()
    {
        var server = await Servers.GetAsync(Provider);
        var rollId = "R'); DROP TABLE rolls; -- " + Guid.NewGuid().ToString("N")[..6];
        var roll = RollUploads.Roll(TestData.TerminalId, rollId, "P1001' OR '1'='1", "C101\"; DELETE FROM presences; --",
            "20261123T081500Z", "20261123T095000Z", "20261123T083000Z", false,
            ("A2001'); DELETE FROM students; --", "20261123T081700Z"), ("%_*?", "20261123T081800Z"));
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);

        CollectionAssert.AreEqual(RollUploads.StoredAnswers(roll), await client.AskAsync(RollUploads.Lines(roll)));

        var detail = (await GetAsync(server, rollId))!;
        Assert.AreEqual("P1001' OR '1'='1", detail.Summary.ProfessorCode);
        Assert.AreEqual("C101\"; DELETE FROM presences; --", detail.Summary.ClassCode);
        Assert.IsNull(detail.Summary.CourseCode, "no such class");
        CollectionAssert.AreEqual(new[] { "A2001'); DELETE FROM students; --", "%_*?" }, detail.Presences.Select(p => p.StudentCode).ToArray());
        Assert.IsTrue(await RollUploads.ScalarAsync(Provider, server.ConnectionString, "SELECT COUNT(*) FROM students") >= 5);
        Assert.AreEqual(VerificationOutcome.Authentic,
            (await Archive(server).VerifyAsync(detail.VerificationCode, PortalScope.All, CancellationToken.None)).Outcome);
    }

    [TestMethod]
    public async Task A_database_stall_at_FIMCHAMADA_answers_the_passing_error_in_its_place_and_the_retry_stores_the_roll()
    {
        var connectionString = await Servers.NewDatabaseAsync(Provider);
        await RunningServer.SeedAsync(Provider, connectionString);

        // A database that waits at most a second for a lock, and one retry: the stall is over in about 2 s.
        var timeout = Provider == Servers.Sqlite ? ";Default Timeout=1" : ";Command Timeout=1";
        await using var server = await RunningServer.StartAsync(Provider, connectionString + timeout, null,
            "Database:TransientRetries=1", "Database:TransientRetryDelayMilliseconds=10");
        var roll = RollUploads.Sample(RollUploads.NewRollId(), ("A2001", "20261123T081700Z"), ("A2002", "20261123T084000Z"));
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);

        await using (var locker = await RollUploads.OpenAsync(Provider, connectionString))
        {
            // Another writer holds the rolls: SQLite's write lock, PostgreSQL's table lock, InnoDB's next-key locks
            // on the whole (empty) table, which block every insert.
            await using var transaction = await locker.BeginTransactionAsync();
            await using (var command = RollUploads.Command(locker, Provider == Servers.Sqlite ? "INSERT INTO schema_version (version) VALUES (0)"
                : Provider == Servers.MariaDb ? "SELECT roll_key FROM rolls FOR UPDATE" : "LOCK TABLE rolls IN ACCESS EXCLUSIVE MODE"))
            {
                command.Transaction = transaction;
                await command.ExecuteNonQueryAsync();
            }

            var answers = await client.AskAsync(RollUploads.Lines(roll).Append("NOMEALUNO|A2001").ToArray());

            CollectionAssert.AreEqual(new[] { "OK", "OK", "OK", "ERRO|servidor indisponivel", "João Conceição" }, answers);
            await transaction.RollbackAsync();
        }

        Assert.AreEqual(0, await RollUploads.CountRollsAsync(Provider, connectionString, roll.RollId));
        CollectionAssert.AreEqual(RollUploads.StoredAnswers(roll), await client.AskAsync(RollUploads.Lines(roll)));
        Assert.AreEqual(1, await RollUploads.CountRollsAsync(Provider, connectionString, roll.RollId));
    }

    [TestMethod]
    public async Task A_stored_roll_is_logged_in_one_line_without_student_codes()
    {
        var connectionString = await Servers.NewDatabaseAsync(Provider);
        await RunningServer.SeedAsync(Provider, connectionString);
        var logs = new CapturingLoggerProvider();
        await using (var server = await RunningServer.StartAsync(Provider, connectionString, logs))
        {
            var roll = RollUploads.Sample(RollUploads.NewRollId(), ("A2003", "20261123T081700Z"), ("Q-777", "20261123T081800Z"));
            await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
            CollectionAssert.AreEqual(RollUploads.StoredAnswers(roll), await client.AskAsync(RollUploads.Lines(roll)));

            var stored = logs.Entries.Where(entry => entry.Level >= Microsoft.Extensions.Logging.LogLevel.Information && entry.Message.Contains(roll.RollId)).ToArray();
            Assert.AreEqual(1, stored.Length, string.Join("\n", logs.Lines));
            StringAssert.Contains(stored[0].Message, "2 presences");
            Assert.IsFalse(logs.Entries.Any(entry => entry.Level >= Microsoft.Extensions.Logging.LogLevel.Information
                && (entry.Message.Contains("A2003") || entry.Message.Contains("Q-777"))), string.Join("\n", logs.Lines));
        }
    }

    [TestMethod]
    public async Task In_open_mode_there_is_no_terminal_to_file_a_roll_under()
    {
        var connectionString = await Servers.NewDatabaseAsync(Provider);
        await RunningServer.SeedAsync(Provider, connectionString);
        await using var server = await RunningServer.StartAsync(Provider, connectionString, null, "OpenMode=true");
        var roll = RollUploads.Sample(RollUploads.NewRollId(), ("A2001", "20261123T081700Z"));
        await using var client = await LineClient.ConnectAsync(server.Port);

        CollectionAssert.AreEqual(new[] { "ERRO|nao autenticado", "ERRO|nao autenticado", "ERRO|nao autenticado", "João Conceição" },
            await client.AskAsync(RollUploads.Lines(roll).Append("NOMEALUNO|A2001").ToArray()));
        Assert.AreEqual(0, await RollUploads.CountRollsAsync(Provider, connectionString, roll.RollId));
    }

    private static SqlRollArchive Archive(RunningServer server) =>
        new(new LookupDatabase(new DatabaseOptions { Provider = server.Provider, ConnectionString = server.ConnectionString }), TimeZoneInfo.Utc);

    private static async Task<RollDetail?> GetAsync(RunningServer server, string rollId)
    {
        var key = await RollUploads.ScalarAsync(server.Provider, server.ConnectionString, "SELECT roll_key FROM rolls WHERE roll_id = @id", ("@id", rollId));
        return await Archive(server).GetRollAsync(key, PortalScope.All, CancellationToken.None);
    }
}

[TestClass]
public class RollUploadSqliteTests : RollUploadTests
{
    protected override string Provider => Servers.Sqlite;
}

[TestClass]
public class RollUploadPostgreSqlTests : RollUploadTests
{
    protected override string Provider => Servers.PostgreSql;
}

[TestClass]
public class RollUploadMariaDbTests : RollUploadTests
{
    protected override string Provider => Servers.MariaDb;
}
