using Npgsql;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// PostgreSQL's counterpart of <c>PRAGMA data_version</c>: the change triggers of the schema (SchemaMigrator,
/// migration 2) NOTIFY <see cref="SchemaMigrator.ChangeChannel"/> at the commit of every transaction that wrote a
/// lookup table, whoever wrote it; this detector LISTENs on a connection of its own (outside the pool) and counts
/// them.
/// <para>
/// A notification is sent to the listener asynchronously, a moment after the writer's commit returned, so
/// counting what has arrived would leave a short window in which an import that has finished is not yet seen.
/// Each check therefore sends a marker on a channel private to this detector and reads until the marker comes
/// back: PostgreSQL delivers notifications in commit order from one queue, so every change committed before the
/// check began has been counted by then. A check is one round trip (a transaction that only queues the marker).
/// </para>
/// A connection that fails is opened again at the next check, and the version moves (notifications may have
/// been missed meanwhile); until then every check fails, which the cache treats as a change.
/// </summary>
internal sealed class PostgreSqlChangeDetector : IDatabaseChangeDetector
{
    /// <summary>How long a check waits for its marker before it gives up (and counts as a change).</summary>
    private static readonly TimeSpan MarkerTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// While no lookup checks (a quiet night with a long import), the notifications still have to be read:
    /// unread, they would fill the socket, stall the listening backend and let PostgreSQL's notification queue grow.
    /// </summary>
    private static readonly TimeSpan IdleDrain = TimeSpan.FromSeconds(10);

    private readonly LookupDatabase _database;
    private readonly object _sync = new();
    private readonly Timer _drain;

    private readonly string _markerChannel = "attendance_cache_check_" + Guid.NewGuid().ToString("N");
    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _marker;
    private long _version;
    private long _sent;
    private long _received;

    public PostgreSqlChangeDetector(LookupDatabase database)
    {
        _database = database;
        _drain = new Timer(_ => Drain(), null, IdleDrain, IdleDrain);
    }

    public long ReadVersion()
    {
        lock (_sync)
        {
            return ReadVersionLocked();
        }
    }

    public void Dispose()
    {
        _drain.Dispose();
        lock (_sync)
        {
            Close();
        }
    }

    private void Drain()
    {
        lock (_sync)
        {
            if (_connection != null)
            {
                try
                {
                    // The versions counted here are compared by the next real check as usual.
                    ReadVersionLocked();
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    // Closed by ReadVersionLocked; the next check opens a new connection and counts it as a change.
                }
            }
        }
    }

    private long ReadVersionLocked()
    {
        try
        {
            if (_connection == null)
            {
                Connect();
            }

            var marker = ++_sent;
            _marker!.Parameters[0].Value = marker.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _marker.ExecuteNonQuery();
            var deadline = DateTime.UtcNow + MarkerTimeout;
            while (Volatile.Read(ref _received) < marker)
            {
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw new TimeoutException("the cache's change check did not get its marker back within " + MarkerTimeout.TotalSeconds + " s");
                }

                _connection!.Wait(left);
            }

            return Volatile.Read(ref _version);
        }
        catch
        {
            // Opened afresh at the next check; the caller treats the failure as a change.
            Close();
            throw;
        }
    }

    private void Close()
    {
        _marker?.Dispose();
        _connection?.Dispose();
        _marker = null;
        _connection = null;
    }

    private void Connect()
    {
        var connection = _database.OpenUnpooled();
        try
        {
            connection.Notification += (_, notification) =>
            {
                if (notification.Channel == _markerChannel)
                {
                    Volatile.Write(ref _received, long.Parse(notification.Payload, System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    Interlocked.Increment(ref _version);
                }
            };
            using (var listen = new NpgsqlCommand("LISTEN " + SchemaMigrator.ChangeChannel + "; LISTEN " + _markerChannel, connection))
            {
                listen.ExecuteNonQuery();
            }

            _marker = new NpgsqlCommand("SELECT pg_notify('" + _markerChannel + "', @marker)", connection);
            _marker.Parameters.Add(new NpgsqlParameter("marker", NpgsqlTypes.NpgsqlDbType.Text));
            _marker.Prepare();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        _connection = connection;

        // Changes committed while no connection listened were not counted: a new connection is a change.
        Interlocked.Increment(ref _version);
    }
}
