using Attendance.LookupServer.Storage;
using MySqlConnector;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// MariaDB done properly: chosen by name, the pool size, which errors are retried, the schema's MariaDB DDL, the
/// answer cache kept fresh by the version row the change triggers bump, and a server that is killed, or out of
/// connections for the server's user, answered <c>ERRO|servidor indisponivel</c> and then recovered from.
/// </summary>
[TestClass]
public class MariaDbTests
{
    [TestMethod]
    [DataRow("mariadb", "Server=db;Database=attendance;User ID=lookup")]
    [DataRow("MySQL", "Server=db;Port=3306;Database=attendance;User ID=lookup;Password=x")]
    [DataRow(" mariadb ", "Host=db;Database=attendance")]
    public void MariaDB_is_chosen_by_name_whatever_keywords_the_string_shares_with_PostgreSQL(string provider, string connectionString)
    {
        Assert.AreEqual(DatabaseProvider.MariaDb, LookupDatabase.ChooseProvider(new DatabaseOptions { Provider = provider, ConnectionString = connectionString }));
    }

    [TestMethod]
    [DataRow("mariadb", "Server=db", "must name the server and the database")]
    [DataRow("mariadb", "Database=attendance", "must name the server and the database")]
    [DataRow("mariadb", "Server=db;Database=x;Flavour=vanilla", "cannot be read by MariaDB")]
    [DataRow("firebird", "DataSource=db", "must name the database")]
    [DataRow("firebird", "DataSource=db;Database=x.fdb;Port=many", "cannot be read by Firebird")]
    [DataRow("", "Database=x;User ID=y", "mariadb and firebird are only chosen by name")]
    public void A_MariaDB_or_Firebird_string_that_cannot_work_is_a_clear_configuration_error(string provider, string connectionString, string expected)
    {
        var error = Assert.ThrowsExactly<DatabaseConfigurationException>(() =>
            LookupDatabase.ChooseProvider(new DatabaseOptions { Provider = provider, ConnectionString = connectionString }));

        StringAssert.Contains(error.Message, expected);
    }

    [TestMethod]
    [DataRow("Server=db;Database=a", 50, 50)]
    [DataRow("Server=db;Database=a;Maximum Pool Size=7", 50, 7)]
    [DataRow("Server=db;Database=a;MaxPoolSize=9", 20, 9)]
    [DataRow("Server=db;Database=a;Minimum Pool Size=80", 20, 20)]
    public async Task The_MariaDB_pool_size_is_the_connection_strings_else_the_setting(string connectionString, int setting, int expected)
    {
        await using var database = new LookupDatabase(new DatabaseOptions { Provider = "mariadb", ConnectionString = connectionString, MaximumPoolSize = setting });

        Assert.AreEqual(DatabaseProvider.MariaDb, database.Provider);
        Assert.AreEqual(expected, database.MaximumPoolSize);
    }

    [TestMethod]
    [DataRow(1040, true)] // too many connections
    [DataRow(1226, true)] // max_user_connections
    [DataRow(1205, true)] // lock wait timeout
    [DataRow(1213, true)] // deadlock
    [DataRow(1927, true)] // connection killed
    [DataRow(2013, true)] // lost connection during query
    [DataRow(1969, true)] // max_statement_time
    [DataRow(1064, false)] // syntax
    [DataRow(1146, false)] // no such table
    [DataRow(1045, false)] // access denied
    [DataRow(1062, false)] // duplicate key
    public void Which_MariaDB_errors_are_retried(int number, bool transient)
    {
        Assert.AreEqual(transient, TransientRetry.IsTransient(MariaDbError(number)));
    }

