using MySqlConnector;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// MariaDB/MySQL has no NOTIFY: the schema's row triggers on the lookup tables bump the single row of
/// <see cref="SchemaMigrator.MariaDbVersionTable"/> in the writer's transaction, and this reads it on a connection
/// of its own, outside the pool. Each read runs in autocommit, so InnoDB gives it a fresh snapshot: it sees every
/// transaction committed before it, and none that rolled back.
/// </summary>
internal sealed class MariaDbChangeDetector(LookupDatabase database) : IDatabaseChangeDetector
{
    private MySqlConnection? _connection;
    private MySqlCommand? _command;

    public long ReadVersion()
    {
        try
        {
            if (_command == null)
            {
                _connection = database.OpenUnpooledMariaDb();
                _command = new MySqlCommand("SELECT version FROM " + SchemaMigrator.MariaDbVersionTable + " WHERE id = 1", _connection);
                _command.Prepare();
            }

            return Convert.ToInt64(_command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch
        {
            // A lost connection is opened afresh at the next check; the caller treats the failure as a change.
            Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _command?.Dispose();
        _connection?.Dispose();
        _command = null;
        _connection = null;
    }
}
