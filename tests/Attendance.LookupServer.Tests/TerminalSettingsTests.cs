using Attendance.Core.Configuration;
using Attendance.Core.Hardware;
using Attendance.Core.Lookup;
using Attendance.Core.Security;
using Attendance.Core.Terminal;
using Attendance.Host.Adapters;
using Attendance.LookupServer.Storage;
using Attendance.Portal.Data;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// Time and settings from the server (docs/protocol.md, "Time and settings from the server") over real TCP: the
/// settings saved through the portal's interface reach the terminal's own code (Core's SettingsSync), proofs and
/// all; a save a terminal would refuse is refused; HORA and CONFIGURACAO keep the protocol's order and access
/// rules; the greeting old terminals parse is unchanged. Each test has a database of its own (settings are global).
/// </summary>
public abstract class TerminalSettingsTests
{
    protected abstract string Provider { get; }

    private const string LocalFile = "board = pc\nterminal.id = " + TestData.TerminalId + "\nlookup.host = 127.0.0.1\n";

    private static readonly Dictionary<string, string> NoSecrets = new();

    private async Task<RunningServer> NewServerAsync()
    {
        var connection = await Servers.NewDatabaseAsync(Provider);
        await RunningServer.SeedAsync(Provider, connection);
        return await RunningServer.StartAsync(Provider, connection);
    }

    private static SqlTerminalSettings Admin(RunningServer server) =>
        new(new LookupDatabase(new DatabaseOptions { Provider = server.Provider, ConnectionString = server.ConnectionString }));

    private static (SettingsSync Sync, RecordingLog Log) Terminal(RunningServer server, IDurableStore store)
    {
        var settings = new LookupClientSettings
        {
            Host = "127.0.0.1",
            Port = server.Port,
            TerminalId = TestData.TerminalId,
            TerminalKey = HexText.ToBytes(TestData.TerminalKeyHex),
        };
        var log = new RecordingLog();
        return (new SettingsSync(new LookupClient(new SocketNetworkConnector(), settings), new SystemClock(), null, store, LocalFile, log), log);
    }

    [TestMethod]
    public async Task Settings_saved_in_the_portal_reach_the_terminal_with_overrides_and_without_the_password_in_clear()
    {
        await using var server = await NewServerAsync();
        var admin = Admin(server);
        await admin.SaveScopeAsync(null, new Dictionary<string, string>
        {
            ["smtp.host"] = "smtp.example.edu", ["mail.from"] = "attendance@example.edu", ["language"] = "en", ["roll.capacity"] = "300",
        }, new Dictionary<string, string> { ["smtp.password"] = "s3cret|pass" }, [], CancellationToken.None);
        var version = await admin.SaveScopeAsync(TestData.TerminalId, new Dictionary<string, string> { ["roll.capacity"] = "120" },
            NoSecrets, [], CancellationToken.None);
        var store = new MemoryStore();
        var (sync, log) = Terminal(server, store);

        Assert.IsTrue(await Task.Run(sync.RunOnce), log.Text);

        Assert.AreEqual(version.ToString(System.Globalization.CultureInfo.InvariantCulture), sync.Status.StoredVersion, log.Text);
        Assert.AreEqual("", sync.Status.RejectionReason);
        var set = sync.StoredSet!;
        var lines = Enumerable.Range(0, set.Count).ToDictionary(i => set.Keys[i], i => set.Values[i]);
        Assert.AreEqual("120", lines["roll.capacity"], "the terminal's override wins over the default");
        Assert.AreEqual("en", lines["language"]);
        Assert.IsFalse(lines.ContainsKey("smtp.password"), "the password never crosses a plain connection");
        Assert.IsTrue(sync.Clock.SkewKnown, "the server's time was taken: " + sync.Clock.Describe());
        Assert.IsTrue(Math.Abs(sync.Clock.SkewMilliseconds) < 5000, sync.Clock.Describe());

        // smtp.user from the server, its password withheld on this plain connection: the terminal's parser refuses
        // the set (its local file holds no password), reports why, and keeps the set it had.
        await admin.SaveScopeAsync(null, new Dictionary<string, string>
        {
            ["smtp.host"] = "smtp.example.edu", ["mail.from"] = "attendance@example.edu", ["smtp.user"] = "terminals",
        }, NoSecrets, [], CancellationToken.None);
        sync.RequestReload();
        await Task.Run(sync.RunOnce);

        StringAssert.Contains(sync.Status.RejectionReason, "smtp.password");
        StringAssert.Contains(log.Text, "refused, not applied");
        Assert.AreEqual(version.ToString(System.Globalization.CultureInfo.InvariantCulture), sync.Status.StoredVersion);
        Assert.IsFalse(log.Text.Contains("s3cret"), "a secret is never logged");
    }

