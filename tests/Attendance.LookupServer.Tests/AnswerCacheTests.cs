using System.Text;
using Attendance.LookupServer.Import;
using Attendance.LookupServer.Storage;
using Microsoft.Data.Sqlite;

namespace Attendance.LookupServer.Tests;

/// <summary>
/// The answer cache (Storage/CachingLookupStore.cs) on the real server over TCP: answers stay right when
/// another connection changes the database (an UPDATE, the import command), it really answers from memory
/// until its next check, and it stays within its entry limit.
/// </summary>
[TestClass]
public class AnswerCacheTests
{
    [TestMethod]
    public async Task A_cached_name_changes_after_an_update_through_another_connection()
    {
        var connectionString = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, connectionString);
        await using var server = await RunningServer.StartAsync(Servers.Sqlite, connectionString, null, "Cache:CheckIntervalMilliseconds=0");
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        CollectionAssert.AreEqual(new[] { "João Conceição", "João Conceição" }, await client.AskAsync("NOMEALUNO|A2001", "NOMEALUNO|A2001"));

        await ExecuteAsync(connectionString, "UPDATE students SET name = 'João Conceição Sá' WHERE code = 'A2001'");

        CollectionAssert.AreEqual(new[] { "João Conceição Sá" }, await client.AskAsync("NOMEALUNO|A2001"));
    }

    [TestMethod]
    public async Task Cached_not_found_answers_change_after_the_import_command_adds_the_rows()
    {
        var connectionString = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, connectionString);
        await using var server = await RunningServer.StartAsync(Servers.Sqlite, connectionString, null, "Cache:CheckIntervalMilliseconds=0");
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        var questions = new[] { "NOMEALUNO|B77", "MATRICULADO|B77|C101|ENG|2026|3" };
        CollectionAssert.AreEqual(new[] { "NAOEHALUNO", "NAOMATRICULADO" }, await client.AskAsync(questions));

        await ImportAsync(connectionString, "students", "code;name\nB77;Inês Gonçalves\n");
        await ImportAsync(connectionString, "enrolments", "student_code;class_code;course_code;year;semester\nB77;C101;ENG;2026;1\n");

        CollectionAssert.AreEqual(new[] { "Inês Gonçalves", "MATRICULADO" }, await client.AskAsync(questions));
    }

    [TestMethod]
    public async Task Between_checks_the_answer_comes_from_memory()
    {
        // With an hour between checks the second answer cannot come from the database: this is what makes the
        // cache pay, and what the check interval bounds.
        var connectionString = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, connectionString);
        await using var server = await RunningServer.StartAsync(Servers.Sqlite, connectionString, null, "Cache:CheckIntervalMilliseconds=3600000");
        await using var client = await LineClient.ConnectAuthenticatedAsync(server.Port);
        CollectionAssert.AreEqual(new[] { "João Conceição" }, await client.AskAsync("NOMEALUNO|A2001"));

        await ExecuteAsync(connectionString, "UPDATE students SET name = 'Outro Nome' WHERE code = 'A2001'");

        CollectionAssert.AreEqual(new[] { "João Conceição", "Ñandú Müller" }, await client.AskAsync("NOMEALUNO|A2001", "NOMEALUNO|A2002"));
        await using var database = new LookupDatabase(new DatabaseOptions { Provider = Servers.Sqlite, ConnectionString = connectionString });
        using var uncached = new SqlLookupStore(database);
        Assert.AreEqual("Outro Nome", await uncached.FindStudentNameAsync("A2001", CancellationToken.None), "the database did change");
    }

    [TestMethod]
    public async Task A_batch_takes_hits_from_the_cache_fetches_only_the_misses_and_sees_a_commit()
    {
        var connectionString = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, connectionString);
        await using var database = new LookupDatabase(new DatabaseOptions { Provider = Servers.Sqlite, ConnectionString = connectionString });
        using var sql = new SqlLookupStore(database);
        var inner = new BatchRecorder(sql);
        var store = (CachingLookupStore)CachingLookupStore.Create(inner, database, new CacheOptions { MaximumEntries = 100, CheckIntervalMilliseconds = 0 });
        try
        {
            Assert.AreEqual("João Conceição", await store.FindStudentNameAsync("A2001", CancellationToken.None));
            Assert.IsTrue(await store.IsEnrolledAsync("A2001", "C101", "ENG", 2026, 2, CancellationToken.None));

            var names = await ((ILookupStore)store).FindStudentNamesAsync(new[] { "A2001", "A2002", "B99", "A2002" }, CancellationToken.None);
            var enrolled = await ((ILookupStore)store).FindEnrolledStudentsAsync(new[] { "A2001", "A2004", "A2005" }, "C101", "ENG", 2026, 2, CancellationToken.None);

            Assert.AreEqual("João Conceição", names["A2001"]);
            Assert.AreEqual("Ñandú Müller", names["A2002"]);
            Assert.IsNull(names["B99"]);
            CollectionAssert.AreEquivalent(new[] { "A2001", "A2005" }, enrolled.ToArray());
            CollectionAssert.AreEqual(new[] { "A2002,B99", "A2004,A2005" }, inner.Batches, "only the misses go to the store, once each");

            // Now all cached: no store call. Then a commit through another connection: the next batch reads afresh.
            await ((ILookupStore)store).FindStudentNamesAsync(new[] { "A2001", "A2002", "B99" }, CancellationToken.None);
            Assert.AreEqual(2, inner.Batches.Count);
            await ExecuteAsync(connectionString, "UPDATE students SET name = 'Outro Nome' WHERE code = 'A2002'");
            var after = await ((ILookupStore)store).FindStudentNamesAsync(new[] { "A2001", "A2002" }, CancellationToken.None);
            Assert.AreEqual("Outro Nome", after["A2002"]);
            Assert.AreEqual("A2001,A2002", inner.Batches[^1]);
        }
        finally
        {
            store.Dispose();
        }
    }

    [TestMethod]
    [DataRow(2, 5)]
    [DataRow(3, 5)]
    [DataRow(100, 5)]
    public async Task The_cache_never_holds_more_than_its_entry_limit(int maximumEntries, int distinctQuestions)
    {
        var connectionString = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, connectionString);
        await using var database = new LookupDatabase(new DatabaseOptions { Provider = Servers.Sqlite, ConnectionString = connectionString });
        using var inner = new SqlLookupStore(database);
        var store = (CachingLookupStore)CachingLookupStore.Create(inner, database, new CacheOptions { MaximumEntries = maximumEntries, CheckIntervalMilliseconds = 3_600_000 });
        try
        {
            var largest = 0;
            for (var i = 0; i < distinctQuestions; i++)
            {
                var name = await store.FindStudentNameAsync("A200" + (i + 1), CancellationToken.None);
                Assert.IsNotNull(name);
                largest = Math.Max(largest, store.Count);
            }

            Assert.AreEqual(Math.Min(maximumEntries, distinctQuestions), largest);
        }
        finally
        {
            store.Dispose();
        }
    }

    [TestMethod]
    [DataRow("sqlite", "Data Source=unused.db", 0, typeof(CachingLookupStore))]
    [DataRow("postgresql", "Host=127.0.0.1;Database=unused", 0, typeof(CachingLookupStore))]
    [DataRow("postgresql", "Host=127.0.0.1;Database=unused", 2000, typeof(CachingLookupStore))]
    [DataRow("", "Host=127.0.0.1;Database=unused", 0, typeof(CachingLookupStore))]
    public async Task Which_store_answers_depends_on_the_provider(string provider, string connectionString, int postgreSqlTimeToLive, Type expected)
    {
        await using var database = new LookupDatabase(new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        using var inner = new SqlLookupStore(database);

        var store = CachingLookupStore.Create(inner, database, new CacheOptions { PostgreSqlTimeToLiveMilliseconds = postgreSqlTimeToLive });

        Assert.AreEqual(expected, store.GetType());
        (store as CachingLookupStore)?.Dispose();
    }

    [TestMethod]
    [DataRow("UPDATE terminals SET description = 'moved to room 2' WHERE id = '" + TestData.TerminalId + "'")]
    [DataRow("INSERT INTO portal_keys (name, xml) VALUES ('k-test', '<key/>')")]
    public async Task Writes_to_tables_the_cache_does_not_hold_leave_it_full(string write)
    {
        // The server itself writes rolls at every close, portal accounts at sign-in, and terminal keys: on SQLite
        // each is a commit, and PRAGMA data_version alone would throw every answer away at each of them (an
        // end-of-hour burst of closes would then read everything from the database). Only the lookup tables count.
        var connectionString = Servers.NewSqliteConnectionString();
        await RunningServer.SeedAsync(Servers.Sqlite, connectionString);
        await using var database = new LookupDatabase(new DatabaseOptions { Provider = Servers.Sqlite, ConnectionString = connectionString });
        await SchemaMigrator.MigrateAsync(database, CancellationToken.None);
        using var sql = new SqlLookupStore(database);
        var inner = new BatchRecorder(sql);
        var store = (CachingLookupStore)CachingLookupStore.Create(inner, database, new CacheOptions { MaximumEntries = 100, CheckIntervalMilliseconds = 0 });
        try
        {
            await ((ILookupStore)store).FindStudentNamesAsync(new[] { "A2001", "A2002" }, CancellationToken.None);
            Assert.AreEqual(1, inner.Batches.Count);

            await ExecuteAsync(connectionString, write);
            await ((ILookupStore)store).FindStudentNamesAsync(new[] { "A2001", "A2002" }, CancellationToken.None);
            Assert.AreEqual(1, inner.Batches.Count, "answered from memory after a write to another table");

            // A lookup table's change still empties it.
            await ExecuteAsync(connectionString, "UPDATE students SET name = 'Outro Nome' WHERE code = 'A2002'");
            var after = await ((ILookupStore)store).FindStudentNamesAsync(new[] { "A2001", "A2002" }, CancellationToken.None);
            Assert.AreEqual("Outro Nome", after["A2002"]);
            Assert.AreEqual(2, inner.Batches.Count);
        }
        finally
        {
            store.Dispose();
        }
    }

    [TestMethod]
    public async Task No_entries_allowed_means_no_cache()
    {
        await using var database = new LookupDatabase(new DatabaseOptions { Provider = Servers.Sqlite, ConnectionString = "Data Source=unused.db" });
        using var inner = new SqlLookupStore(database);

        Assert.AreSame(inner, CachingLookupStore.Create(inner, database, new CacheOptions { MaximumEntries = 0 }));
    }

    /// <summary>The database store, recording the codes of each batch question it is asked.</summary>
    private sealed class BatchRecorder(SqlLookupStore inner) : ILookupStore
    {
        public List<string> Batches { get; } = new();

        public Task<string?> FindProfessorEmailAsync(string professorCode, CancellationToken cancellationToken) => inner.FindProfessorEmailAsync(professorCode, cancellationToken);

        public Task<string?> FindProfessorNameAsync(string professorCode, CancellationToken cancellationToken) => inner.FindProfessorNameAsync(professorCode, cancellationToken);

        public Task<string?> FindStudentNameAsync(string studentCode, CancellationToken cancellationToken) => inner.FindStudentNameAsync(studentCode, cancellationToken);

        public Task<string?> FindClassAtAsync(string professorCode, int weekday, string time, CancellationToken cancellationToken) => inner.FindClassAtAsync(professorCode, weekday, time, cancellationToken);

        public Task<string?> FindClassStartAsync(string classCode, int weekday, string time, CancellationToken cancellationToken) => inner.FindClassStartAsync(classCode, weekday, time, cancellationToken);

        public Task<string?> FindCourseOfClassAsync(string classCode, CancellationToken cancellationToken) => inner.FindCourseOfClassAsync(classCode, cancellationToken);

        public Task<string?> FindCourseNameAsync(string courseCode, CancellationToken cancellationToken) => inner.FindCourseNameAsync(courseCode, cancellationToken);

        public Task<string?> FindClassNameAsync(string classCode, CancellationToken cancellationToken) => inner.FindClassNameAsync(classCode, cancellationToken);

        public Task<bool> IsEnrolledAsync(string studentCode, string classCode, string courseCode, int year, int semester, CancellationToken cancellationToken) =>
            inner.IsEnrolledAsync(studentCode, classCode, courseCode, year, semester, cancellationToken);

        public Task<string?> FindTerminalKeyHexAsync(string terminalId, CancellationToken cancellationToken) => inner.FindTerminalKeyHexAsync(terminalId, cancellationToken);

        public Task<IReadOnlyDictionary<string, string?>> FindStudentNamesAsync(IReadOnlyCollection<string> studentCodes, CancellationToken cancellationToken)
        {
            Batches.Add(string.Join(",", studentCodes));
            return inner.FindStudentNamesAsync(studentCodes, cancellationToken);
        }

        public Task<IReadOnlySet<string>> FindEnrolledStudentsAsync(IReadOnlyCollection<string> studentCodes, string classCode, string courseCode, int year, int semester, CancellationToken cancellationToken)
        {
            Batches.Add(string.Join(",", studentCodes));
            return inner.FindEnrolledStudentsAsync(studentCodes, classCode, courseCode, year, semester, cancellationToken);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.AreEqual(1, await command.ExecuteNonQueryAsync());
    }

    private static Task ImportAsync(string connectionString, string table, string csv) => CsvImport.SucceedsAsync(connectionString, table, csv, "sqlite");
}
