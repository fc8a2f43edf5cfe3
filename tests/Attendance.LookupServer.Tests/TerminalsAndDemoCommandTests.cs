using System.Text;
using Attendance.Core.Configuration;
using Attendance.Core.Security;
using Attendance.LookupServer.Admin;
using Attendance.LookupServer.Storage;
using Microsoft.Extensions.Logging;

namespace Attendance.LookupServer.Tests;

/// <summary>`terminals add|rotate|remove|list`, demo data only when asked for and only on loopback, `demo remove`.</summary>
[TestClass]
public class TerminalsAndDemoCommandTests
{
    [TestMethod]
    [DataRow(Servers.Sqlite)]
    [DataRow(Servers.PostgreSql)]
    [DataRow(Servers.MariaDb)]
    public async Task An_added_terminal_authenticates_with_the_key_pasted_into_terminal_config(string provider)
    {
        var connectionString = await Servers.NewDatabaseAsync(provider);

        var (status, output, errors) = await RunAsync(TerminalsCommand.RunAsync, provider, connectionString, "add", "room-2.14", "Sala 2.14");

        Assert.AreEqual(0, status, errors);
        var settings = ParseConfig(output);
        Assert.AreEqual("room-2.14", settings.TerminalId);
        Assert.AreEqual(43, settings.TerminalKey.Length, "32 random bytes as base64url");
        await using var server = await RunningServer.StartAsync(provider, connectionString);
        await using var client = await LineClient.ConnectAsync(server.Port);
        // The bytes the board uses as its key (TerminalComponents: the text's UTF-8 bytes).
        Assert.AreEqual("OK", await client.AuthenticateAsync(settings.TerminalId, HexText.FromBytes(Encoding.UTF8.GetBytes(settings.TerminalKey))));
    }

    [TestMethod]
    public async Task Rotate_replaces_the_key_remove_ends_it_and_list_never_shows_keys()
    {
        var connectionString = Servers.NewSqliteConnectionString();
        var first = ParseConfig((await RunAsync(TerminalsCommand.RunAsync, Servers.Sqlite, connectionString, "add", "T07")).Output);
        var other = ParseConfig((await RunAsync(TerminalsCommand.RunAsync, Servers.Sqlite, connectionString, "add", "T08", "Biblioteca")).Output);
        Assert.AreNotEqual(first.TerminalKey, other.TerminalKey);

        var again = await RunAsync(TerminalsCommand.RunAsync, Servers.Sqlite, connectionString, "add", "T07");
        Assert.AreEqual(1, again.Status);
        StringAssert.Contains(again.Errors, "T07 already exists; `terminals rotate T07`");

        var rotated = await RunAsync(TerminalsCommand.RunAsync, Servers.Sqlite, connectionString, "rotate", "T07");
        Assert.AreEqual(0, rotated.Status, rotated.Errors);
        var second = ParseConfig(rotated.Output);
        Assert.AreNotEqual(first.TerminalKey, second.TerminalKey);

        await using (var server = await RunningServer.StartAsync(Servers.Sqlite, connectionString))
        {
            Assert.AreEqual("ERRO|autenticacao recusada", await AuthenticateAsync(server, first));
            Assert.AreEqual("OK", await AuthenticateAsync(server, second));
            Assert.AreEqual(0, (await RunAsync(TerminalsCommand.RunAsync, Servers.Sqlite, connectionString, "remove", "T07")).Status);
            Assert.AreEqual("ERRO|autenticacao recusada", await AuthenticateAsync(server, second), "keys are not cached: a removal takes effect at once");
        }

        var list = await RunAsync(TerminalsCommand.RunAsync, Servers.Sqlite, connectionString, "list");
        Assert.AreEqual(0, list.Status, list.Errors);
        StringAssert.Contains(list.Output, "T08  Biblioteca");
        StringAssert.Contains(list.Output, "terminals: 1 terminal");
        Assert.DoesNotContain("T07", list.Output);
        Assert.DoesNotContain(other.TerminalKey, list.Output);
        Assert.DoesNotContain(HexText.FromBytes(Encoding.UTF8.GetBytes(other.TerminalKey)), list.Output);

        var missing = await RunAsync(TerminalsCommand.RunAsync, Servers.Sqlite, connectionString, "rotate", "T99");
        Assert.AreEqual(1, missing.Status);
        StringAssert.Contains(missing.Errors, "no terminal T99");
    }