    [TestMethod]
    public void Text_key_columns_become_VARCHAR_on_MariaDB_and_the_other_text_columns_MEDIUMTEXT()
    {
        // Keys found anywhere in the migrations: a primary key, a composite one, a foreign key and its target, an
        // index created by a later statement (rolls.professor_code), UNIQUE.
        Assert.AreEqual("CREATE TABLE professors (code VARCHAR(255) PRIMARY KEY, name MEDIUMTEXT NOT NULL, email MEDIUMTEXT NOT NULL) "
            + "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin",
            SchemaMigrator.ForMariaDb("CREATE TABLE professors (code TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL)"));
        StringAssert.StartsWith(SchemaMigrator.ForMariaDb("CREATE TABLE portal_keys (name TEXT PRIMARY KEY, xml TEXT NOT NULL)"),
            "CREATE TABLE portal_keys (name VARCHAR(255) PRIMARY KEY, xml MEDIUMTEXT NOT NULL)");
        var rolls = SchemaMigrator.ForMariaDb("CREATE TABLE rolls (terminal_id TEXT NOT NULL, roll_id TEXT NOT NULL, professor_code TEXT NOT NULL, "
            + "key_fingerprint TEXT NOT NULL, verification_code TEXT NOT NULL UNIQUE, UNIQUE (terminal_id, roll_id))");
        StringAssert.Contains(rolls, "terminal_id VARCHAR(255) NOT NULL, roll_id VARCHAR(255) NOT NULL, professor_code VARCHAR(255) NOT NULL, "
            + "key_fingerprint MEDIUMTEXT NOT NULL, verification_code VARCHAR(255) NOT NULL UNIQUE");
        StringAssert.Contains(SchemaMigrator.ForMariaDb("CREATE TABLE enrolments (student_code TEXT NOT NULL REFERENCES students (code), other TEXT)"),
            "student_code VARCHAR(255) NOT NULL REFERENCES students (code), other MEDIUMTEXT");
        Assert.AreEqual("CREATE INDEX x ON t (a)", SchemaMigrator.ForMariaDb("CREATE INDEX x ON t (a)"));
    }

