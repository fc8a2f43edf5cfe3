namespace Attendance.LookupServer.Tests;

/// <summary>
/// One seeded server per database kind, shared by the test classes of this assembly and stopped at the end.
/// Servers with special settings (idle time, connection limit, open mode) are started by their tests.
/// </summary>
[TestClass]
public static class Servers
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "attendance-lookup-tests-" + Guid.NewGuid().ToString("N")[..12]);
    private static RunningServer? _sqlite;
    private static RunningServer? _postgres;
    private static RunningServer? _originalSqlite;
    private static RunningServer? _originalPostgres;
    private static RunningServer? _originalFirebird;
    private static FirebirdServer? _firebird;
    private static PostgresCluster? _cluster;
    private static RunningServer? _mariaDbServer;
    private static MariaDbServer? _mariaDb;

    public const string Sqlite = "sqlite";

    public const string PostgreSql = "postgresql";

    /// <summary>Lookups through the shipped mapping of the original's model (OriginalSchema) on SQLite; our own database apart.</summary>
    public const string OriginalSqlite = "original-sqlite";

    /// <summary>As <see cref="OriginalSqlite"/>, both databases on PostgreSQL.</summary>
    public const string OriginalPostgreSql = "original-postgresql";

    /// <summary>
    /// Lookups through the shipped mapping from a database created with the original's DDL on a real Firebird 3
    /// (the private server of this run, <see cref="FirebirdServer"/>); our own database (terminals, rolls) on
    /// SQLite, since the server keeps its own schema off Firebird by design.
    /// </summary>
    public const string OriginalFirebird = "original-firebird";

    public const string Firebird = "firebird";

    /// <summary>The engine of a provider name of this class.</summary>
    public static string Engine(string provider) => provider.StartsWith("original-", StringComparison.Ordinal) ? provider["original-".Length..] : provider;

    public const string MariaDb = "mariadb";

    public static async Task<RunningServer> GetAsync(string provider)
    {
        await Gate.WaitAsync();
        try
        {
            if (provider == Sqlite)
            {
                return _sqlite ??= await StartSeededAsync(Sqlite, NewSqliteConnectionString());
            }

            if (provider == OriginalSqlite)
            {
                return _originalSqlite ??= await StartOriginalAsync(Sqlite, NewSqliteConnectionString(), Sqlite, NewSqliteConnectionString());
            }

            if (provider == MariaDb)
            {
                _mariaDb ??= MariaDbServer.Start();
                return _mariaDbServer ??= await StartSeededAsync(MariaDb, _mariaDb.CreateDatabase());
            }

            if (provider == OriginalFirebird)
            {
                _firebird ??= FirebirdServer.Start();
                return _originalFirebird ??= await StartOriginalAsync(Sqlite, NewSqliteConnectionString(), Firebird, _firebird.CreateDatabase());
            }

            _cluster ??= PostgresCluster.Start();
            if (provider == OriginalPostgreSql)
            {
                return _originalPostgres ??= await StartOriginalAsync(PostgreSql, _cluster.CreateDatabase(), PostgreSql, _cluster.CreateDatabase());
            }

            return _postgres ??= await StartSeededAsync(PostgreSql, _cluster.CreateDatabase());
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A connection string for a new, empty SQLite file.</summary>
    public static string NewSqliteConnectionString()
    {
        Directory.CreateDirectory(Folder);
        return "Data Source=" + Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".db");
    }

    /// <summary>A new empty database of the given kind.</summary>
    public static async Task<string> NewDatabaseAsync(string provider)
    {
        if (provider == Sqlite)
        {
            return NewSqliteConnectionString();
        }

        await Gate.WaitAsync();
        try
        {
            if (provider == MariaDb)
            {
                _mariaDb ??= MariaDbServer.Start();
                return _mariaDb.CreateDatabase();
            }

            _cluster ??= PostgresCluster.Start();
            return _cluster.CreateDatabase();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The MariaDB server of this run (started on first use).</summary>
    public static async Task<MariaDbServer> MariaDbAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _mariaDb ??= MariaDbServer.Start();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The Firebird server of this run (started on first use; tests that kill a server start their own).</summary>
    public static async Task<FirebirdServer> FirebirdAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _firebird ??= FirebirdServer.Start();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The PostgreSQL cluster of this run (started on first use).</summary>
    public static async Task<PostgresCluster> ClusterAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _cluster ??= PostgresCluster.Start();
        }
        finally
        {
            Gate.Release();
        }
    }

    [AssemblyCleanup]
    public static async Task StopAllAsync()
    {
        try
        {
            if (_sqlite != null)
            {
                await _sqlite.DisposeAsync();
            }

            if (_postgres != null)
            {
                await _postgres.DisposeAsync();
            }

            foreach (var server in new[] { _originalSqlite, _originalPostgres, _originalFirebird })
            {
                if (server != null)
                {
                    await server.DisposeAsync();
                }
            }

            if (_mariaDbServer != null)
            {
                await _mariaDbServer.DisposeAsync();
            }
        }
        finally
        {
            // Whatever happened above, the database servers this run started must not outlive it.
            _cluster?.Dispose();
            _mariaDb?.Dispose();
            _firebird?.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static async Task<RunningServer> StartOriginalAsync(string ownEngine, string own, string institutionEngine, string institution)
    {
        await OriginalSchema.CreateOwnAsync(ownEngine, own);
        await OriginalSchema.CreateAsync(institutionEngine, institution, TestData.Year);
        return await RunningServer.StartAsync(ownEngine, own, null, ["Admission:FailedLoginsBeforeBackoff=0", .. OriginalSchema.Settings(institutionEngine, institution)]);
    }

    private static async Task<RunningServer> StartSeededAsync(string provider, string connectionString)
    {
        await RunningServer.SeedAsync(provider, connectionString);
        // Many test classes refuse keys on purpose from the one loopback address; the back-off would then refuse
        // the others' connections. It is tested on servers of its own (HostileClientTests).
        return await RunningServer.StartAsync(provider, connectionString, null, "Admission:FailedLoginsBeforeBackoff=0");
    }
}
