using System.Text;
using Attendance.LookupServer.Import;
using Attendance.LookupServer.Storage;
using Npgsql;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// PostgreSQL done properly: the provider chosen by the connection string, the pool size, transient failures
/// (connections exhausted, then released) retried and never answered as a refused key, and the answer cache kept
/// fresh by the change triggers' notifications.
/// </summary>
[TestClass]
public class PostgreSqlTests
{
    private static int _roles;

    [TestMethod]
    [DataRow("", "Host=db;Database=attendance;Username=attendance", DatabaseProvider.PostgreSql)]
    [DataRow("", "Server=db;Database=attendance", DatabaseProvider.PostgreSql)]
    [DataRow("", "host=db", DatabaseProvider.PostgreSql)]
    [DataRow("", "Data Source=lookup.db", DatabaseProvider.Sqlite)]
    [DataRow("", "DataSource=lookup.db;Mode=ReadWrite", DatabaseProvider.Sqlite)]
    [DataRow("", "Filename=lookup.db", DatabaseProvider.Sqlite)]
    [DataRow("sqlite", "Data Source=lookup.db", DatabaseProvider.Sqlite)]
    [DataRow("PostgreSQL", "Host=db", DatabaseProvider.PostgreSql)]
    [DataRow(" postgres ", "Host=db", DatabaseProvider.PostgreSql)]
    public void The_provider_is_the_named_one_or_the_connection_strings(string provider, string connectionString, DatabaseProvider expected)
    {
        Assert.AreEqual(expected, LookupDatabase.ChooseProvider(new DatabaseOptions { Provider = provider, ConnectionString = connectionString }));
    }

    [TestMethod]
    [DataRow("sqlite", "Host=127.0.0.1;Database=x", "is 'sqlite' but the connection string is a PostgreSQL one")]
    [DataRow("postgresql", "Data Source=lookup.db", "is 'postgresql' but the connection string is a SQLite one")]
    [DataRow("", "Database=x;Username=y", "does not say which database")]
    [DataRow("", "Host=db;Data Source=x.db", "both Host and Data Source")]
    [DataRow("oracle", "Host=db", "must be sqlite, postgresql, mariadb, mysql, firebird or empty")]
    [DataRow("postgresql", "Host=db;Flavour=vanilla", "cannot be read by PostgreSQL")]
    public void A_provider_that_cannot_read_the_connection_string_is_a_clear_configuration_error(string provider, string connectionString, string expected)
    {
        var error = Assert.ThrowsExactly<DatabaseConfigurationException>(() =>
            LookupDatabase.ChooseProvider(new DatabaseOptions { Provider = provider, ConnectionString = connectionString }));

        StringAssert.Contains(error.Message, expected);
    }

    [TestMethod]
    [DataRow("Host=db", 50, 50)]
    [DataRow("Host=db", 20, 20)]
    [DataRow("Host=db;Maximum Pool Size=7", 50, 7)]
    [DataRow("Host=db;maximum pool size=9", 20, 9)]
    [DataRow("Host=db;MaxPoolSize=11", 20, 11)]
    [DataRow("Host=db;Minimum Pool Size=80", 20, 20)]
    public async Task The_pool_size_is_the_connection_strings_else_the_setting(string connectionString, int setting, int expected)
    {
        await using var database = new LookupDatabase(new DatabaseOptions { ConnectionString = connectionString, MaximumPoolSize = setting });

        Assert.AreEqual(expected, database.MaximumPoolSize);
    }

    [TestMethod]
    public void The_default_pool_leaves_room_below_PostgreSQLs_default_max_connections()
    {
        // max_connections 100 minus 3 reserved for superusers: one instance's pool and its cache listener leave
        // room for an import, psql and monitoring.
        var options = new LookupServerOptions().Database;
        Assert.IsTrue(options.MaximumPoolSize + 1 <= 100 - 3 - 10, options.MaximumPoolSize.ToString());
        Assert.AreEqual("", options.Provider, "the default chooses by the connection string");
    }

    [TestMethod]
    [DataRow("53300", true)]
    [DataRow("40001", true)]
    [DataRow("40P01", true)]
    [DataRow("57P01", true)]
    [DataRow("57P03", true)]
    [DataRow("08006", true)]
    [DataRow("42P01", false)]
    [DataRow("28P01", false)]
    [DataRow("23505", false)]
    public void Which_PostgreSQL_errors_are_retried(string sqlState, bool transient)
    {
        Assert.AreEqual(transient, TransientRetry.IsTransient(new PostgresException("test", "FATAL", "FATAL", sqlState)));
    }

