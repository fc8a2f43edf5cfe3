using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// Retries a database read that failed for a reason that passes: PostgreSQL out of connections (53300), starting
/// up or shutting down (57P01-57P03), serialization failure or deadlock (40001, 40P01), a lost or refused
/// connection, a timeout, an exhausted pool; SQLite busy or locked. A few tries with a short, doubling, jittered
/// delay (50, 100, 200 ms by default: well inside the terminals' 5 s per-request timeout); then the failure is
/// thrown as a <see cref="DatabaseUnavailableException"/>, which the protocol answers <c>ERRO|servidor
/// indisponivel</c> and the terminal treats as passing trouble. Other failures are thrown at once.
/// </summary>
public sealed class TransientRetry
{
    private readonly int _retries;
    private readonly int _delayMilliseconds;

    internal TransientRetry(int retries, int delayMilliseconds)
    {
        _retries = Math.Max(0, retries);
        _delayMilliseconds = Math.Max(0, delayMilliseconds);
    }

    internal async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, ILogger? logger, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && IsTransient(exception))
            {
                if (attempt >= _retries)
                {
                    throw new DatabaseUnavailableException(exception);
                }

                var delay = _delayMilliseconds << Math.Min(attempt, 10);
                delay += Random.Shared.Next(delay / 2 + 1);
                if (logger != null)
                {
                    StorageLog.Retrying(logger, Describe(exception), attempt + 1, delay);
                }

                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>True for failures that another try, a moment later, may not meet.</summary>
    public static bool IsTransient(Exception exception)
    {
        switch (exception)
        {
            case DatabaseUnavailableException:
                return false;
            case PostgresException postgres:
                return postgres.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
                    || postgres.SqlState.StartsWith("53", StringComparison.Ordinal) // insufficient resources: 53300 too many connections
                    || postgres.SqlState is "40001" or "40P01" // serialization failure, deadlock
                        or "57P01" or "57P02" or "57P03" // administrator/crash shutdown, cannot connect now
                        or "55P03" or "57014" // lock not available, statement timeout
                    || postgres.IsTransient;
            case NpgsqlException npgsql:
                // No server error: the connection broke, could not be opened, timed out, or the pool is exhausted.
                return true;
            case SqliteException sqlite:
                return sqlite.SqliteErrorCode is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED
            case TimeoutException or SocketException or IOException:
                return true;
            default:
                return exception.InnerException != null && IsTransient(exception.InnerException);
        }
    }

    private static string Describe(Exception exception) =>
        exception is PostgresException postgres ? postgres.SqlState + " " + postgres.MessageText : exception.GetType().Name + ": " + exception.Message;
}

/// <summary>The database could not answer after the retries (it is down, out of connections, or timing out).</summary>
public sealed class DatabaseUnavailableException(Exception inner)
    : Exception("The database is unavailable: " + inner.Message, inner);

internal static partial class StorageLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Database failure that may pass ({Failure}); retry {Attempt} in {DelayMilliseconds} ms")]
    public static partial void Retrying(ILogger logger, string failure, int attempt, int delayMilliseconds);
}
