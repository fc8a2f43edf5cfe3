namespace Attendance.LookupServer.Storage;

/// <summary>Every check is a change: with the check interval as time to live, answers are dropped after it (PostgreSQL).</summary>
internal sealed class EveryCheckIsAChange : IDatabaseChangeDetector
{
    private long _version;

    public long ReadVersion() => ++_version;

    public void Dispose()
    {
    }
}
