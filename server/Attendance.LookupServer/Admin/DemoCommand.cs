using Attendance.LookupServer.Storage;

namespace Attendance.LookupServer.Admin;

/// <summary>`demo remove`: deletes the demo data set (Storage/SampleData.cs), keeping anything changed or still referred to.</summary>
public static class DemoCommand
{
    public const string Usage = "usage: demo remove   [--Lookup:Database:ConnectionString=...]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        var (words, settings) = CommandHost.Split(args);
        if (words.Count != 1 || words[0] != "remove")
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }

        using var host = await CommandHost.OpenAsync(settings);
        var deleted = await SampleData.RemoveAsync(host.Database, CancellationToken.None);
        var total = deleted.Sum(row => row.Rows);
        await output.WriteLineAsync("demo: " + (total == 0 ? "no demo rows found" : "deleted " + string.Join(", ", deleted.Where(row => row.Rows > 0).Select(row => row.Rows + " " + row.Table))));
        var left = await SampleData.CountDemoKeysAsync(host.Database, CancellationToken.None);
        if (left > 0)
        {
            // T01 whose description or id changed but which still has the public key.
            await errors.WriteLineAsync("demo: " + left + " terminal(s) still have the public demo key: `terminals list` shows them; rotate or remove them");
            return 1;
        }

        return 0;
    }
}
