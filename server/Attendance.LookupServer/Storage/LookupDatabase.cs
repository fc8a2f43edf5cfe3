using System.Data.Common;
using FirebirdSql.Data.FirebirdClient;
using Microsoft.Data.Sqlite;
using MySqlConnector;
using Npgsql;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// Opens connections to the configured database: SQLite (embedded default), PostgreSQL (large deployments),
/// MariaDB/MySQL (MySqlConnector) or Firebird (FirebirdClient; an institution's existing database). Every
/// provider pools connections, so callers open one per request and dispose it.
/// </summary>
public sealed class LookupDatabase : IAsyncDisposable
{
    /// <summary>
    /// PostgreSQL pool size when neither the connection string nor Lookup:Database:MaximumPoolSize sets one:
    /// below PostgreSQL's default max_connections (100, of which 3 are reserved for superusers), with room for
    /// the answer cache's listener, an import and an administrator (server/README.md, "PostgreSQL sizing").
    /// </summary>
    public const int DefaultMaximumPoolSize = 50;

    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _postgres;
    private readonly MySqlDataSource? _mariaDb;

    // FirebirdClient's pool throws "Connection pool is full" at once when every connection is in use, where
    // Npgsql and MySqlConnector wait: 200 terminals asking at once then got "falha interna". The lookups wait
    // for a free slot here instead, up to the connection string's Connection Timeout (FirebirdClient's own
    // default, 15 s, as Npgsql's pool wait).
    private readonly SemaphoreSlim? _firebirdSlots;
    private readonly TimeSpan _firebirdSlotWait;

    public LookupDatabase(DatabaseOptions options, string section = "Lookup:Database")
    {
        Provider = ChooseProvider(options, section);
        Retry = new TransientRetry(options.TransientRetries, options.TransientRetryDelayMilliseconds);
        if (Provider == DatabaseProvider.PostgreSql)
        {
            var builder = PostgreSqlBuilder(options);
            MaximumPoolSize = builder.MaxPoolSize;
            _connectionString = builder.ToString();
            _postgres = NpgsqlDataSource.Create(builder);
        }
        else if (Provider == DatabaseProvider.MariaDb)
        {
            var builder = MariaDbBuilder(options);
            MaximumPoolSize = (int)builder.MaximumPoolSize;
            _connectionString = builder.ConnectionString;
            _mariaDb = new MySqlDataSource(_connectionString);
        }
        else if (Provider == DatabaseProvider.Firebird)
        {
            var builder = FirebirdBuilder(options);
            MaximumPoolSize = builder.MaxPoolSize;
            _connectionString = builder.ConnectionString;
            _firebirdSlots = new SemaphoreSlim(MaximumPoolSize, MaximumPoolSize);
            _firebirdSlotWait = TimeSpan.FromSeconds(builder.ConnectionTimeout > 0 ? builder.ConnectionTimeout : 15);
        }
        else
        {
            // Foreign keys are off in SQLite unless asked for on every connection.
            var builder = new SqliteConnectionStringBuilder(options.ConnectionString) { ForeignKeys = true };
            _connectionString = builder.ToString();
        }
    }

    public DatabaseProvider Provider { get; }

    /// <summary>PostgreSQL, MariaDB, Firebird: connections the pool opens at most; 0 on SQLite.</summary>
    public int MaximumPoolSize { get; }

    /// <summary>How lookups retry transient database failures (Lookup:Database:TransientRetries).</summary>
    internal TransientRetry Retry { get; }

