namespace Attendance.LookupServer.Storage;

/// <summary>
/// Tells <see cref="CachingLookupStore"/> whether the database may have changed: two reads that return the
/// same version mean no commit happened in between. Called by one thread at a time.
/// </summary>
internal interface IDatabaseChangeDetector : IDisposable
{
    long ReadVersion();
}