    [TestMethod]
    public async Task The_answer_cache_sees_an_update_and_an_import_made_through_other_connections()
    {
        var connectionString = await Servers.NewDatabaseAsync(Servers.PostgreSql);
        await RunningServer.SeedAsync(Servers.PostgreSql, connectionString);
        await using var server = await RunningServer.StartAsync(Servers.PostgreSql, connectionString, null, "Cache:CheckIntervalMilliseconds=0");
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        var questions = new[] { "NOMEALUNO|A2001", "NOMEALUNO|B77", "MATRICULADO|B77|C101|ENG|2026|3" };
        CollectionAssert.AreEqual(new[] { "João Conceição", "NAOEHALUNO", "NAOMATRICULADO" }, await client.AskAsync(questions));
        CollectionAssert.AreEqual(new[] { "João Conceição", "NAOEHALUNO", "NAOMATRICULADO" }, await client.AskAsync(questions));

        await ExecuteAsync(connectionString, "UPDATE students SET name = 'João Conceição Sá' WHERE code = 'A2001'");
        CollectionAssert.AreEqual(new[] { "João Conceição Sá", "NAOEHALUNO", "NAOMATRICULADO" }, await client.AskAsync(questions));

        await ImportAsync(connectionString, "students", "code;name\nB77;Inês Gonçalves\n");
        await ImportAsync(connectionString, "enrolments", "student_code;class_code;course_code;year;semester\nB77;C101;ENG;2026;1\n");
        CollectionAssert.AreEqual(new[] { "João Conceição Sá", "Inês Gonçalves", "MATRICULADO" }, await client.AskAsync(questions));

        await ExecuteAsync(connectionString, "DELETE FROM enrolments WHERE student_code = 'B77'");
        CollectionAssert.AreEqual(new[] { "João Conceição Sá", "Inês Gonçalves", "NAOMATRICULADO" }, await client.AskAsync(questions));
    }

    [TestMethod]
    public async Task On_PostgreSQL_between_checks_the_answer_comes_from_memory()
    {
        // With an hour between checks the second answer cannot come from the database: the cache really holds
        // answers on PostgreSQL (it did not before the change triggers).
        var connectionString = await Servers.NewDatabaseAsync(Servers.PostgreSql);
        await RunningServer.SeedAsync(Servers.PostgreSql, connectionString);
        await using var server = await RunningServer.StartAsync(Servers.PostgreSql, connectionString, null, "Cache:CheckIntervalMilliseconds=3600000");
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        CollectionAssert.AreEqual(new[] { "João Conceição" }, await client.AskAsync("NOMEALUNO|A2001"));

        await ExecuteAsync(connectionString, "UPDATE students SET name = 'Outro Nome' WHERE code = 'A2001'");

        CollectionAssert.AreEqual(new[] { "João Conceição" }, await client.AskAsync("NOMEALUNO|A2001"));
    }

    [TestMethod]
    public async Task A_cached_answer_is_dropped_by_the_next_check_after_a_commit()
    {
        // The default check interval (20 ms): the change is seen within a bound, without the test waiting on
        // anything but the answers.
        var connectionString = await Servers.NewDatabaseAsync(Servers.PostgreSql);
        await RunningServer.SeedAsync(Servers.PostgreSql, connectionString);
        await using var server = await RunningServer.StartAsync(Servers.PostgreSql, connectionString);
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        CollectionAssert.AreEqual(new[] { "Ñandú Müller" }, await client.AskAsync("NOMEALUNO|A2002"));

        await ExecuteAsync(connectionString, "UPDATE students SET name = 'Ñandú Müller Sá' WHERE code = 'A2002'");
        await Task.Delay(60);

        CollectionAssert.AreEqual(new[] { "Ñandú Müller Sá" }, await client.AskAsync("NOMEALUNO|A2002"));
    }

    [TestMethod]
    public async Task Out_of_connections_AUTENTICAR_and_the_queries_behind_it_get_a_passing_error_then_recover()
    {
        var cluster = await Servers.ClusterAsync();
        var role = NewRole();
        var connectionString = cluster.CreateOwnedDatabase(role, 2);
        await RunningServer.SeedAsync(Servers.PostgreSql, connectionString);
        await using var server = await RunningServer.StartAsync(Servers.PostgreSql, connectionString, null,
            "Database:MaximumPoolSize=2", "Database:TransientRetries=2", "Database:TransientRetryDelayMilliseconds=10", "Cache:MaximumEntries=0");

        var held = await HoldAllConnectionsAsync(cluster, role, connectionString, 2);
        await using (var client = await LineClient.ConnectAsync(server.Port))
        {
            Assert.AreEqual("ERRO|servidor indisponivel", await client.AuthenticateAsync(TestData.TerminalId, TestData.TerminalKeyHex));
            CollectionAssert.AreEqual(new[] { "ERRO|servidor indisponivel", "ERRO|servidor indisponivel" },
                await client.AskAsync("NOMEALUNO|A2001", "EHPROFESSOR|P1001"));
        }

        foreach (var connection in held)
        {
            await connection.DisposeAsync();
        }

        await using var recovered = await LineClient.ConnectAuthenticatedAsync(server.Port);
        CollectionAssert.AreEqual(new[] { "João Conceição", "conceicao.araujo@example.edu" }, await recovered.AskAsync("NOMEALUNO|A2001", "EHPROFESSOR|P1001"));
    }