    [TestMethod]
    public async Task A_set_without_secrets_is_applied_at_the_next_start_and_a_new_version_is_picked_up()
    {
        await using var server = await NewServerAsync();
        var admin = Admin(server);
        await admin.SaveScopeAsync(null, new Dictionary<string, string> { ["smtp.host"] = "smtp.example.edu", ["mail.from"] = "a@example.edu" },
            NoSecrets, [], CancellationToken.None);
        var store = new MemoryStore();
        var (sync, _) = Terminal(server, store);
        await Task.Run(sync.RunOnce);
        var restarted = Terminal(server, store).Sync;
        Assert.AreEqual("smtp.example.edu", restarted.StartSettings().SmtpHost);

        await admin.SaveScopeAsync(null, new Dictionary<string, string> { ["smtp.host"] = "smtp2.example.edu", ["mail.from"] = "a@example.edu" },
            NoSecrets, [], CancellationToken.None);
        restarted.RequestReload();
        await Task.Run(restarted.RunOnce);

        Assert.IsTrue(restarted.Status.RestartWanted);
        Assert.AreEqual("smtp2.example.edu", Terminal(server, store).Sync.StartSettings().SmtpHost);
    }

    [TestMethod]
    public async Task A_save_a_terminal_would_refuse_is_refused_and_nothing_changes()
    {
        await using var server = await NewServerAsync();
        var admin = Admin(server);
        await admin.SaveScopeAsync(TestData.TerminalId, new Dictionary<string, string> { ["card.max-length"] = "10" }, NoSecrets, [], CancellationToken.None);
        var before = await admin.GetScopeAsync(null, CancellationToken.None);

        var refused = await Assert.ThrowsExactlyAsync<TerminalSettingsRejectedException>(() =>
            admin.SaveScopeAsync(null, new Dictionary<string, string> { ["roll.capacity"] = "0" }, NoSecrets, [], CancellationToken.None));
        StringAssert.Contains(refused.Message, "roll.capacity");
        var conflict = await Assert.ThrowsExactlyAsync<TerminalSettingsRejectedException>(() =>
            admin.SaveScopeAsync(null, new Dictionary<string, string> { ["card.min-length"] = "12" }, NoSecrets, [], CancellationToken.None));
        StringAssert.Contains(conflict.Message, TestData.TerminalId);
        await Assert.ThrowsExactlyAsync<TerminalSettingsRejectedException>(() =>
            admin.SaveScopeAsync(null, new Dictionary<string, string> { ["lookup.host"] = "evil.example" }, NoSecrets, [], CancellationToken.None));

        var after = await admin.GetScopeAsync(null, CancellationToken.None);
        Assert.AreEqual(before.Version, after.Version);
        Assert.AreEqual(0, after.Values.Count);
    }

    [TestMethod]
    public async Task A_secret_is_write_only_kept_when_not_given_and_removed_when_cleared()
    {
        await using var server = await NewServerAsync();
        var admin = Admin(server);
        await admin.SaveScopeAsync(null, new Dictionary<string, string> { ["smtp.user"] = "u" }, new Dictionary<string, string> { ["smtp.password"] = "pw" }, [], CancellationToken.None);

        await admin.SaveScopeAsync(null, new Dictionary<string, string> { ["smtp.user"] = "u2", ["smtp.password"] = "ignored" }, NoSecrets, [], CancellationToken.None);
        var kept = await admin.GetScopeAsync(null, CancellationToken.None);
        Assert.IsTrue(kept.SecretsSet.Contains("smtp.password"));
        Assert.IsFalse(kept.Values.ContainsKey("smtp.password"), "never read back");
        Assert.AreEqual(1L, await RollUploads.ScalarAsync(Provider, server.ConnectionString,
            "SELECT COUNT(*) FROM terminal_settings WHERE setting_key = 'smtp.password' AND setting_value = 'pw'"), "kept when not given");

        await admin.SaveScopeAsync(null, new Dictionary<string, string>(), NoSecrets, ["smtp.password"], CancellationToken.None);
        Assert.IsFalse((await admin.GetScopeAsync(null, CancellationToken.None)).SecretsSet.Contains("smtp.password"));
    }

