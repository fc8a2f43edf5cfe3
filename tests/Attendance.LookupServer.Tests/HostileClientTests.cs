using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// Clients that do not behave (issue 12), each while a real terminal keeps getting answers within a bound: a
/// thousand idle unauthenticated connections, clients that pipeline megabytes and never read, a login brute
/// force. Loopback only: "attackers" connect from other 127.0.0.x addresses (all loopback on Linux), so the
/// per-address limits can be seen; the terminal connects from 127.0.0.1 unless the test says otherwise.
/// </summary>
[TestClass]
public class HostileClientTests
{
    /// <summary>What a terminal must get within this, attack or not.</summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(1);

    [TestMethod]
    public async Task A_thousand_idle_unauthenticated_connections_do_not_keep_terminals_out()
    {
        var connectionString = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, connectionString);

        // The shipped budgets (MaxConnections 1000, 500 unauthenticated, 250 per address) with a short eviction
        // grace, so the test need not wait a second for the idlers to become evictable.
        await using var server = await RunningServer.StartAsync(Servers.Sqlite, connectionString, null, "Admission:EvictAfterMilliseconds=200");
        var idlers = new List<Socket>();
        try
        {
            // 1,000 connections from four addresses that read the greeting at most and never authenticate.
            for (var batch = 0; batch < 10; batch++)
            {
                idlers.AddRange(await Task.WhenAll(Enumerable.Range(0, 100).Select(i => ConnectRawAsync(server.Port, "127.0.0." + (2 + (batch * 100 + i) % 4)))));
            }

            Assert.HasCount(1000, idlers);
            Assert.IsLessThanOrEqualTo(500, server.Listener.UnauthenticatedConnections, "the unauthenticated budget holds");
            await Task.Delay(300);

            // Terminals from another address, and one from an attacker's own address, each get in and answered
            // within the bound (the unauthenticated budget is full: each pushes out an idler).
            foreach (var from in new[] { "127.0.0.1", "127.0.0.1", "127.0.0.9", "127.0.0.2" })
            {
                var watch = Stopwatch.StartNew();
                await using var terminal = await LineClient.ConnectAuthenticatedAsync(server.Port, from);
                CollectionAssert.AreEqual(new[] { "João Conceição" }, await terminal.AskAsync("NOMEALUNO|A2001"));
                Assert.IsLessThan(AnswerBound, watch.Elapsed, "terminal from " + from);
            }

            Assert.IsLessThanOrEqualTo(500, server.Listener.UnauthenticatedConnections);
        }
        finally
        {
            foreach (var idler in idlers)
            {
                idler.Dispose();
            }
        }
    }

    [TestMethod]
    public async Task An_unauthenticated_connection_is_closed_after_the_authentication_deadline_and_a_terminal_is_not()
    {
        var connectionString = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, connectionString);
        await using var server = await RunningServer.StartAsync(Servers.Sqlite, connectionString, null, "Admission:AuthenticationTimeoutSeconds=1");
        await using var stranger = await LineClient.ConnectAsync(server.Port);
        await using var terminal = await LineClient.ConnectAuthenticatedAsync(server.Port);
        var watch = Stopwatch.StartNew();
        Assert.StartsWith("OLA|", (await stranger.ReadLineAsync())!);

        // Even a stranger that keeps talking (the idle timer would not close it) is closed at the deadline.
        await stranger.SendAsync("NOMEALUNO|A2001");
        Assert.AreEqual("ERRO|nao autenticado", await stranger.ReadLineAsync());
        Assert.AreEqual("ERRO|tempo de autenticacao esgotado", await stranger.ReadLineAsync(5000));
        Assert.IsNull(await stranger.ReadLineAsync(5000));
        Assert.IsLessThan(TimeSpan.FromSeconds(3), watch.Elapsed);

        CollectionAssert.AreEqual(new[] { "Cálculo I" }, await terminal.AskAsync("NOMECADEIRA|C101"));
    }

    [TestMethod]
    public async Task Clients_that_pipeline_megabytes_and_never_read_are_cut_and_do_not_starve_a_terminal()
    {
        var connectionString = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, connectionString);
        await using var server = await RunningServer.StartAsync(Servers.Sqlite, connectionString, null,
            "MaxConnections=4", "Admission:MaxUnauthenticatedConnections=2", "Admission:WriteTimeoutSeconds=1");

        // Three authenticated clients with small receive buffers each send 8 MB of requests and read nothing.
        var pipelined = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("NOMEALUNO|A2001\r\n", 8 * 1024 * 1024 / 17)));
        var readers = new List<LineClient>();
        var writes = new List<Task>();
        using var stop = new CancellationTokenSource();
        for (var i = 0; i < 3; i++)
        {
            var reader = await LineClient.ConnectAsync(server.Port, "127.0.0." + (2 + i), receiveBufferBytes: 16 * 1024);
            Assert.AreEqual("OK", await reader.AuthenticateAsync(TestData.TerminalId, TestData.TerminalKeyHex));
            readers.Add(reader);
            writes.Add(Task.Run(() => reader.SendBytesAsync(pipelined, stop.Token)));
        }

        try
        {
            // Meanwhile a terminal is answered within the bound, several times.
            var cutWithin = Stopwatch.StartNew();
            for (var round = 0; round < 3; round++)
            {
                var watch = Stopwatch.StartNew();
                await using var terminal = await LineClient.ConnectAuthenticatedAsync(server.Port);
                CollectionAssert.AreEqual(new[] { "João Conceição", "Cálculo I" }, await terminal.AskAsync("NOMEALUNO|A2001", "NOMECADEIRA|C101"));
                Assert.IsLessThan(AnswerBound, watch.Elapsed);
                await Task.Delay(100);
            }

            // The server stops writing to them after the write timeout (1 s) and resets the connections: their
            // sends fail, and their places are free.
            var all = Task.WhenAll(writes);
            var finished = await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(8)));
            Assert.AreSame(all, finished, "the non-readers' connections were not cut");
            Assert.IsTrue(writes.All(write => write.IsFaulted), "each non-reader's sending failed: the server reset it");
            Assert.IsLessThan(TimeSpan.FromSeconds(8), cutWithin.Elapsed);
            await WaitUntilAsync(() => server.Listener.AuthenticatedConnections == 0, TimeSpan.FromSeconds(3));
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var reader in readers)
            {
                await reader.DisposeAsync();
            }

            await Task.WhenAny(Task.WhenAll(writes), Task.Delay(2000));
        }
    }

    [TestMethod]
    public async Task A_login_brute_force_ends_each_connection_backs_the_address_off_and_is_logged_with_the_address_once_per_interval()
    {
        var connectionString = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, connectionString);
        var logs = new CapturingLoggerProvider();
        await using var server = await RunningServer.StartAsync(Servers.Sqlite, connectionString, logs,
            "Admission:FailedLoginsBeforeBackoff=3", "Admission:BackoffSeconds=1", "Admission:MaxBackoffSeconds=8");
        await using var terminal = await LineClient.ConnectAuthenticatedAsync(server.Port);
        const string attacker = "127.0.0.7";
        const string wrongKey = "00112233445566778899aabbccddeeff";

        // Three wrong keys: each connection ends after its refusal.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var guess = await LineClient.ConnectAsync(server.Port, attacker);
            await guess.ReadLineAsync();
            await guess.SendAsync("AUTENTICAR|T01|" + wrongKey, "AUTENTICAR|T01|" + wrongKey);
            Assert.AreEqual("ERRO|autenticacao recusada", await guess.ReadLineAsync());
            Assert.IsNull(await guess.ReadLineAsync(), "a second guess on the same connection is not answered");
        }

        // Now the address is refused for 1 s (then 2, 4, ... at most 8 s), however often it tries.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await using var refused = await LineClient.ConnectAsync(server.Port, attacker);
            Assert.AreEqual("ERRO|tentativas demais", await refused.ReadLineAsync());
            Assert.IsNull(await refused.ReadLineAsync());
        }

        // The terminal keeps its answers, and a terminal from another address gets in.
        var watch = Stopwatch.StartNew();
        CollectionAssert.AreEqual(new[] { "João Conceição" }, await terminal.AskAsync("NOMEALUNO|A2001"));
        await using (var other = await LineClient.ConnectAuthenticatedAsync(server.Port, "127.0.0.8"))
        {
            CollectionAssert.AreEqual(new[] { "Cálculo I" }, await other.AskAsync("NOMECADEIRA|C101"));
        }

        Assert.IsLessThan(AnswerBound, watch.Elapsed);

        // After the first period, one more failure doubles it: 2 s, so 1.2 s later the address is still refused.
        await Task.Delay(1200);
        await using (var again = await LineClient.ConnectAsync(server.Port, attacker))
        {
            Assert.AreEqual("ERRO|autenticacao recusada", await again.AuthenticateAsync("T01", TestData.TerminalKeyHex.Replace('6', '7')));
        }

        await Task.Delay(1200);
        await using (var refused = await LineClient.ConnectAsync(server.Port, attacker))
        {
            Assert.AreEqual("ERRO|tentativas demais", await refused.ReadLineAsync());
        }

        // The log names the address, once per kind and interval (60 s), however many attempts.
        var warnings = logs.Entries.Where(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning).Select(e => e.Message).ToList();
        var refusedLogins = warnings.Where(m => m.StartsWith("Authentication refused for terminal T01 from " + attacker, StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, refusedLogins, string.Join("\n", warnings));
        StringAssert.Contains(refusedLogins[0], "1 failed login(s) from this address");
        var backedOff = warnings.Where(m => m.StartsWith("Connection from " + attacker + " refused: too many failed logins", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, backedOff, string.Join("\n", warnings));
        Assert.IsLessThanOrEqualTo(4, warnings.Count(m => m.Contains(attacker, StringComparison.Ordinal)), string.Join("\n", warnings));
    }

    [TestMethod]
    public void The_back_off_table_and_the_log_limiter_stay_within_their_size()
    {
        var options = new LookupServerOptions { Admission = { TrackedAddresses = 100, FailedLoginsBeforeBackoff = 1, BackoffSeconds = 1, MaxBackoffSeconds = 4 } };
        var admission = new Network.AdmissionControl(options);
        var log = new Network.RefusalLog(options.Admission);
        var now = new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);
        var lines = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var address = new IPAddress(new byte[] { 10, (byte)(i >> 16), (byte)(i >> 8), (byte)i });
            admission.RecordFailedLogin(address, now);
            lines += log.ShouldLog("login", address, now, out _) ? 1 : 0;
        }

        Assert.AreEqual(100, admission.TrackedFailureAddresses);

        // 100 addresses get their own line, all the others share one line per interval.
        Assert.AreEqual(101, lines);

        // Growth: 1, 2, 4, then at most 4 s.
        var one = IPAddress.Parse("192.0.2.1");
        var periods = Enumerable.Range(0, 5).Select(_ => admission.RecordFailedLogin(one, now).BlockedFor.TotalSeconds).ToArray();
        CollectionAssert.AreEqual(new double[] { 1, 2, 4, 4, 4 }, periods);
        Assert.AreEqual(Network.AdmissionControl.Verdict.BackedOff, admission.TryAdmit(one, now.AddSeconds(3), new List<Network.AdmissionControl.Ticket>(), out _, out var left));
        Assert.AreEqual(TimeSpan.FromSeconds(1), left);
        Assert.AreEqual(Network.AdmissionControl.Verdict.Admitted, admission.TryAdmit(one, now.AddSeconds(4), new List<Network.AdmissionControl.Ticket>(), out _, out _));
    }

    [TestMethod]
    public void A_newcomer_pushes_out_only_unauthenticated_connections_older_than_the_grace_and_promotion_keeps_the_total()
    {
        var options = new LookupServerOptions { MaxConnections = 4, Admission = { MaxUnauthenticatedConnections = 2, MaxUnauthenticatedPerAddress = 2, EvictAfterMilliseconds = 1000 } };
        var admission = new Network.AdmissionControl(options);
        var now = new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);
        var a = IPAddress.Parse("192.0.2.1");
        var b = IPAddress.Parse("192.0.2.2");
        var evicted = new List<Network.AdmissionControl.Ticket>();

        Assert.AreEqual(Network.AdmissionControl.Verdict.Admitted, admission.TryAdmit(a, now, evicted, out var first, out _));
        Assert.AreEqual(Network.AdmissionControl.Verdict.Admitted, admission.TryAdmit(a, now.AddMilliseconds(10), evicted, out var second, out _));

        // A burst: both are younger than the grace, so a third is told busy rather than pushing one out.
        Assert.AreEqual(Network.AdmissionControl.Verdict.Busy, admission.TryAdmit(b, now.AddMilliseconds(500), evicted, out _, out _));
        Assert.IsEmpty(evicted);

        // Later the oldest idler goes, for a newcomer of another address.
        Assert.AreEqual(Network.AdmissionControl.Verdict.Admitted, admission.TryAdmit(b, now.AddSeconds(2), evicted, out var third, out _));
        CollectionAssert.AreEqual(new[] { first }, evicted);
        Assert.IsTrue(first!.Evicted);
        Assert.IsFalse(admission.Promote(first), "a pushed-out connection cannot authenticate any more");

        // Authenticated connections leave the unauthenticated budget and keep their place.
        Assert.IsTrue(admission.Promote(second!));
        Assert.IsTrue(admission.Promote(third!));
        Assert.AreEqual(2, admission.Authenticated);
        Assert.AreEqual(0, admission.Unauthenticated);
        admission.Release(first);
        admission.Release(second!);
        admission.Release(second!);
        Assert.AreEqual(1, admission.Authenticated);
    }

    [TestMethod]
    public async Task Open_mode_has_no_authentication_deadline_and_its_own_limit_per_address()
    {
        var connectionString = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, connectionString);
        await using var server = await RunningServer.StartAsync(Servers.Sqlite, connectionString, null,
            "OpenMode=true", "Admission:AuthenticationTimeoutSeconds=1", "Admission:OpenModeMaxConnectionsPerAddress=2");
        await using var first = await LineClient.ConnectAsync(server.Port, "127.0.0.2");
        await using var second = await LineClient.ConnectAsync(server.Port, "127.0.0.2");
        CollectionAssert.AreEqual(new[] { "João Conceição" }, await first.AskAsync("NOMEALUNO|A2001"));
        CollectionAssert.AreEqual(new[] { "João Conceição" }, await second.AskAsync("NOMEALUNO|A2001"));

        await using (var third = await LineClient.ConnectAsync(server.Port, "127.0.0.2"))
        {
            Assert.AreEqual("ERRO|servidor ocupado", await third.ReadLineAsync());
        }

        await using var other = await LineClient.ConnectAsync(server.Port, "127.0.0.3");
        CollectionAssert.AreEqual(new[] { "Cálculo I" }, await other.AskAsync("NOMECADEIRA|C101"));

        // Past the authentication deadline, open-mode connections are still served (only the idle time counts).
        await Task.Delay(1300);
        CollectionAssert.AreEqual(new[] { "Ñandú Müller" }, await first.AskAsync("NOMEALUNO|A2002"));
    }

    [TestMethod]
    public void The_shipped_appsettings_json_holds_the_admission_defaults()
    {
        var shipped = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")))
            .RootElement.GetProperty("Lookup").GetProperty("Admission");
        var defaults = new AdmissionOptions();
        var properties = typeof(AdmissionOptions).GetProperties().Where(p => p.PropertyType == typeof(int)).ToList();
        Assert.HasCount(properties.Count, shipped.EnumerateObject(), "every setting is in appsettings.json");
        foreach (var property in properties)
        {
            Assert.AreEqual((int)property.GetValue(defaults)!, shipped.GetProperty(property.Name).GetInt32(), property.Name);
        }

        defaults.Validate();
        Assert.IsLessThan(new LookupServerOptions().MaxConnections, defaults.MaxUnauthenticatedConnections, "strangers' budget below the total");
    }

    private static async Task<Socket> ConnectRawAsync(int port, string from)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return socket;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.IsLessThan(within, watch.Elapsed, "condition not met in time");
            await Task.Delay(20);
        }
    }
}
