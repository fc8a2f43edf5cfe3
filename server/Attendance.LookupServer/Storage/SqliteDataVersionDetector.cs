using System.Data.Common;
using System.Globalization;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// The version of the lookup tables on SQLite, read on a connection of its own that never writes.
/// <c>PRAGMA data_version</c> is the cheap first question: it changes whenever another connection (the server's
/// sessions, the separate import process, sqlite3) has committed to the file since the last read
/// (https://www.sqlite.org/pragma.html#pragma_data_version). Only then is the counter that the lookup tables'
/// triggers keep (<see cref="SchemaMigrator.LookupVersionTable"/>, migration 5) read, so a commit to another
/// table (a roll stored at a close, a portal sign-in) leaves the cache alone. A database without the counter (not
/// yet migrated) falls back to data_version itself: every commit counts, which is safe.
/// </summary>
internal sealed class SqliteDataVersionDetector(LookupDatabase database) : IDatabaseChangeDetector
{
    private DbConnection? _connection;
    private DbCommand? _dataVersion;
    private DbCommand? _lookupVersion;
    private long? _lastDataVersion;
    private long _lastVersion;

    public long ReadVersion()
    {
        try
        {
            if (_dataVersion == null)
            {
                _connection = database.Open();
                _dataVersion = Prepare(_connection, "PRAGMA data_version");
                var counted = Prepare(_connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '" + SchemaMigrator.LookupVersionTable + "'");
                if (ToLong(counted.ExecuteScalar()) == 1)
                {
                    _lookupVersion = Prepare(_connection, "SELECT version FROM " + SchemaMigrator.LookupVersionTable + " WHERE id = 1");
                }

                counted.Dispose();
            }

            var dataVersion = ToLong(_dataVersion.ExecuteScalar());
            if (dataVersion != _lastDataVersion)
            {
                // Read after the pragma: a commit in between is seen now or at the next check, never lost.
                _lastVersion = _lookupVersion == null ? dataVersion : ToLong(_lookupVersion.ExecuteScalar());
                _lastDataVersion = dataVersion;
            }

            return _lastVersion;
        }
        catch
        {
            // A failed connection is opened afresh at the next check; the caller treats the failure as a change.
            Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _dataVersion?.Dispose();
        _lookupVersion?.Dispose();
        _connection?.Dispose();
        _dataVersion = null;
        _lookupVersion = null;
        _connection = null;
        _lastDataVersion = null;
    }

    private static DbCommand Prepare(DbConnection connection, string text)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.Prepare();
        return command;
    }

    private static long ToLong(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
