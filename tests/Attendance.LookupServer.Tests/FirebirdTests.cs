using Attendance.LookupServer.Storage;
using FirebirdSql.Data.FirebirdClient;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// Firebird 3 (a private server of Debian's firebird3.0-server, <see cref="FirebirdServer"/>): chosen by name, the
/// pool size, lookups with named parameters that keep injection text as data, a killed server answered as
/// unavailable after the retries and a restarted one answered again, and a server start on Firebird refused with
/// a message saying where the server's own schema goes. The lookups read tables shaped like our schema's (in
/// Firebird DDL: YEAR and POSITION are reserved words there, so our schema as such is not Firebird's); the
/// institution's schema is read through the configured statements (issue 15's mapping).
/// </summary>
[TestClass]
public class FirebirdTests
{
    private static string? _connectionString;

    [ClassInitialize]
    public static async Task CreateDatabase(TestContext context)
    {
        // The run's one Firebird server (Servers), shared with the conformance suite; the killed one is private.
        _connectionString = (await Servers.FirebirdAsync()).CreateDatabase();
        FirebirdServer.Execute(_connectionString,
            "CREATE TABLE professors (code VARCHAR(64) NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, email VARCHAR(200) NOT NULL)",
            "CREATE TABLE students (code VARCHAR(64) NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL)",
            "CREATE TABLE courses (code VARCHAR(64) NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL)",
            "CREATE TABLE classes (code VARCHAR(64) NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, course_code VARCHAR(64) NOT NULL REFERENCES courses (code))",
            "CREATE TABLE terminals (id VARCHAR(64) NOT NULL PRIMARY KEY, key_hex VARCHAR(128) NOT NULL, description VARCHAR(200))",
            "INSERT INTO professors (code, name, email) VALUES ('P1001', 'Conceição Araújo', 'conceicao.araujo@example.edu')",
            "INSERT INTO students (code, name) VALUES ('A2001', 'João Conceição')",
            "INSERT INTO students (code, name) VALUES ('a2001', 'Minúscula')",
            "INSERT INTO courses (code, name) VALUES ('ENG', 'Engenharia Informática')",
            "INSERT INTO classes (code, name, course_code) VALUES ('C102', 'Álgebra Linear', 'ENG')",
            "INSERT INTO terminals (id, key_hex) VALUES ('T01', '00112233')");
    }

    [TestMethod]
    [DataRow("firebird", "DataSource=db;Database=/var/lib/firebird/3.0/data/academico.fdb;User=LEITOR;Password=x")]
    [DataRow("Firebird", "Data Source=db;Port=3050;Database=academico;User=LEITOR;Password=x")]
    [DataRow("firebird", "Server=db;Database=academico")]
    public void Firebird_is_chosen_by_name_whatever_keywords_the_string_shares_with_the_others(string provider, string connectionString)
    {
        Assert.AreEqual(DatabaseProvider.Firebird, LookupDatabase.ChooseProvider(new DatabaseOptions { Provider = provider, ConnectionString = connectionString }));
    }

    [TestMethod]
    [DataRow("DataSource=db;Database=a", 50, 50)]
    [DataRow("DataSource=db;Database=a;MaxPoolSize=7", 50, 7)]
    [DataRow("DataSource=db;Database=a;Max Pool Size=9", 20, 9)]
    [DataRow("DataSource=db;Database=a;MinPoolSize=80", 20, 20)]
    public async Task The_Firebird_pool_size_is_the_connection_strings_else_the_setting(string connectionString, int setting, int expected)
    {
        await using var database = new LookupDatabase(new DatabaseOptions { Provider = "firebird", ConnectionString = connectionString, MaximumPoolSize = setting });

        Assert.AreEqual(expected, database.MaximumPoolSize);
    }

    [TestMethod]
    public async Task Lookups_with_named_parameters_answer_exactly_and_keep_injection_text_as_data()
    {
        await using var database = new LookupDatabase(new DatabaseOptions { Provider = "firebird", ConnectionString = _connectionString! });
        using var store = new SqlLookupStore(database);
        var none = CancellationToken.None;

        Assert.AreEqual("conceicao.araujo@example.edu", await store.FindProfessorEmailAsync("P1001", none));
        Assert.AreEqual("Conceição Araújo", await store.FindProfessorNameAsync("P1001", none));
        Assert.AreEqual("João Conceição", await store.FindStudentNameAsync("A2001", none));
        Assert.AreEqual("Minúscula", await store.FindStudentNameAsync("a2001", none));
        // Firebird compares text with PAD SPACE even for VARCHAR (the SQL standard's rule), so "A2001 " would find
        // A2001 there; SqlLookupStore answers such a code as not found, as SQLite, PostgreSQL and MariaDB do.
        Assert.IsNull(await store.FindStudentNameAsync("A2001 ", none));
        Assert.AreEqual(1L, (long)(await FirebirdScalar("SELECT COUNT(*) FROM students WHERE code = 'A2001 '"))!, "the server itself pads");
        Assert.AreEqual("ENG", await store.FindCourseOfClassAsync("C102", none));
        Assert.AreEqual("Engenharia Informática", await store.FindCourseNameAsync("ENG", none));
        Assert.AreEqual("Álgebra Linear", await store.FindClassNameAsync("C102", none));
        Assert.AreEqual("00112233", await store.FindTerminalKeyHexAsync("T01", none));
        var names = await store.FindStudentNamesAsync(["A2001", "B9"], none);
        Assert.AreEqual("João Conceição", names["A2001"]);
        Assert.IsNull(names["B9"]);

        string[] attacks = ["' OR '1'='1", "x'; DROP TABLE students; --", "A2001' --", "\\' OR 1=1 -- ", "A2001' UNION SELECT name FROM students --", "%"];
        foreach (var attack in attacks)
        {
            Assert.IsNull(await store.FindProfessorEmailAsync(attack, none), attack);
            Assert.IsNull(await store.FindProfessorNameAsync(attack, none), attack);
            Assert.IsNull(await store.FindStudentNameAsync(attack, none), attack);
            Assert.IsNull(await store.FindCourseOfClassAsync(attack, none), attack);
            Assert.IsNull(await store.FindCourseNameAsync(attack, none), attack);
            Assert.IsNull(await store.FindClassNameAsync(attack, none), attack);
            Assert.IsNull(await store.FindTerminalKeyHexAsync(attack, none), attack);
        }

        Assert.AreEqual("João Conceição", await store.FindStudentNameAsync("A2001", none), "the tables are intact");
    }