    [TestMethod]
    public async Task Connections_released_during_the_retries_give_the_right_answers()
    {
        var cluster = await Servers.ClusterAsync();
        var role = NewRole();
        var connectionString = cluster.CreateOwnedDatabase(role, 2);
        await RunningServer.SeedAsync(Servers.PostgreSql, connectionString);
        var logs = new CapturingLoggerProvider();
        await using var server = await RunningServer.StartAsync(Servers.PostgreSql, connectionString, logs,
            "Database:MaximumPoolSize=2", "Database:TransientRetries=8", "Database:TransientRetryDelayMilliseconds=100", "Cache:MaximumEntries=0");
        var held = await HoldAllConnectionsAsync(cluster, role, connectionString, 2);
        await using var client = await LineClient.ConnectAsync(server.Port);
        var greeting = await client.ReadLineAsync();
        var nonce = greeting!.Split('|')[2];
        var proof = Attendance.Core.Lookup.LookupAuthentication.ComputeProof(Attendance.Core.Security.HexText.ToBytes(TestData.TerminalKeyHex), nonce, TestData.TerminalId);
        await client.SendAsync("AUTENTICAR|" + TestData.TerminalId + "|" + proof, "NOMEALUNO|A2003");

        // Released once the server is known to be retrying after PostgreSQL refused a connection (53300): the
        // retry, not luck, must bring the answer.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!logs.Lines.Any(line => line.Contains("(53300", StringComparison.Ordinal)))
        {
            Assert.IsTrue(DateTime.UtcNow < deadline, "no retry was logged:\n" + string.Join("\n", logs.Lines));
            await Task.Delay(5);
        }

        foreach (var connection in held)
        {
            await connection.DisposeAsync();
        }

        Assert.AreEqual("OK", await client.ReadLineAsync());
        Assert.AreEqual("Maria da Graça Gonçalves", await client.ReadLineAsync());
    }

    [TestMethod]
    public async Task A_pool_of_two_serves_forty_concurrent_terminals_without_errors()
    {
        // More requests than pooled connections wait for one (Npgsql's pool), they are not refused.
        var connectionString = await Servers.NewDatabaseAsync(Servers.PostgreSql);
        await RunningServer.SeedAsync(Servers.PostgreSql, connectionString);
        await using var server = await RunningServer.StartAsync(Servers.PostgreSql, connectionString, null, "Database:MaximumPoolSize=2", "Cache:MaximumEntries=0");
        var questions = Enumerable.Range(0, 25).SelectMany(_ => new[] { "NOMEALUNO|A2004", "MATRICULADO|A2001|C101|ENG|2026|3" }).ToArray();

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
            return await client.AskAsync(questions);
        }));

        foreach (var terminal in answers)
        {
            for (var i = 0; i < terminal.Length; i += 2)
            {
                Assert.AreEqual("Zoë Brontë Açores", terminal[i]);
                Assert.AreEqual("MATRICULADO", terminal[i + 1]);
            }
        }
    }

    private static string NewRole() => "lookup_limited_" + Environment.ProcessId + "_" + Interlocked.Increment(ref _roles);

    /// <summary>
    /// Ends the role's connections (the server's pooled ones) and opens <paramref name="limit"/> of its own, so that
    /// every further connection of the role is refused with 53300 until they are closed.
    /// </summary>
    private static async Task<List<NpgsqlConnection>> HoldAllConnectionsAsync(PostgresCluster cluster, string role, string connectionString, int limit)
    {
        cluster.Execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        var held = new List<NpgsqlConnection>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (held.Count < limit)
        {
            var connection = new NpgsqlConnection(unpooled);
            try
            {
                await connection.OpenAsync();
                held.Add(connection);
            }
            catch (PostgresException exception) when (exception.SqlState == "53300" && DateTime.UtcNow < deadline)
            {
                // Terminated backends leave a moment after pg_terminate_backend returns.
                await connection.DisposeAsync();
                await Task.Delay(20);
            }
        }

        return held;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.AreEqual(1, await command.ExecuteNonQueryAsync());
    }

    private static Task ImportAsync(string connectionString, string table, string csv) => CsvImport.SucceedsAsync(connectionString, table, csv);
}