    [TestMethod]
    [DataRow("add", "room 2")]
    [DataRow("add", "T|1")]
    [DataRow("add", "T0123456789012345678901234567890123")]
    [DataRow("frobnicate", "T01")]
    public async Task Bad_terminal_commands_are_explained(string verb, string id)
    {
        var (status, _, errors) = await RunAsync(TerminalsCommand.RunAsync, Servers.Sqlite, Servers.NewSqliteConnectionString(), verb, id);

        Assert.AreEqual(2, status);
        StringAssert.Contains(errors, verb == "add" ? "terminals: the id '" + id + "'" : "usage: terminals add");
    }

    [TestMethod]
    public async Task A_server_started_with_the_shipped_settings_has_no_demo_data()
    {
        var connectionString = Servers.NewSqliteConnectionString();

        await using (await RunningServer.StartAsync(Servers.Sqlite, connectionString))
        {
        }

        var list = await RunAsync(TerminalsCommand.RunAsync, Servers.Sqlite, connectionString, "list");
        StringAssert.Contains(list.Output, "terminals: 0 terminals");
    }

    [TestMethod]
    public void The_demo_switch_means_demo_data_on_loopback_and_a_later_bind_address_still_wins()
    {
        CollectionAssert.AreEqual(new[] { "--Lookup:BindAddress=127.0.0.1", "--Lookup:Database:SampleData=true", "--Lookup:Port=0" },
            LookupServerApp.ExpandDemoSwitch(["--demo", "--Lookup:Port=0"]));
        CollectionAssert.AreEqual(new[] { "--Lookup:Port=0" }, LookupServerApp.ExpandDemoSwitch(["--Lookup:Port=0"]));
        Assert.IsTrue(LookupServerApp.IsLoopback("127.0.0.1"));
        Assert.IsTrue(LookupServerApp.IsLoopback("::1"));
        Assert.IsTrue(LookupServerApp.IsLoopback("localhost"));
        Assert.IsFalse(LookupServerApp.IsLoopback("0.0.0.0"));
        Assert.IsFalse(LookupServerApp.IsLoopback("192.168.1.10"));
    }

    [TestMethod]
    public async Task Demo_data_is_refused_on_a_server_listening_beyond_loopback()
    {
        var connectionString = Servers.NewSqliteConnectionString();
        var builder = LookupServerApp.CreateBuilder(LookupServerApp.ExpandDemoSwitch(
            ["--demo", "--Lookup:BindAddress=0.0.0.0", "--Lookup:Port=0", "--Lookup:Database:ConnectionString=" + connectionString]));
        builder.Logging.ClearProviders();
        using var host = builder.Build();

        var refused = await Assert.ThrowsExactlyAsync<StartRefusedException>(() => LookupServerApp.PrepareDatabaseAsync(host.Services, CancellationToken.None));

        StringAssert.Contains(refused.Message, "only served on loopback, and Lookup:BindAddress is 0.0.0.0");
        var list = await RunAsync(TerminalsCommand.RunAsync, Servers.Sqlite, connectionString, "list");
        StringAssert.Contains(list.Output, "terminals: 0 terminals", "nothing was loaded");
    }

    [TestMethod]
    public async Task A_database_holding_the_public_demo_key_is_refused_beyond_loopback_until_demo_remove()
    {
        var connectionString = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, connectionString);
        var builder = LookupServerApp.CreateBuilder(["--Lookup:BindAddress=0.0.0.0", "--Lookup:Port=0", "--Lookup:Database:ConnectionString=" + connectionString]);
        builder.Logging.ClearProviders();
        using var host = builder.Build();

        var refused = await Assert.ThrowsExactlyAsync<StartRefusedException>(() => LookupServerApp.PrepareDatabaseAsync(host.Services, CancellationToken.None));
        StringAssert.Contains(refused.Message, "public demo key");
        StringAssert.Contains(refused.Message, "`demo remove`");