    private static async Task<object?> FirebirdScalar(string text)
    {
        await using var connection = new FbConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new FbCommand(text, connection);
        return await command.ExecuteScalarAsync();
    }

    [TestMethod]
    public async Task More_lookups_at_once_than_the_pool_has_connections_wait_for_one()
    {
        // FirebirdClient's own pool refuses ("Connection pool is full") where Npgsql's waits; LookupDatabase waits.
        var pooled = new FbConnectionStringBuilder(_connectionString) { MaxPoolSize = 2 }.ConnectionString;
        await using var database = new LookupDatabase(new DatabaseOptions { Provider = "firebird", ConnectionString = pooled });
        using var store = new SqlLookupStore(database);

        var names = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => Task.Run(() => store.FindStudentNameAsync("A2001", CancellationToken.None))));

        Assert.AreEqual(2, database.MaximumPoolSize);
        CollectionAssert.AreEqual(Enumerable.Repeat<string?>("João Conceição", 60).ToArray(), names);
    }

    [TestMethod]
    public async Task A_read_only_user_is_enough_for_the_lookups_and_cannot_write()
    {
        // As server/README.md ("Firebird") recommends: a user with SELECT on the tables the lookups read, nothing more.
        var user = "READER_" + Environment.ProcessId;
        FirebirdServer.Execute(_connectionString!, "CREATE USER " + user + " PASSWORD 'reader1'", "GRANT SELECT ON students TO USER " + user);
        try
        {
            var reader = new FbConnectionStringBuilder(_connectionString) { UserID = user, Password = "reader1" }.ConnectionString;
            await using var database = new LookupDatabase(new DatabaseOptions { Provider = "firebird", ConnectionString = reader });
            using var store = new SqlLookupStore(database);

            Assert.AreEqual("João Conceição", await store.FindStudentNameAsync("A2001", CancellationToken.None));
            var refused = Assert.ThrowsExactly<FbException>(() => FirebirdServer.Execute(reader, "UPDATE students SET name = 'x' WHERE code = 'A2001'"));
            Assert.IsFalse(TransientRetry.IsTransient(refused), "no permission is not a passing failure: " + refused.Message);
            Assert.AreEqual("João Conceição", await store.FindStudentNameAsync("A2001", CancellationToken.None));
        }
        finally
        {
            FbConnection.ClearAllPools();
            FirebirdServer.Execute(_connectionString!, "DROP USER " + user);
        }
    }

    [TestMethod]
    public async Task A_killed_Firebird_is_unavailable_after_the_retries_and_the_restarted_one_answers()
    {
        using var firebird = FirebirdServer.Start();
        var connectionString = firebird.CreateDatabase();
        FirebirdServer.Execute(connectionString,
            "CREATE TABLE students (code VARCHAR(64) NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL)",
            "INSERT INTO students (code, name) VALUES ('A2001', 'João Conceição')");
        await using var database = new LookupDatabase(new DatabaseOptions
        {
            Provider = "firebird", ConnectionString = connectionString, TransientRetries = 2, TransientRetryDelayMilliseconds = 10,
        });
        using var store = new SqlLookupStore(database);
        Assert.AreEqual("João Conceição", await store.FindStudentNameAsync("A2001", CancellationToken.None));

        firebird.Kill();
        var failure = await Assert.ThrowsExactlyAsync<DatabaseUnavailableException>(() => store.FindStudentNameAsync("A2001", CancellationToken.None));
        Assert.IsTrue(TransientRetry.IsTransient(failure.InnerException!), failure.InnerException!.ToString());

        firebird.Restart();
        // The pool's connections died with the server: the first try on one of them fails and is retried.
        Assert.AreEqual("João Conceição", await store.FindStudentNameAsync("A2001", CancellationToken.None));
    }

    [TestMethod]
    public async Task Firebird_errors_that_do_not_pass_are_not_retried()
    {
        await using var connection = new FbConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new FbCommand("SELECT year FROM students", connection);

        var error = await Assert.ThrowsExactlyAsync<FbException>(() => command.ExecuteScalarAsync());

        Assert.IsFalse(TransientRetry.IsTransient(error), error.ErrorCode + " " + error.Message);
    }

    [TestMethod]
    public async Task The_server_does_not_start_on_Firebird_alone_and_says_where_its_own_schema_goes()
    {
        var error = await Assert.ThrowsExactlyAsync<DatabaseConfigurationException>(() => RunningServer.StartAsync("firebird", _connectionString!));

        StringAssert.Contains(error.Message, "the server's own schema (rolls, terminals, portal) is kept on SQLite, PostgreSQL or MariaDB");
    }
}
