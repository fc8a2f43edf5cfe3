using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Attendance.LookupServer.Tests;

/// <summary>Idle time, connection limit, open mode and logging, each on a server started with those settings.</summary>
[TestClass]
public class ServerLimitsTests
{
    [TestMethod]
    public async Task A_client_that_sends_nothing_is_told_and_closed_after_the_idle_time_while_others_are_served()
    {
        var connectionString = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, connectionString);
        await using var server = await RunningServer.StartAsync(Servers.Sqlite, connectionString, null, "IdleTimeoutSeconds=1");
        await using var idle = await LineClient.ConnectAsync(server.Port);
        Assert.IsTrue((await idle.ReadLineAsync())!.StartsWith("OLA|", StringComparison.Ordinal));

        await using (var busy = await LineClient.ConnectAuthenticatedAsync(server.Port))
        {
            CollectionAssert.AreEqual(new[] { "João Conceição" }, await busy.AskAsync("NOMEALUNO|A2001"));
        }

        Assert.AreEqual("ERRO|tempo de inatividade esgotado", await idle.ReadLineAsync(5000));
        Assert.IsNull(await idle.ReadLineAsync(5000));
    }

    [TestMethod]
    public async Task Connections_over_the_limit_are_told_the_server_is_busy()
    {
        var connectionString = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, connectionString);
        await using var server = await RunningServer.StartAsync(Servers.Sqlite, connectionString, null, "MaxConnections=2");
        await using var first = await LineClient.ConnectAuthenticatedAsync(server.Port);
        await using var second = await LineClient.ConnectAuthenticatedAsync(server.Port);

        await using (var third = await LineClient.ConnectAsync(server.Port))
        {
            Assert.AreEqual("ERRO|servidor ocupado", await third.ReadLineAsync());
            Assert.IsNull(await third.ReadLineAsync());
        }

        CollectionAssert.AreEqual(new[] { "Cálculo I" }, await first.AskAsync("NOMECADEIRA|C101"));
    }

    [TestMethod]
    public void Open_mode_is_off_unless_configured()
    {
        Assert.IsFalse(new LookupServerOptions().OpenMode);
        var shipped = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));
        Assert.IsFalse(shipped.RootElement.GetProperty("Lookup").GetProperty("OpenMode").GetBoolean());
    }

    [TestMethod]
    public async Task Open_mode_answers_original_clients_without_greeting_or_authentication()
    {
        var connectionString = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, connectionString);
        await using var server = await RunningServer.StartAsync(Servers.Sqlite, connectionString, null, "OpenMode=true");
        await using var client = await LineClient.ConnectAsync(server.Port);

        var answers = await client.AskAsync("EHPROFESSOR|P1001", "NOMEALUNO|A2002", "AUTENTICAR|T01|00");

        CollectionAssert.AreEqual(new[] { "conceicao.araujo@example.edu", "Ñandú Müller", "ERRO|sem desafio em modo aberto" }, answers);
    }

    [TestMethod]
    public async Task Logs_commands_per_request_at_debug_a_summary_per_connection_and_never_keys_or_proofs()
    {
        var connectionString = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, connectionString);
        var logs = new CapturingLoggerProvider();
        string proof;
        await using (var server = await RunningServer.StartAsync(Servers.Sqlite, connectionString, logs))
        {
            await using var client = await LineClient.ConnectAsync(server.Port);
            var nonce = (await client.ReadLineAsync())!.Split('|')[2];
            proof = Core.Lookup.LookupAuthentication.ComputeProof(Core.Security.HexText.ToBytes(TestData.TerminalKeyHex), nonce, "T01");
            CollectionAssert.AreEqual(new[] { "OK", "João Conceição" }, await client.AskAsync("AUTENTICAR|T01|" + proof, "NOMEALUNO|A2001"));
            await using var intruder = await LineClient.ConnectAsync(server.Port);
            await intruder.ReadLineAsync();
            await intruder.AskAsync("AUTENTICAR|T01|" + proof);
        }

        var text = string.Join("\n", logs.Lines);
        Assert.Contains("Debug NOMEALUNO from T01", text);
        Assert.Contains("Information Connection of T01 ended: 2 requests in ", text);
        Assert.Contains("Information Connection of (not authenticated) ended: 1 requests in ", text);
        Assert.IsFalse(logs.Entries.Any(e => e.Level > LogLevel.Debug && e.Message.StartsWith("NOMEALUNO", StringComparison.Ordinal)), "one line per request only at debug level");
        Assert.Contains("Authentication refused for terminal T01", text);
        Assert.DoesNotContain(proof, text);
        Assert.DoesNotContain(TestData.TerminalKeyHex, text);
        var personal = logs.Entries.Where(e => e.Message.Contains("João", StringComparison.Ordinal)).ToList();
        Assert.IsNotEmpty(personal, "answers are logged at debug level");
        Assert.IsTrue(personal.All(e => e.Level == LogLevel.Debug), "personal data only at debug level");
    }
}