    /// <summary>
    /// The provider: the one named by Lookup:Database:Provider, or, when that is empty, the one whose connection
    /// string keywords the string uses (Host/Server: PostgreSQL; Data Source/Filename: SQLite). MariaDB and
    /// Firebird are only chosen by name: their connection strings use the same keywords (Server, Data Source,
    /// Database), so guessing would take a MariaDB string for PostgreSQL's. A named provider that cannot read the
    /// string is a configuration error, reported as such rather than as a provider crash.
    /// </summary>
    public static DatabaseProvider ChooseProvider(DatabaseOptions options, string section = "Lookup:Database")
    {
        var name = (options.Provider ?? "").Trim().ToLowerInvariant();
        var connectionString = options.ConnectionString ?? "";
        var inferred = InferProvider(connectionString, out var reason);
        DatabaseProvider chosen;
        switch (name)
        {
            case "sqlite":
                chosen = DatabaseProvider.Sqlite;
                break;
            case "postgresql" or "postgres" or "npgsql":
                chosen = DatabaseProvider.PostgreSql;
                break;
            case "mariadb" or "mysql":
                chosen = DatabaseProvider.MariaDb;
                break;
            case "firebird":
                chosen = DatabaseProvider.Firebird;
                break;
            case "":
                return inferred ?? throw new DatabaseConfigurationException(
                    section + ":ConnectionString does not say which database it is for (" + reason + "): use Host=... for "
                    + "PostgreSQL or Data Source=... for SQLite, or set " + section + ":Provider (mariadb and firebird are only chosen by name).");
            default:
                throw new DatabaseConfigurationException(section + ":Provider must be sqlite, postgresql, mariadb, mysql, firebird or empty (chosen by the "
                    + "connection string), not '" + options.Provider + "'.");
        }

        if (chosen is DatabaseProvider.Sqlite or DatabaseProvider.PostgreSql && inferred != null && inferred != chosen)
        {
            throw new DatabaseConfigurationException(section + ":Provider is '" + options.Provider + "' but the connection string is a "
                + Describe(inferred.Value) + " one (" + (inferred == DatabaseProvider.PostgreSql ? "Host=" : "Data Source=") + "...). Leave "
                + section + ":Provider empty to choose by the connection string, or make the two agree.");
        }

        var unreadable = chosen switch
        {
            DatabaseProvider.Sqlite => Rejects(() => _ = new SqliteConnectionStringBuilder(connectionString)),
            DatabaseProvider.PostgreSql => Rejects(() => _ = new NpgsqlConnectionStringBuilder(connectionString)),
            DatabaseProvider.MariaDb => Rejects(() => MariaDbLacks(new MySqlConnectionStringBuilder(connectionString))),
            // FbConnection checks the values (FirebirdClient ignores keywords it does not know).
            _ => Rejects(() => FirebirdLacks(new FbConnectionStringBuilder(connectionString), connectionString)),
        };
        if (unreadable != null)
        {
            throw new DatabaseConfigurationException(section + ":ConnectionString cannot be read by " + Describe(chosen) + ": " + unreadable);
        }

        return chosen;
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres != null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        if (_mariaDb != null)
        {
            return await _mariaDb.OpenConnectionAsync(cancellationToken);
        }

        if (_firebirdSlots != null)
        {
            if (!await _firebirdSlots.WaitAsync(_firebirdSlotWait, cancellationToken))
            {
                throw FirebirdPoolFull();
            }

            return await OpenFirebirdAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new open connection, synchronously (the cache's change check runs inside a lookup).</summary>
    public DbConnection Open()
    {
        if (_postgres != null)
        {
            return _postgres.OpenConnection();
        }

        if (_mariaDb != null)
        {
            return _mariaDb.OpenConnection();
        }

        if (_firebirdSlots != null)
        {
            if (!_firebirdSlots.Wait(_firebirdSlotWait))
            {
                throw FirebirdPoolFull();
            }

            var slot = new FirebirdSlot(_firebirdSlots);
            var firebird = slot.Watch(new FbConnection(_connectionString));
            try
            {
                firebird.Open();
                return firebird;
            }
            catch
            {
                firebird.Dispose();
                slot.Release();
                throw;
            }
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A Firebird connection on a slot already taken; the slot is given back when the connection closes.</summary>
    private async Task<DbConnection> OpenFirebirdAsync(CancellationToken cancellationToken)
    {
        var slot = new FirebirdSlot(_firebirdSlots!);
        var connection = slot.Watch(new FbConnection(_connectionString));
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            slot.Release();
            throw;
        }
    }

    // TimeoutException is transient (TransientRetry), as Npgsql's exhausted pool is.
    private TimeoutException FirebirdPoolFull() =>
        new("All " + MaximumPoolSize + " Firebird connections stayed in use for " + _firebirdSlotWait.TotalSeconds + " s (Lookup:Database:MaximumPoolSize or the connection string's MaxPoolSize).");

    /// <summary>One taken slot of the Firebird pool, given back once, when its connection closes (Close, Dispose) or fails to open.</summary>
    private sealed class FirebirdSlot(SemaphoreSlim slots)
    {
        private int _released;

        public FbConnection Watch(FbConnection connection)
        {
            connection.StateChange += (_, change) =>
            {
                if (change.CurrentState == System.Data.ConnectionState.Closed)
                {
                    Release();
                }
            };
            return connection;
        }

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }

    /// <summary>
    /// PostgreSQL: a connection outside the pool, for LISTEN (the answer cache): it stays open for the server's
    /// life and would otherwise hold one of the pool's connections.
    /// </summary>
    internal NpgsqlConnection OpenUnpooled()
    {
        var builder = new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false, ApplicationName = "attendance-lookup-cache" };
        var connection = new NpgsqlConnection(builder.ToString());
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// MariaDB: a connection outside the pool, for the answer cache's version check, which keeps it open for the
    /// server's life (as PostgreSQL's listener).
    /// </summary>
    internal MySqlConnection OpenUnpooledMariaDb()
    {
        var builder = new MySqlConnectionStringBuilder(_connectionString) { Pooling = false, ApplicationName = "attendance-lookup-cache" };
        var connection = new MySqlConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres != null)
        {
            await _postgres.DisposeAsync();
        }

        if (_mariaDb != null)
        {
            await _mariaDb.DisposeAsync();
        }

        if (Provider == DatabaseProvider.Firebird)
        {
            // FirebirdClient's pools are static, per connection string: close this one's idle connections.
            FbConnection.ClearPool(new FbConnection(_connectionString));
        }
    }

    /// <summary>
    /// The PostgreSQL connection string with the pool size: the connection string's own "Maximum Pool Size" when
    /// it has one, else Lookup:Database:MaximumPoolSize (default <see cref="DefaultMaximumPoolSize"/>; Npgsql's own
    /// default, 100, equals PostgreSQL's default max_connections and runs into "53300 too many clients").
    /// </summary>
    internal static NpgsqlConnectionStringBuilder PostgreSqlBuilder(DatabaseOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (!SetsPoolSize(options.ConnectionString))
        {
            builder.MaxPoolSize = CheckedPoolSize(options);
            builder.MinPoolSize = Math.Min(builder.MinPoolSize, builder.MaxPoolSize);
        }

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            // Shows in pg_stat_activity, so an administrator can count the server's connections.
            builder.ApplicationName = "attendance-lookup";
        }

        return builder;
    }

    /// <summary>
    /// The MariaDB/MySQL connection string with the pool size as for PostgreSQL (MySqlConnector's own default,
    /// 100, is near MariaDB's default max_connections, 151; MySqlConnector always speaks utf8mb4); the server's name
    /// shows in the connection attributes (performance_schema.session_connect_attrs).
    /// </summary>
    internal static MySqlConnectionStringBuilder MariaDbBuilder(DatabaseOptions options)
    {
        var builder = new MySqlConnectionStringBuilder(options.ConnectionString);
        if (!SetsPoolSize(options.ConnectionString))
        {
            builder.MaximumPoolSize = (uint)CheckedPoolSize(options);
            builder.MinimumPoolSize = Math.Min(builder.MinimumPoolSize, builder.MaximumPoolSize);
        }

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "attendance-lookup";
        }

        return builder;
    }

    /// <summary>
    /// The Firebird connection string with the pool size as for PostgreSQL (FirebirdClient's default is 100) and
    /// UTF8 unless the string names a character set (the institution's database may be in another; Firebird
    /// transliterates to the connection's set).
    /// </summary>
    internal static FbConnectionStringBuilder FirebirdBuilder(DatabaseOptions options)
    {
        var builder = new FbConnectionStringBuilder(options.ConnectionString);
        if (!SetsPoolSize(options.ConnectionString))
        {
            builder.MaxPoolSize = CheckedPoolSize(options);
            builder.MinPoolSize = Math.Min(builder.MinPoolSize, builder.MaxPoolSize);
        }

        if (!Sets(options.ConnectionString, "charset", "characterset"))
        {
            builder.Charset = "UTF8";
        }

        return builder;
    }

    private static int CheckedPoolSize(DatabaseOptions options) =>
        options.MaximumPoolSize >= 1
            ? options.MaximumPoolSize
            : throw new DatabaseConfigurationException("Lookup:Database:MaximumPoolSize must be at least 1, not " + options.MaximumPoolSize + ".");

    private static void MariaDbLacks(MySqlConnectionStringBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Server) || string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new ArgumentException("it must name the server and the database (Server=...;Database=...).");
        }
    }

    private static void FirebirdLacks(FbConnectionStringBuilder builder, string connectionString)
    {
        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new ArgumentException("it must name the database (Database=... a path or alias on the server).");
        }

        using var connection = new FbConnection(connectionString);
    }

    private static string? Rejects(Action read)
    {
        try
        {
            read();
            return null;
        }
        catch (ArgumentException exception)
        {
            return exception.Message;
        }
        catch (FormatException exception)
        {
            return exception.Message;
        }
        catch (InvalidOperationException exception)
        {
            return exception.Message;
        }
    }

    private static bool Sets(string connectionString, params string[] normalKeys)
    {
        var raw = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return raw.Keys.Cast<string>().Any(key => normalKeys.Contains(key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()));
    }

    private static bool SetsPoolSize(string connectionString)
    {
        var raw = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (string key in raw.Keys)
        {
            var normal = key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
            if (normal is "maximumpoolsize" or "maxpoolsize")
            {
                return true;
            }
        }

        return false;
    }

    private static DatabaseProvider? InferProvider(string connectionString, out string reason)
    {
        DbConnectionStringBuilder raw;
        try
        {
            raw = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException exception)
        {
            reason = exception.Message;
            return null;
        }

        var keys = raw.Keys.Cast<string>().Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
        var postgres = keys.Contains("host") || keys.Contains("server");
        var sqlite = keys.Contains("datasource") || keys.Contains("filename");
        if (postgres == sqlite)
        {
            reason = postgres ? "it has both Host and Data Source" : "it has neither Host nor Data Source";
            return null;
        }

        reason = "";
        return postgres ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite;
    }

    internal static string Describe(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "SQLite",
        DatabaseProvider.PostgreSql => "PostgreSQL",
        DatabaseProvider.MariaDb => "MariaDB",
        _ => "Firebird",
    };
}

/// <summary>Lookup:Database settings that cannot work; the server reports it and exits with status 2.</summary>
public sealed class DatabaseConfigurationException(string message) : Exception(message);
