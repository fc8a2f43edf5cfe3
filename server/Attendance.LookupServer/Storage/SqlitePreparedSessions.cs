using System.Collections.Concurrent;
using System.Data.Common;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// Open SQLite connections, each with its prepared commands, lent to one query at a time. Opening a pooled
/// connection per query still costs a <c>PRAGMA foreign_keys</c> and a statement prepare every time, which
/// was most of a lookup's time (bench/Attendance.Bench.Lookup, throughput). Answers are unchanged: every
/// query still reads the database, so rows imported by another process are seen at once (SQLite checks the
/// file's change counter at each transaction start), and a schema change re-prepares the statement.
/// </summary>
internal sealed class SqlitePreparedSessions : IDisposable
{
    /// <summary>Sessions kept idle at most; more only exist while that many queries run at once.</summary>
    private const int MaximumIdle = 32;

    private readonly LookupDatabase _database;
    private readonly ConcurrentBag<Session> _idle = new();
    private bool _disposed;

    public SqlitePreparedSessions(LookupDatabase database)
    {
        _database = database;
    }

    public async Task<object?> ScalarAsync(string text, CancellationToken cancellationToken, (string Name, object Value)[] parameters)
    {
        if (!_idle.TryTake(out var session))
        {
            session = new Session(await _database.OpenAsync(cancellationToken));
        }

        try
        {
            var command = session.Command(text, parameters);
            for (var i = 0; i < parameters.Length; i++)
            {
                command.Parameters[i].Value = parameters[i].Value;
            }

            var result = command.ExecuteScalar();
            if (_disposed || _idle.Count >= MaximumIdle)
            {
                session.Dispose();
            }
            else
            {
                _idle.Add(session);
            }

            return result;
        }
        catch
        {
            // A connection that failed mid-query is not trusted again.
            session.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }
    }

    private sealed class Session(DbConnection connection) : IDisposable
    {
        private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

        public DbCommand Command(string text, (string Name, object Value)[] parameters)
        {
            if (!_commands.TryGetValue(text, out var command))
            {
                command = Sql.Command(connection, text, null, parameters);
                command.Prepare();
                _commands.Add(text, command);
            }

            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            connection.Dispose();
        }
    }
}