        Assert.AreEqual(0, (await RunAsync(DemoCommand.RunAsync, Servers.Sqlite, connectionString, "remove")).Status);
        await LookupServerApp.PrepareDatabaseAsync(host.Services, CancellationToken.None);
    }

    [TestMethod]
    [DataRow(Servers.Sqlite)]
    [DataRow(Servers.PostgreSql)]
    [DataRow(Servers.MariaDb)]
    public async Task Demo_remove_deletes_the_demo_rows_and_keeps_real_and_changed_ones(string provider)
    {
        var connectionString = await Servers.NewDatabaseAsync(provider);
        await RunningServer.SeedAsync(provider, connectionString);
        await using (var database = new LookupDatabase(new DatabaseOptions { Provider = provider, ConnectionString = connectionString }))
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            // A real student enrolled in a demo class keeps that class (and its course) alive; a renamed demo
            // student is no longer demo data; a real slot and teaching row stay.
            await ExecuteAsync(connection, "INSERT INTO students (code, name) VALUES ('R1', 'Real Student')");
            await ExecuteAsync(connection, "INSERT INTO enrolments (student_code, class_code, course_code, year, semester) VALUES ('R1', 'C101', 'ENG', 2026, 1)");
            await ExecuteAsync(connection, "UPDATE students SET name = 'Renamed' WHERE code = 'A2004'");
            await ExecuteAsync(connection, "INSERT INTO schedule_slots (id, weekday, start_time, end_time) VALUES (100, 1, '09:00', '10:00')");
            await ExecuteAsync(connection, "INSERT INTO professors (code, name, email) VALUES ('R9', 'Real Prof', 'real@example.edu')");
            await ExecuteAsync(connection, "INSERT INTO teaching (professor_code, class_code, slot_id) VALUES ('R9', 'C101', 100)");
        }

        var (status, output, errors) = await RunAsync(DemoCommand.RunAsync, provider, connectionString, "remove");

        Assert.AreEqual(0, status, errors);
        StringAssert.Contains(output, "1 terminals");
        await using (var database = new LookupDatabase(new DatabaseOptions { Provider = provider, ConnectionString = connectionString }))
        {
            var store = new SqlLookupStore(database);
            Assert.IsNull(await store.FindTerminalKeyHexAsync(SampleData.DemoTerminalId, CancellationToken.None));
            Assert.IsNull(await store.FindStudentNameAsync("A2001", CancellationToken.None));
            Assert.IsNull(await store.FindProfessorNameAsync("P1001", CancellationToken.None));
            Assert.IsNull(await store.FindClassNameAsync("C100", CancellationToken.None));
            Assert.IsNull(await store.FindCourseNameAsync("GES", CancellationToken.None));
            Assert.AreEqual("Renamed", await store.FindStudentNameAsync("A2004", CancellationToken.None));
            Assert.AreEqual("Real Student", await store.FindStudentNameAsync("R1", CancellationToken.None));
            Assert.AreEqual("Cálculo I", await store.FindClassNameAsync("C101", CancellationToken.None));
            Assert.AreEqual("Engenharia Informática", await store.FindCourseNameAsync("ENG", CancellationToken.None));
            Assert.AreEqual("C101", await store.FindClassAtAsync("R9", 1, "09:30", CancellationToken.None));
            Assert.IsTrue(await store.IsEnrolledAsync("R1", "C101", "ENG", 2026, 1, CancellationToken.None));
            Assert.IsNull(await store.FindClassAtAsync("P1001", 1, "09:00", CancellationToken.None));
        }

        var second = await RunAsync(DemoCommand.RunAsync, provider, connectionString, "remove");
        Assert.AreEqual(0, second.Status, second.Errors);
        StringAssert.Contains(second.Output, "no demo rows found");
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string?> AuthenticateAsync(RunningServer server, TerminalSettings settings)
    {
        await using var client = await LineClient.ConnectAsync(server.Port);
        return await client.AuthenticateAsync(settings.TerminalId, HexText.FromBytes(Encoding.UTF8.GetBytes(settings.TerminalKey)));
    }

    /// <summary>The command's terminal.id and terminal.key lines in a terminal.config the board's own parser reads.</summary>
    private static TerminalSettings ParseConfig(string output)
    {
        var lines = output.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.StartsWith("terminal.", StringComparison.Ordinal)).ToArray();
        Assert.HasCount(2, lines, output);
        return SettingsParser.Parse(string.Join("\n", lines.Concat(["board = esp32-poe-ethernet", "lookup.host = 127.0.0.1", "smtp.host = 127.0.0.1", "mail.from = t@example.edu"])));
    }

    private static async Task<(int Status, string Output, string Errors)> RunAsync(
        Func<string[], TextWriter, TextWriter, Task<int>> command, string provider, string connectionString, params string[] words)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var status = await command([.. words, "--Lookup:Database:Provider=" + provider, "--Lookup:Database:ConnectionString=" + connectionString], output, errors);
        return (status, output.ToString(), errors.ToString());
    }
}
