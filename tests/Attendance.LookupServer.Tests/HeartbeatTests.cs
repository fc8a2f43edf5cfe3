using Attendance.LookupServer.Storage;
using Attendance.Portal.Data;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// The heartbeat (docs/protocol.md, "Terminal health") over real TCP against the running server: stored with its
/// lines, requests delivered until acknowledged and then never again, only for an authenticated terminal, every
/// field checked, the history kept bounded. SQLite and PostgreSQL (the derived classes at the end of this file).
/// </summary>
public abstract class HeartbeatTests
{
    protected abstract string Provider { get; }

    /// <summary>A heartbeat as the terminal sends it, for <paramref name="firmware"/> (a marker the test finds again).</summary>
    public static string[] Lines(string firmware, int failed = 1) =>
    [
        "SAUDEFALHA|T01-20261130T080000Z-000007|550 5.1.1 [address] refused",
        "SAUDELOG|20261130T081500Z|WRN|outbox: Roll T01-20261130T080000Z-000007 failed permanently and is kept",
        "SAUDELOG||ERR|terminal: step failed: disk",
        "SAUDE|" + firmware + "|esp32-devkit-wifi|3723|81234|10.0.0.21|-67|aberta|2|1|" + failed + "|0|sntp|-4||300",
    ];

    [TestMethod]
    public async Task A_heartbeat_is_stored_with_its_lines_and_is_the_terminals_latest_report()
    {
        var server = await Servers.GetAsync(Provider);
        var firmware = "fw-" + Guid.NewGuid().ToString("N")[..8];
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);

        CollectionAssert.AreEqual(new[] { "OK", "OK", "OK", "PEDIDOS" }, await client.AskAsync(Lines(firmware)));

