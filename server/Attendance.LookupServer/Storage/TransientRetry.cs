using System.Net.Sockets;
using FirebirdSql.Data.FirebirdClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using Npgsql;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// Retries a database read that failed for a reason that passes: PostgreSQL out of connections (53300), starting
/// up or shutting down (57P01-57P03), serialization failure or deadlock (40001, 40P01), a lost or refused
/// connection, a timeout, an exhausted pool; SQLite busy or locked; MariaDB/MySQL and Firebird alike
/// (<see cref="MariaDbTransientCodes"/>, <see cref="FirebirdTransientCodes"/>). A few tries with a short, doubling, jittered
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

    /// <summary>
    /// MariaDB/MySQL server errors that pass: too many connections (1040; 1203 and 1226 per user), host or server not
    /// reachable or gone (1042, 1053 shutdown in progress, 1077/1079 normal shutdown, 1152/1153/1156-1161 aborted or
    /// broken packets, 1927 connection killed, 2002/2003/2006/2013 client-side: cannot connect, server gone,
    /// lost during query), lock wait timeout (1205), deadlock (1213), statement interrupted or timed out (1317,
    /// 1969 max_statement_time), read-only mode while a replica is promoted (1836). Not: syntax (1064), unknown
    /// table or column (1146, 1054), access denied (1044, 1045, 1142), duplicate key (1062).
    /// </summary>
    internal static readonly int[] MariaDbTransientCodes =
        [1040, 1203, 1226, 1042, 1053, 1077, 1079, 1152, 1153, 1156, 1157, 1158, 1159, 1160, 1161, 1927, 2002, 2003, 2006, 2013,
         1205, 1213, 1317, 1969, 1836];

    /// <summary>
    /// Firebird status codes (ISC) that pass: deadlock / update conflict (335544336, 335544451), lock conflict on a
    /// no-wait transaction and lock time-out (335544345, 335544510), network failures (335544721 unable to complete
    /// the request, 335544726 read, 335544727 write, 335544648 and 335544741 connection lost), refused or shut
    /// down (335544421 connect reject, 335544375 unavailable, 335544528 database shutdown, 335544856 connection
    /// shutdown), and a handle made invalid by a lost connection (335544324). Not: login (335544472), unknown
    /// table or column (335544569 dynamic SQL error), constraint violations.
    /// </summary>
    internal static readonly int[] FirebirdTransientCodes =
        [335544336, 335544451, 335544345, 335544510, 335544721, 335544726, 335544727, 335544648, 335544741,
         335544421, 335544375, 335544528, 335544856, 335544324];

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
            case MySqlException mariaDb:
                // CommandTimeoutExpired: MySqlConnector's own Command Timeout (it cancels the statement on the server).
                return MariaDbTransientCodes.Contains(mariaDb.Number) || mariaDb.IsTransient || mariaDb.ErrorCode == MySqlErrorCode.CommandTimeoutExpired
                    || (mariaDb.ErrorCode == MySqlErrorCode.None && mariaDb.InnerException != null && IsTransient(mariaDb.InnerException));
            case FbException firebird:
                return firebird.Errors.Any(error => FirebirdTransientCodes.Contains(error.Number)) || FirebirdTransientCodes.Contains(firebird.ErrorCode)
                    || (firebird.InnerException != null && IsTransient(firebird.InnerException));
            case SqliteException sqlite:
                return sqlite.SqliteErrorCode is 5 or 6; // SQLITE_BUSY, SQLITE_LOCKED
            case TimeoutException or SocketException or IOException:
                return true;
            default:
                return exception.InnerException != null && IsTransient(exception.InnerException);
        }
    }

    private static string Describe(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState + " " + postgres.MessageText,
        MySqlException mariaDb => "MariaDB " + mariaDb.Number + " " + mariaDb.Message,
        FbException firebird => "Firebird " + firebird.ErrorCode + " " + firebird.Message,
        _ => exception.GetType().Name + ": " + exception.Message,
    };
}

/// <summary>The database could not answer after the retries (it is down, out of connections, or timing out).</summary>
public sealed class DatabaseUnavailableException(Exception inner)
    : Exception("The database is unavailable: " + inner.Message, inner);

internal static partial class StorageLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Database failure that may pass ({Failure}); retry {Attempt} in {DelayMilliseconds} ms")]
    public static partial void Retrying(ILogger logger, string failure, int attempt, int delayMilliseconds);
}
