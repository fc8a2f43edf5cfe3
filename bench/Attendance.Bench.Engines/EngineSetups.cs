using System.Data.Common;
using Attendance.Bench.Burst;
using Attendance.LookupServer;
using Attendance.LookupServer.Storage;
using Microsoft.Extensions.Configuration;

namespace Attendance.Bench.Engines;

/// <summary>The bench's data: the demo set (SampleData) plus many students, enrolled (two in three) in every class in the first semester.</summary>
public static class BenchData
{
    public const int Year = 2026;

    public static string StudentCode(int index) => "S" + index.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static bool IsEnrolled(int index) => index % 3 != 0;

    /// <summary>The original's integer course code for one of ours (1, 2, ... in SampleData's order).</summary>
    public static string OriginalCourse(string code) => (Array.FindIndex(SampleData.Courses, course => course.Code == code) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The stores of one configuration: the database store, the same behind the server's answer cache, and what to dispose.</summary>
public sealed class Stores(ILookupStore uncached, ILookupStore cached, Func<string, string> courseCode, params IAsyncDisposable[] owned) : IAsyncDisposable
{
    public ILookupStore Uncached => uncached;

    public ILookupStore Cached => cached;

    /// <summary>Our course code (SampleData) as this schema keeps it.</summary>
    public Func<string, string> CourseCode => courseCode;

    public async ValueTask DisposeAsync()
    {
        (cached as IDisposable)?.Dispose();
        (uncached as IDisposable)?.Dispose();
        foreach (var item in owned)
        {
            await item.DisposeAsync();
        }
    }
}

/// <summary>
/// One row of the table: an engine and a schema. <see cref="CreateAsync"/> makes the databases and returns the
/// stores, or null (with <see cref="SkipReason"/>) when the engine is not available on this machine.
/// </summary>
public sealed record EngineSetup(string Engine, string Schema, Func<int, Task<Stores?>> Create)
{
    public string SkipReason { get; set; } = "";

    public Task<Stores?> CreateAsync(int students) => Create(students);
}

/// <summary>
/// The configurations, SQLite with our own schema first (the ratios' base). An engine adds its rows here: its
/// own schema through <see cref="OursAsync"/> and the original's through <see cref="OriginalAsync"/>, given two
/// empty databases of its kind.
/// </summary>
public static class EngineSetups
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "attendance-bench-engines-" + Guid.NewGuid().ToString("N")[..8]);
    private static BenchPostgres? _postgres;
    private static bool _postgresTried;

    public static IEnumerable<EngineSetup> All()
    {
        yield return new EngineSetup("SQLite", "ours", students => OursAsync("sqlite", SqliteFile(), students)!);
        yield return new EngineSetup("SQLite", "original (mapping)", students => OriginalAsync("sqlite", SqliteFile(), SqliteFile(), students)!);
        var postgresOurs = new EngineSetup("PostgreSQL", "ours", null!);
        postgresOurs = postgresOurs with { Create = students => Postgres(postgresOurs, cluster => OursAsync("postgresql", cluster.CreateDatabase("ours"), students)) };
        yield return postgresOurs;
        var postgresOriginal = new EngineSetup("PostgreSQL", "original (mapping)", null!);
        postgresOriginal = postgresOriginal with
        {
            Create = students => Postgres(postgresOriginal, cluster => OriginalAsync("postgresql", cluster.CreateDatabase("own"), cluster.CreateDatabase("academic"), students)),
        };
        yield return postgresOriginal;
    }

    /// <summary>Our own schema in one database, read by our own statements, cached as the server caches it.</summary>
    public static async Task<Stores> OursAsync(string provider, string connectionString, int students)
    {
        var database = new LookupDatabase(new DatabaseOptions { Provider = provider, ConnectionString = connectionString });
        await SchemaMigrator.MigrateAsync(database, CancellationToken.None);
        await SampleData.LoadAsync(database, BenchData.Year, CancellationToken.None);
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            for (var i = 0; i < students; i++)
            {
                await Execute(connection, transaction, "INSERT INTO students (code, name) VALUES (@c, @n)", ("@c", BenchData.StudentCode(i)), ("@n", "Student " + i));
                foreach (var (code, _, course, _, _) in BenchData.IsEnrolled(i) ? SampleData.Classes : [])
                {
                    await Execute(connection, transaction, "INSERT INTO enrolments (student_code, class_code, course_code, year, semester) VALUES (@s, @c, @u, @y, 1)",
                        ("@s", BenchData.StudentCode(i)), ("@c", code), ("@u", course), ("@y", BenchData.Year));
                }
            }

            await transaction.CommitAsync();
        }