        var terminal = (await Fleet(server).ListTerminalsAsync(CancellationToken.None)).Single(t => t.TerminalId == TestData.TerminalId);
        var latest = terminal.Latest!;
        Assert.AreEqual(firmware, latest.Firmware);
        Assert.AreEqual("esp32-devkit-wifi", latest.Board);
        Assert.AreEqual(3723L, latest.UptimeSeconds);
        Assert.AreEqual(81234L, latest.FreeMemoryBytes);
        Assert.AreEqual(-67, latest.WifiSignalDbm);
        Assert.AreEqual("aberta", latest.RollState);
        Assert.AreEqual((2, 1, 1, 0), (latest.OutboxPending, latest.OutboxRetrying, latest.OutboxFailed, latest.UploadsPending));
        Assert.AreEqual(-4, latest.ClockSkewSeconds);
        Assert.AreEqual(300, latest.IntervalSeconds);
        Assert.AreEqual(2, latest.LogLines.Count);
        Assert.AreEqual(new DateTime(2026, 11, 30, 8, 15, 0, DateTimeKind.Utc), latest.LogLines[0].Utc);
        Assert.IsNull(latest.LogLines[1].Utc);
        Assert.AreEqual("terminal: step failed: disk", latest.LogLines[1].Text);
        Assert.AreEqual("T01-20261130T080000Z-000007", latest.FailedRolls.Single().RollId);
        Assert.IsTrue(DateTime.UtcNow - latest.ReceivedUtc < TimeSpan.FromMinutes(1));
    }

    [TestMethod]
    public async Task A_request_is_delivered_until_acknowledged_and_then_never_again()
    {
        var server = await Servers.GetAsync(Provider);
        var fleet = Fleet(server);
        var rollId = "T01-" + Guid.NewGuid().ToString("N")[..10];
        var id = await fleet.RequestAsync(TestData.TerminalId, TerminalRequestKind.ResendMail, rollId, "admin", CancellationToken.None);
        Assert.IsNotNull(id);
        Assert.AreEqual(id, await fleet.RequestAsync(TestData.TerminalId, TerminalRequestKind.ResendMail, rollId, "admin", CancellationToken.None),
            "the same request waiting is not filed twice");
        Assert.IsNull(await fleet.RequestAsync("NO-SUCH-TERMINAL", TerminalRequestKind.ReloadSettings, "", "admin", CancellationToken.None));
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);

        // Delivered, not acknowledged (the answer was lost): delivered again with the next heartbeat.
        var first = await client.AskAsync(Lines("fw-a"));
        StringAssert.Contains(first[^1], "|" + id + "|REENVIAR|" + rollId);
        var second = await client.AskAsync(Lines("fw-b"));
        StringAssert.Contains(second[^1], "|" + id + "|REENVIAR|" + rollId);

        CollectionAssert.AreEqual(new[] { "OK", "OK", "ERRO|pedido desconhecido", "ERRO|campo 1 invalido" },
            await client.AskAsync("PEDIDOFEITO|" + id + "|feito", "PEDIDOFEITO|" + id + "|feito", "PEDIDOFEITO|999999999|feito", "PEDIDOFEITO|x|feito"));
        var third = await client.AskAsync(Lines("fw-c"));
        Assert.IsFalse(third[^1].Contains(rollId), third[^1]);

        var request = (await fleet.GetTerminalAsync(TestData.TerminalId, CancellationToken.None))!.Requests.Single(r => r.Id == id);
        Assert.AreEqual("feito", request.Outcome);
        Assert.IsNotNull(request.DeliveredUtc);
        Assert.IsNotNull(request.AcknowledgedUtc);
        Assert.AreEqual(2L, await RollUploads.ScalarAsync(Provider, server.ConnectionString, "SELECT deliveries FROM terminal_requests WHERE request_key = @id", ("@id", id!.Value)));
    }

    [TestMethod]
    public async Task Only_an_authenticated_terminal_reports_and_a_bad_field_stores_nothing()
    {
        var server = await Servers.GetAsync(Provider);
        var before = await CountAsync(server);
        await using (var stranger = await LineClient.ConnectAsync(server.Port))
        {
            await stranger.ReadLineAsync(); // the greeting
            CollectionAssert.AreEqual(new[] { "ERRO|nao autenticado", "ERRO|nao autenticado", "ERRO|nao autenticado", "ERRO|nao autenticado" },
                await stranger.AskAsync(Lines("fw-stranger")));
        }

        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        var good = Lines("fw-x")[^1];
        CollectionAssert.AreEqual(new[]
            {
                "ERRO|campo 1 invalido", "ERRO|campo 7 invalido", "ERRO|campo 3 invalido", "ERRO|campo 6 invalido", "ERRO|esperados 15 campos",
                "ERRO|campo 2 invalido", "ERRO|hora invalida",
            },
            await client.AskAsync(
                good.Replace("fw-x", "fw-ç"),
                good.Replace("aberta", "open"),
                good.Replace("|3723|", "|-1|"),
                good.Replace("|-67|", "|12|"),
                good + "|extra",
                "SAUDELOG||INF|terminal: Card A1: accepted",
                "SAUDELOG|2026-11-30|WRN|x"));
        Assert.AreEqual(before, await CountAsync(server));
    }

    [TestMethod]
    public async Task The_history_keeps_the_newest_reports_of_each_terminal_only()
    {
        var server = await Servers.GetAsync(Provider);
        var store = Fleet(server);
        var terminal = "HB-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < SqlTerminalFleet.HistoryPerTerminal + 3; i++)
        {
            await store.RecordHeartbeatAsync(terminal, Report("n" + i), CancellationToken.None);
        }

        var detail = (await store.GetTerminalAsync(terminal, CancellationToken.None))!;
        Assert.AreEqual(SqlTerminalFleet.HistoryPerTerminal, detail.History.Count);
        Assert.AreEqual("n" + (SqlTerminalFleet.HistoryPerTerminal + 2), detail.History[0].Firmware);
        Assert.AreEqual("n3", detail.History[^1].Firmware);
    }

    public static HealthReportContent Report(string firmware, int failed = 0, long? free = 50_000, int? skew = null, string rejected = "") =>
        new(firmware, "pc", 60, free, "127.0.0.1", null, "fechada", 0, 0, failed, 0, "sntp", skew, rejected, 300, [], []);

    private static SqlTerminalFleet Fleet(RunningServer server) =>
        new(new LookupDatabase(new DatabaseOptions { Provider = server.Provider, ConnectionString = server.ConnectionString }), TimeProvider.System);

    private static Task<long> CountAsync(RunningServer server) =>
        RollUploads.ScalarAsync(server.Provider, server.ConnectionString, "SELECT COUNT(*) FROM terminal_health WHERE terminal_id = @id", ("@id", TestData.TerminalId));
}

[TestClass]
public class HeartbeatSqliteTests : HeartbeatTests
{
    protected override string Provider => Servers.Sqlite;
}

[TestClass]
public class HeartbeatPostgreSqlTests : HeartbeatTests
{
    protected override string Provider => Servers.PostgreSql;
}

[TestClass]
public class HeartbeatMariaDbTests : HeartbeatTests
{
    protected override string Provider => Servers.MariaDb;
}
