using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// Opens connections to the configured database: SQLite (embedded default) or PostgreSQL (large deployments).
/// Both providers pool connections, so callers open one per request and dispose it.
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
        else
        {
            // Foreign keys are off in SQLite unless asked for on every connection.
            var builder = new SqliteConnectionStringBuilder(options.ConnectionString) { ForeignKeys = true };
            _connectionString = builder.ToString();
        }
    }

    public DatabaseProvider Provider { get; }

    /// <summary>PostgreSQL: connections the pool opens at most; 0 on SQLite.</summary>
    public int MaximumPoolSize { get; }

    /// <summary>How lookups retry transient database failures (Lookup:Database:TransientRetries).</summary>
    internal TransientRetry Retry { get; }

    /// <summary>
    /// The provider: the one named by Lookup:Database:Provider, or, when that is empty, the one whose connection
    /// string keywords the string uses (Host/Server: PostgreSQL; Data Source/Filename: SQLite). A named provider
    /// that cannot read the string is a configuration error, reported as such rather than as a provider crash.
    /// </summary>
    public static DatabaseProvider ChooseProvider(DatabaseOptions options, string section = "Lookup:Database")
    {
        var name = (options.Provider ?? "").Trim().ToLowerInvariant();
        var inferred = InferProvider(options.ConnectionString ?? "", out var reason);
        DatabaseProvider chosen;
        switch (name)
        {
            case "sqlite":
                chosen = DatabaseProvider.Sqlite;
                break;
            case "postgresql" or "postgres" or "npgsql":
                chosen = DatabaseProvider.PostgreSql;
                break;
            case "":
                return inferred ?? throw new DatabaseConfigurationException(
                    section + ":ConnectionString does not say which database it is for (" + reason + "): use Host=... for "
                    + "PostgreSQL or Data Source=... for SQLite, or set " + section + ":Provider.");
            default:
                throw new DatabaseConfigurationException(section + ":Provider must be sqlite, postgresql or empty (chosen by the "
                    + "connection string), not '" + options.Provider + "'.");
        }

        if (inferred != null && inferred != chosen)
        {
            throw new DatabaseConfigurationException(section + ":Provider is '" + options.Provider + "' but the connection string is a "
                + Describe(inferred.Value) + " one (" + (inferred == DatabaseProvider.PostgreSql ? "Host=" : "Data Source=") + "...). Leave "
                + section + ":Provider empty to choose by the connection string, or make the two agree.");
        }

        var unreadable = chosen == DatabaseProvider.Sqlite ? SqliteRejects(options.ConnectionString ?? "") : PostgreSqlRejects(options.ConnectionString ?? "");
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

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>A new open connection, synchronously (the cache's change check runs inside a lookup).</summary>
    public DbConnection Open()
    {
        if (_postgres != null)
        {
            return _postgres.OpenConnection();
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
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

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;

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
            if (options.MaximumPoolSize < 1)
            {
                throw new DatabaseConfigurationException("Lookup:Database:MaximumPoolSize must be at least 1, not " + options.MaximumPoolSize + ".");
            }

            builder.MaxPoolSize = options.MaximumPoolSize;
            builder.MinPoolSize = Math.Min(builder.MinPoolSize, builder.MaxPoolSize);
        }

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            // Shows in pg_stat_activity, so an administrator can count the server's connections.
            builder.ApplicationName = "attendance-lookup";
        }

        return builder;
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

    private static string? SqliteRejects(string connectionString)
    {
        try
        {
            _ = new SqliteConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException exception)
        {
            return exception.Message;
        }
    }

    private static string? PostgreSqlRejects(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException exception)
        {
            return exception.Message;
        }
    }

    private static string Describe(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
}

/// <summary>Lookup:Database settings that cannot work; the server reports it and exits with status 2.</summary>
public sealed class DatabaseConfigurationException(string message) : Exception(message);
