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
    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _postgres;

    public LookupDatabase(DatabaseOptions options)
    {
        Provider = ChooseProvider(options);
        if (Provider == DatabaseProvider.PostgreSql)
        {
            _postgres = NpgsqlDataSource.Create(options.ConnectionString);
            _connectionString = options.ConnectionString;
        }
        else
        {
            // Foreign keys are off in SQLite unless asked for on every connection.
            var builder = new SqliteConnectionStringBuilder(options.ConnectionString) { ForeignKeys = true };
            _connectionString = builder.ToString();
        }
    }

    public DatabaseProvider Provider { get; }

    public static DatabaseProvider ChooseProvider(DatabaseOptions options)
    {
        var name = options.Provider.Trim().ToLowerInvariant();
        return name switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgresql" or "postgres" or "npgsql" => DatabaseProvider.PostgreSql,
            "" => options.ConnectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
                ? DatabaseProvider.PostgreSql
                : DatabaseProvider.Sqlite,
            _ => throw new InvalidOperationException("Lookup:Database:Provider must be sqlite or postgresql, not '" + options.Provider + "'."),
        };
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

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
}
