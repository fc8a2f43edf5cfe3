using System.Diagnostics;
using Attendance.LookupServer;
using Attendance.LookupServer.Storage;
using Attendance.LookupServer.Tests;
using FirebirdSql.Data.FirebirdClient;

namespace Attendance.Bench.Lookup;

/// <summary>
/// "engines [seconds] [workers]": lookups per second of each database engine, behind the store the server uses,
/// uncached (<see cref="SqlLookupStore"/>: every lookup is a query) and cached (<see cref="CachingLookupStore"/>
/// as the server builds it), as ratios to SQLite. The engines run as the tests run them: private servers on
/// loopback started by the test fixtures (PostgresCluster, MariaDbServer, FirebirdServer, linked in). The work is
/// the name lookups whose SQL every engine runs alike (student, professor, class; one in four a miss), by
/// <c>workers</c> concurrent callers, like terminals over the pool. Firebird holds tables shaped like ours (YEAR
/// is reserved there) and has no change detector, so the server does not cache it: its cached row is its
/// uncached one. A failed engine is reported and the run goes on; the exit status is 1 if any answer was wrong.
/// </summary>
internal static class EngineBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var workers = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 8;
        var folder = Path.Combine(Path.GetTempPath(), "attendance-bench-engines-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var rows = new List<(string Engine, double Uncached, double Cached, string Note)>();
        var wrong = false;
        PostgresCluster? postgres = null;
        MariaDbServer? mariaDb = null;
        FirebirdServer? firebird = null;
        try
        {
            var engines = new List<(string Name, Func<Task<DatabaseOptions>> Prepare)>
            {
                ("SQLite", () => SeedAsync(new DatabaseOptions { Provider = "sqlite", ConnectionString = "Data Source=" + Path.Combine(folder, "bench.db") })),
                ("PostgreSQL", () => { postgres = PostgresCluster.Start(); return SeedAsync(new DatabaseOptions { Provider = "postgresql", ConnectionString = postgres.CreateDatabase() }); }),
                ("MariaDB", () => { mariaDb = MariaDbServer.Start(); return SeedAsync(new DatabaseOptions { Provider = "mariadb", ConnectionString = mariaDb.CreateDatabase() }); }),
                ("Firebird", () => { firebird = FirebirdServer.Start(); return Task.FromResult(new DatabaseOptions { Provider = "firebird", ConnectionString = SeedFirebird(firebird) }); }),
            };
            foreach (var (name, prepare) in engines)
            {
                try
                {
                    var options = await prepare();
                    await using var database = new LookupDatabase(options);
                    using var store = new SqlLookupStore(database);
                    var cached = CachingLookupStore.Create(store, database, new CacheOptions());
                    wrong |= !await CheckAsync(store) || !await CheckAsync(cached);
                    var uncachedRate = await MeasureAsync(store, seconds, workers);
                    var cachedRate = ReferenceEquals(cached, store) ? uncachedRate : await MeasureAsync(cached, seconds, workers);
                    (cached as IDisposable)?.Dispose();
                    rows.Add((name, uncachedRate, cachedRate, ReferenceEquals(cached, store) ? "no change detector: not cached" : ""));
                }
                catch (Exception exception)
                {
                    rows.Add((name, 0, 0, "failed: " + exception.GetType().Name + ": " + exception.Message.Split('\n')[0]));
                }
            }
        }
        finally
        {
            postgres?.Dispose();
            mariaDb?.Dispose();
            firebird?.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }

        var sqlite = rows.First();
        Console.WriteLine($"Name lookups (student, professor, class; 1 in 4 a miss), {workers} concurrent callers, {seconds:F0} s per row; ratio = engine / SQLite");
        Console.WriteLine("| Engine | uncached lookups/s | ratio | cached lookups/s | ratio | note |");
        Console.WriteLine("|---|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            Console.WriteLine($"| {row.Engine} | {row.Uncached:N0} | {Ratio(row.Uncached, sqlite.Uncached)} | {row.Cached:N0} | {Ratio(row.Cached, sqlite.Cached)} | {row.Note} |");
        }

        var failed = rows.Any(row => row.Note.StartsWith("failed", StringComparison.Ordinal));
        Console.WriteLine(wrong ? "FAIL: a wrong answer" : failed ? "FAIL: an engine did not run" : "PASS: every engine answered correctly");
        return wrong || failed ? 1 : 0;
    }

    private static string Ratio(double value, double baseline) => baseline > 0 ? (value / baseline).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "-";

    private static async Task<DatabaseOptions> SeedAsync(DatabaseOptions options)
    {
        await using var database = new LookupDatabase(options);
        await SchemaMigrator.MigrateAsync(database, CancellationToken.None);
        await SampleData.LoadAsync(database, DateTime.UtcNow.Year, CancellationToken.None);
        return options;
    }

    /// <summary>The tables the name lookups read, in Firebird DDL, with the demo rows.</summary>
    private static string SeedFirebird(FirebirdServer server)
    {
        var connectionString = server.CreateDatabase();
        var statements = new List<string>
        {
            "CREATE TABLE professors (code VARCHAR(64) NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, email VARCHAR(200) NOT NULL)",
            "CREATE TABLE students (code VARCHAR(64) NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL)",
            "CREATE TABLE classes (code VARCHAR(64) NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, course_code VARCHAR(64) NOT NULL)",
        };
        FirebirdServer.Execute(connectionString, statements.ToArray());
        using var connection = new FbConnection(connectionString);
        connection.Open();
        void Insert(string sql, params (string, object)[] values)
        {
            using var command = new FbCommand(sql, connection);
            foreach (var (name, value) in values)
            {
                command.Parameters.AddWithValue(name, value);
            }

            command.ExecuteNonQuery();
        }

        foreach (var (code, name, email) in SampleData.Professors)
        {
            Insert("INSERT INTO professors (code, name, email) VALUES (@c, @n, @e)", ("@c", code), ("@n", name), ("@e", email));
        }

        foreach (var (code, name) in SampleData.Students)
        {
            Insert("INSERT INTO students (code, name) VALUES (@c, @n)", ("@c", code), ("@n", name));
        }

        foreach (var (code, name, course, _, _) in SampleData.Classes)
        {
            Insert("INSERT INTO classes (code, name, course_code) VALUES (@c, @n, @k)", ("@c", code), ("@n", name), ("@k", course));
        }

        return connectionString;
    }

    private static async Task<bool> CheckAsync(ILookupStore store)
    {
        var student = SampleData.Students[0];
        var professor = SampleData.Professors[0];
        var klass = SampleData.Classes[0];
        return await store.FindStudentNameAsync(student.Code, CancellationToken.None) == student.Name
            && await store.FindProfessorNameAsync(professor.Code, CancellationToken.None) == professor.Name
            && await store.FindClassNameAsync(klass.Code, CancellationToken.None) == klass.Name
            && await store.FindStudentNameAsync("NOPE", CancellationToken.None) == null;
    }

    private static async Task<double> MeasureAsync(ILookupStore store, double seconds, int workers)
    {
        var students = SampleData.Students.Select(s => s.Code).ToArray();
        var professors = SampleData.Professors.Select(p => p.Code).ToArray();
        var classes = SampleData.Classes.Select(c => c.Code).ToArray();
        var stop = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(seconds);
        var counts = await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            long done = 0;
            while (stop.Elapsed < limit)
            {
                for (var i = 0; i < 64; i++, done++)
                {
                    var n = (int)((done + worker) % 12);
                    _ = n switch
                    {
                        < 3 => await store.FindStudentNameAsync(students[(int)(done % students.Length)], CancellationToken.None),
                        < 6 => await store.FindProfessorNameAsync(professors[(int)(done % professors.Length)], CancellationToken.None),
                        < 9 => await store.FindClassNameAsync(classes[(int)(done % classes.Length)], CancellationToken.None),
                        _ => await store.FindStudentNameAsync("MISSING" + (done % 50), CancellationToken.None),
                    };
                }
            }

            return done;
        })));
        return counts.Sum() / stop.Elapsed.TotalSeconds;
    }
}