    [TestMethod]
    public async Task Instances_migrating_one_new_database_together_apply_each_migration_once()
    {
        // MariaDB commits DDL at once, so only the named lock keeps the second instance from creating a table twice.
        var connectionString = await Servers.NewDatabaseAsync(Servers.MariaDb);
        var databases = Enumerable.Range(0, 3).Select(_ => new LookupDatabase(new DatabaseOptions { Provider = "mariadb", ConnectionString = connectionString })).ToArray();
        try
        {
            var before = await Task.WhenAll(databases.Select(database => SchemaMigrator.MigrateAsync(database, CancellationToken.None)));

            Assert.AreEqual(1, before.Count(version => version == 0), string.Join(",", before));
            Assert.IsTrue(before.Where(version => version != 0).All(version => version == SchemaMigrator.LatestVersion), string.Join(",", before));
            Assert.AreEqual(SchemaMigrator.LatestVersion, await ScalarAsync(connectionString, "SELECT COUNT(*) FROM schema_version"));
            Assert.AreEqual(SchemaMigrator.LatestVersion, await ScalarAsync(connectionString, "SELECT COUNT(DISTINCT version) FROM schema_version"));
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    [TestMethod]
    public async Task Codes_differ_by_case_and_trailing_spaces_as_on_the_other_engines()
    {
        // MariaDB's default collations ignore case and trailing spaces; the schema's utf8mb4_nopad_bin does not.
        var connectionString = await Servers.NewDatabaseAsync(Servers.MariaDb);
        await RunningServer.SeedAsync(Servers.MariaDb, connectionString);
        await ExecuteAsync(connectionString, "INSERT INTO students (code, name) VALUES ('a2001', 'Minúscula'), ('A2001 ', 'Com espaço')", 2);
        await using var server = await RunningServer.StartAsync(Servers.MariaDb, connectionString);
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);

        CollectionAssert.AreEqual(new[] { "João Conceição", "Minúscula", "Com espaço" }, await client.AskAsync("NOMEALUNO|A2001", "NOMEALUNO|a2001", "NOMEALUNO|" + Core.Lookup.LookupFieldCodec.Escape("A2001 ")));
    }

    [TestMethod]
    public async Task The_answer_cache_sees_an_update_an_import_and_a_delete_made_through_other_connections()
    {
        var connectionString = await Servers.NewDatabaseAsync(Servers.MariaDb);
        await RunningServer.SeedAsync(Servers.MariaDb, connectionString);
        await using var server = await RunningServer.StartAsync(Servers.MariaDb, connectionString, null, "Cache:CheckIntervalMilliseconds=0");
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        var questions = new[] { "NOMEALUNO|A2001", "NOMEALUNO|B77", "MATRICULADO|B77|C101|ENG|2026|3" };
        CollectionAssert.AreEqual(new[] { "João Conceição", "NAOEHALUNO", "NAOMATRICULADO" }, await client.AskAsync(questions));
        CollectionAssert.AreEqual(new[] { "João Conceição", "NAOEHALUNO", "NAOMATRICULADO" }, await client.AskAsync(questions));

        await ExecuteAsync(connectionString, "UPDATE students SET name = 'João Conceição Sá' WHERE code = 'A2001'", 1);
        CollectionAssert.AreEqual(new[] { "João Conceição Sá", "NAOEHALUNO", "NAOMATRICULADO" }, await client.AskAsync(questions));

        await CsvImport.SucceedsAsync(connectionString, "students", "code;name\nB77;Inês Gonçalves\n", Servers.MariaDb);
        await CsvImport.SucceedsAsync(connectionString, "enrolments", "student_code;class_code;course_code;year;semester\nB77;C101;ENG;2026;1\n", Servers.MariaDb);
        CollectionAssert.AreEqual(new[] { "João Conceição Sá", "Inês Gonçalves", "MATRICULADO" }, await client.AskAsync(questions));

        await ExecuteAsync(connectionString, "DELETE FROM enrolments WHERE student_code = 'B77'", 1);
        CollectionAssert.AreEqual(new[] { "João Conceição Sá", "Inês Gonçalves", "NAOMATRICULADO" }, await client.AskAsync(questions));
    }

    [TestMethod]
    public async Task A_rolled_back_change_leaves_the_cache_and_between_checks_answers_come_from_memory()
    {
        var connectionString = await Servers.NewDatabaseAsync(Servers.MariaDb);
        await RunningServer.SeedAsync(Servers.MariaDb, connectionString);
        var version = () => ScalarAsync(connectionString, "SELECT version FROM " + SchemaMigrator.MariaDbVersionTable);
        var before = await version();
        await using (var connection = new MySqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = new MySqlCommand("UPDATE students SET name = 'Outro' WHERE code = 'A2001'", connection, transaction);
            await command.ExecuteNonQueryAsync();
            await transaction.RollbackAsync();
        }

        Assert.AreEqual(before, await version(), "a rolled-back write must not move the version");
        await ExecuteAsync(connectionString, "UPDATE students SET name = 'Outro' WHERE code = 'A2002'", 1);
        Assert.AreNotEqual(before, await version(), "a committed write moves the version");

        await using var server = await RunningServer.StartAsync(Servers.MariaDb, connectionString, null, "Cache:CheckIntervalMilliseconds=3600000");
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        CollectionAssert.AreEqual(new[] { "João Conceição" }, await client.AskAsync("NOMEALUNO|A2001"));
        await ExecuteAsync(connectionString, "UPDATE students SET name = 'Outro Nome' WHERE code = 'A2001'", 1);
        CollectionAssert.AreEqual(new[] { "João Conceição" }, await client.AskAsync("NOMEALUNO|A2001"));
    }

    [TestMethod]
    public async Task A_killed_MariaDB_gets_the_passing_error_and_the_restarted_one_the_answers()
    {
        // A server of its own: the shared one serves the other test classes meanwhile.
        var mariaDb = MariaDbServer.Start();
        try
        {
            if (!mariaDb.OwnProcess)
            {
                Assert.Inconclusive("ATTENDANCE_MARIADB_CONNECTION names a server these tests do not own, so they do not kill it");
            }

            var connectionString = mariaDb.CreateDatabase();
            await RunningServer.SeedAsync(Servers.MariaDb, connectionString);
            await using var server = await RunningServer.StartAsync(Servers.MariaDb, connectionString, null,
                "Database:TransientRetries=2", "Database:TransientRetryDelayMilliseconds=10", "Cache:MaximumEntries=0");
            await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
            CollectionAssert.AreEqual(new[] { "João Conceição" }, await client.AskAsync("NOMEALUNO|A2001"));

            mariaDb.Kill();
            CollectionAssert.AreEqual(new[] { "ERRO|servidor indisponivel", "ERRO|servidor indisponivel" },
                await client.AskAsync("NOMEALUNO|A2001", "MATRICULADO|A2001|C101|ENG|2026|11"));

            mariaDb.Restart();
            // The pool's connections died with the server; the first try on one of them fails and is retried.
            CollectionAssert.AreEqual(new[] { "João Conceição", "MATRICULADO" }, await client.AskAsync("NOMEALUNO|A2001", "MATRICULADO|A2001|C101|ENG|2026|11"));
        }
        finally
        {
            mariaDb.Dispose();
        }
    }

    [TestMethod]
    public async Task Out_of_user_connections_AUTENTICAR_and_queries_get_a_passing_error_then_recover()
    {
        var mariaDb = await Servers.MariaDbAsync();
        var connectionString = mariaDb.CreateDatabase(maximumUserConnections: 2);
        await RunningServer.SeedAsync(Servers.MariaDb, connectionString);
        MySqlConnection.ClearAllPools();
        await using var server = await RunningServer.StartAsync(Servers.MariaDb, connectionString, null,
            "Database:MaximumPoolSize=2", "Database:TransientRetries=2", "Database:TransientRetryDelayMilliseconds=10", "Cache:MaximumEntries=0");
        var user = new MySqlConnectionStringBuilder(connectionString).UserID;

        // The server's pooled connections are ended, and two of the user's own take its whole allowance (1226).
        foreach (var id in await IdsAsync(mariaDb, user))
        {
            mariaDb.Execute("KILL CONNECTION " + id);
        }

        var held = new List<MySqlConnection>();
        var unpooled = new MySqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (held.Count < 2)
        {
            var connection = new MySqlConnection(unpooled);
            try
            {
                await connection.OpenAsync();
                held.Add(connection);
            }
            catch (MySqlException exception) when (exception.Number == 1226 && DateTime.UtcNow < deadline)
            {
                await connection.DisposeAsync();
                await Task.Delay(20);
            }
        }

        await using (var client = await LineClient.ConnectAsync(server.Port))
        {
            Assert.AreEqual("ERRO|servidor indisponivel", await client.AuthenticateAsync(TestData.TerminalId, TestData.TerminalKeyHex));
        }

        foreach (var connection in held)
        {
            await connection.DisposeAsync();
        }

        await using var recovered = await LineClient.ConnectAuthenticatedAsync(server.Port);
        CollectionAssert.AreEqual(new[] { "João Conceição", "conceicao.araujo@example.edu" }, await recovered.AskAsync("NOMEALUNO|A2001", "EHPROFESSOR|P1001"));
    }

    private static MySqlException MariaDbError(int number)
    {
        // MySqlException has no public constructor: the server's error packet is what creates one.
        var create = typeof(MySqlException).GetConstructors(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)
            .First(constructor => constructor.GetParameters().Select(p => p.ParameterType).SequenceEqual(new[] { typeof(MySqlErrorCode), typeof(string), typeof(string) }));
        return (MySqlException)create.Invoke([(MySqlErrorCode)number, "HY000", "test"]);
    }

    private static async Task<List<long>> IdsAsync(MariaDbServer mariaDb, string user)
    {
        var ids = new List<long>();
        await using var connection = new MySqlConnection(mariaDb.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT id FROM information_schema.processlist WHERE user = @user", connection);
        command.Parameters.AddWithValue("@user", user);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }

        return ids;
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, int rows)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        Assert.AreEqual(rows, await command.ExecuteNonQueryAsync());
    }
}