    [TestMethod]
    public async Task Hora_and_configuracao_answer_one_line_each_in_order_and_only_after_authentication()
    {
        await using var server = await NewServerAsync();
        await Admin(server).SaveScopeAsync(null, new Dictionary<string, string> { ["language"] = "en" }, NoSecrets, [], CancellationToken.None);
        await using var stranger = await LineClient.ConnectAsync(server.Port);
        var greeting = LookupFieldCodec.Split(await stranger.ReadLineAsync());
        Assert.AreEqual(3, greeting.Length, "old terminals take exactly OLA|1|nonce");
        Assert.AreEqual("1", greeting[1]);
        CollectionAssert.AreEqual(new[] { "ERRO|nao autenticado", "ERRO|nao autenticado" },
            await stranger.AskAsync("HORA|0123456789abcdef0123456789abcdef", "CONFIGURACAO|0"));

        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        var answers = await client.AskAsync("CONFIGURACAO|0", "HORA|xyz", "HORA|0123456789abcdef0123456789abcdef", "CONFIGURACAO|0", "CONFIGURACAO|1", "EHPROFESSOR|P1001");
        Assert.AreEqual("ERRO|sem HORA", answers[0]);
        Assert.AreEqual("ERRO|campo 1 invalido", answers[1]);
        var time = LookupFieldCodec.Split(answers[2]);
        Assert.AreEqual(5, time.Length, answers[2]);
        Assert.IsTrue(ServerProof.TryParseUnixMilliseconds(time[1], out var serverUtc));
        Assert.IsTrue(Math.Abs((serverUtc - DateTime.UtcNow).TotalSeconds) < 60);
        Assert.AreEqual("1", time[3]);
        var line = LookupFieldCodec.Split(answers[3]);
        CollectionAssert.AreEqual(new[] { "CONFIGURACAO", time[2], "1", "0", "language", "en" }, line.Take(6).ToArray());
        Assert.AreEqual("ERRO|campo 1 invalido", answers[4]);
        Assert.AreEqual("conceicao.araujo@example.edu", answers[5], "the connection stays in step");
    }

    private sealed class RecordingLog : IEventLog
    {
        private readonly List<string> _lines = new();

        public string Text
        {
            get
            {
                lock (_lines)
                {
                    return string.Join("\n", _lines);
                }
            }
        }

        public void Write(LogLevel level, string source, string message)
        {
            lock (_lines)
            {
                _lines.Add(level + " " + source + ": " + message);
            }
        }
    }

    /// <summary>The flash of one terminal across its "restarts".</summary>
    private sealed class MemoryStore : IDurableStore
    {
        private readonly Dictionary<string, byte[]> _records = new();

        public void Append(string name, byte[] data, int offset, int count) =>
            _records[name] = (_records.TryGetValue(name, out var old) ? old : []).Concat(data.Skip(offset).Take(count)).ToArray();

        public void Replace(string name, byte[] data, int offset, int count) => _records[name] = data.Skip(offset).Take(count).ToArray();

        public byte[]? Read(string name) => _records.TryGetValue(name, out var data) ? data.ToArray() : null;

        public int ReadAt(string name, int position, byte[] buffer, int offset, int count)
        {
            if (!_records.TryGetValue(name, out var data))
            {
                return -1;
            }

            var take = Math.Max(0, Math.Min(count, data.Length - position));
            Array.Copy(data, position, buffer, offset, take);
            return take;
        }

        public int Length(string name) => _records.TryGetValue(name, out var data) ? data.Length : -1;

        public void Delete(string name) => _records.Remove(name);

        public string[] List(string prefix) => _records.Keys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
    }
}

[TestClass]
public class TerminalSettingsSqliteTests : TerminalSettingsTests
{
    protected override string Provider => Servers.Sqlite;
}

[TestClass]
public class TerminalSettingsPostgreSqlTests : TerminalSettingsTests
{
    protected override string Provider => Servers.PostgreSql;
}
