using System.Data.Common;

namespace Attendance.LookupServer.Storage;

/// <summary>
/// <c>PRAGMA data_version</c> on a connection of its own that never writes: the value changes whenever another
/// connection (the server's sessions, the separate import process, sqlite3) has committed to the file since the
/// last read (https://www.sqlite.org/pragma.html#pragma_data_version). The pragma starts a read transaction, so
/// it sees every commit finished before it ran.
/// </summary>
internal sealed class SqliteDataVersionDetector(LookupDatabase database) : IDatabaseChangeDetector
{
    private DbConnection? _connection;
    private DbCommand? _command;

    public long ReadVersion()
    {
        try
        {
            if (_command == null)
            {
                _connection = database.Open();
                _command = _connection.CreateCommand();
                _command.CommandText = "PRAGMA data_version";
                _command.Prepare();
            }

            return Convert.ToInt64(_command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
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
        _command?.Dispose();
        _connection?.Dispose();
        _command = null;
        _connection = null;
    }
}