        var store = new SqlLookupStore(database);
        return new Stores(store, CachingLookupStore.Create(store, database, new CacheOptions()), code => code, database);
    }

    /// <summary>
    /// The original's model (server/mappings/original-interbase.sql) in <paramref name="institution"/>, read through the
    /// shipped mapping; our own database apart (for the cache's flush requests), cached with the time-to-live defaults.
    /// </summary>
    public static async Task<Stores> OriginalAsync(string provider, string own, string institution, int students)
    {
        var options = new LookupServerOptions();
        new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "mappings", "original-interbase.json")).Build()
            .GetSection("Lookup").Bind(options);
        options.Database = new DatabaseOptions { Provider = provider, ConnectionString = own };
        options.Mapping.Database = new DatabaseOptions { Provider = provider, ConnectionString = institution };
        var ownDatabase = new LookupDatabase(options.Database);
        await SchemaMigrator.MigrateAsync(ownDatabase, CancellationToken.None);
        var source = LookupSource.Create(options, ownDatabase);
        await using (var connection = await source.Database.OpenAsync(CancellationToken.None))
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var ddl = string.Join('\n', File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "mappings", "original-interbase.sql")).Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)));
            foreach (var statement in ddl.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(text => text.TrimEnd(';')).Where(text => text.Length > 0))
            {
                await Execute(connection, transaction, statement);
            }

            foreach (var (code, name, email) in SampleData.Professors)
            {
                await Execute(connection, transaction, "INSERT INTO PROFESSOR (PR_CODIGO, PR_NOME, PR_EMAIL) VALUES (@c, @n, @e)", ("@c", code), ("@n", name), ("@e", email));
            }

            foreach (var (code, name) in SampleData.Courses)
            {
                await Execute(connection, transaction, "INSERT INTO CURSO (CU_CODIGO, CU_NOME) VALUES (@c, @n)", ("@c", int.Parse(BenchData.OriginalCourse(code))), ("@n", name));
            }

            var slot = 0;
            foreach (var (code, name, course, start, end) in SampleData.Classes)
            {
                await Execute(connection, transaction, "INSERT INTO CADEIRA (CA_CODIGO, CA_NOME, CA_CURSO) VALUES (@c, @n, @u)", ("@c", code), ("@n", name), ("@u", int.Parse(BenchData.OriginalCourse(course))));
                for (var isoWeekday = 1; isoWeekday <= 7; isoWeekday++)
                {
                    slot++;
                    await Execute(connection, transaction, "INSERT INTO HORARIO (HO_CODIGO, HO_INICIO, HO_FIM, HO_DIASEMANA) VALUES (@id, @s, @e, @d)",
                        ("@id", slot), ("@s", TimeOnly.Parse(start)), ("@e", end == "24:00" ? new TimeOnly(23, 59, 59) : TimeOnly.Parse(end)), ("@d", isoWeekday % 7 + 1));
                    await Execute(connection, transaction, "INSERT INTO MINISTRA (CADEIRA_CODIGO, HORARIO_CODIGO, PROFESSOR_CODIGO) VALUES (@c, @h, 'P1001')", ("@c", code), ("@h", slot));
                }
            }

            for (var i = 0; i < students; i++)
            {
                await Execute(connection, transaction, "INSERT INTO ALUNO (AL_CODIGO, AL_NOME) VALUES (@c, @n)", ("@c", BenchData.StudentCode(i)), ("@n", "Student " + i));
                foreach (var (code, _, course, _, _) in BenchData.IsEnrolled(i) ? SampleData.Classes : [])
                {
                    await Execute(connection, transaction, "INSERT INTO MATRICULA (ALUNO_CODIGO, CADEIRA_CODIGO, CURSO_CODIGO, MA_ANO, MA_SEMESTRE) VALUES (@s, @c, @u, @y, 1)",
                        ("@s", BenchData.StudentCode(i)), ("@c", code), ("@u", int.Parse(BenchData.OriginalCourse(course))), ("@y", BenchData.Year));
                }
            }

            await transaction.CommitAsync();
        }

        await source.CheckAsync(CancellationToken.None);
        var store = new SqlLookupStore(source.Database, source.Own, source.Queries, source.OwnQueries, null);
        return new Stores(store, CachingLookupStore.Create(store, ownDatabase, options.Cache, source.CacheFollowsChanges), BenchData.OriginalCourse, source, ownDatabase);
    }

    private static string SqliteFile()
    {
        Directory.CreateDirectory(Folder);
        return "Data Source=" + Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".db");
    }

    private static async Task<Stores?> Postgres(EngineSetup setup, Func<BenchPostgres, Task<Stores>> create)
    {
        if (!_postgresTried)
        {
            _postgresTried = true;
            _postgres = BenchPostgres.TryStart();
            if (_postgres != null)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => _postgres.Dispose();
            }
        }

        if (_postgres == null)
        {
            setup.SkipReason = "no PostgreSQL (initdb under /usr/lib/postgresql/*/bin, or ATTENDANCE_POSTGRES_CONNECTION)";
            return null;
        }

        return await create(_postgres);
    }

    private static async Task Execute(DbConnection connection, DbTransaction transaction, string text, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = text;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }
}
