namespace Attendance.LookupServer.Storage;

/// <summary>
/// For lookups on a database we do not own (no change triggers there): the "version" is the newest flush request
/// in our own database's cache_flushes (`cache flush`), so the cache empties when one is made and otherwise keeps
/// answers for their time-to-live. A table row rather than an admin endpoint: it reaches every instance sharing
/// our database, needs no port, address or credential of its own, and whoever may flush is whoever may write our
/// database (as for `terminals add`).
/// </summary>
internal sealed class CacheFlushDetector(LookupDatabase own) : IDatabaseChangeDetector
{
    public long ReadVersion()
    {
        using var connection = own.Open();
        using var command = Sql.Command(connection, "SELECT COALESCE(MAX(id), 0) FROM cache_flushes", null);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
    }
}
