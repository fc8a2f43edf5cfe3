using Attendance.LookupServer.Storage;

namespace Attendance.LookupServer.Admin;

/// <summary>
/// `cache flush`: asks every running server that shares our own database to empty its answer cache, by a row in
/// cache_flushes (Storage/CacheFlushDetector.cs says why a row and not an endpoint). For lookups on a database we do
/// not own, after a change there that must be seen before the answers' time-to-live runs out.
/// </summary>
public static class CacheCommand
{
    public const string Usage = "usage: cache flush   [--Lookup:Database:ConnectionString=...]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        var (words, settings) = CommandHost.Split(args);
        if (words.Count != 1 || words[0] != "flush")
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }

        using var host = await CommandHost.OpenAsync(settings);
        await using var connection = await host.Database.OpenAsync(CancellationToken.None);
        await Sql.ExecuteAsync(connection, null, "INSERT INTO cache_flushes (requested_utc) VALUES (@now)", CancellationToken.None,
            ("@now", DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await output.WriteLineAsync("cache: flush requested; running servers empty their answer caches within Lookup:Cache:FlushCheckIntervalMilliseconds "
            + "(1 s by default) on a mapped database, at their next change check on our own schema");
        return 0;
    }
}
