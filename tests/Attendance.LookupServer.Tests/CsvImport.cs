using System.Text;
using Attendance.LookupServer.Import;

namespace Attendance.LookupServer.Tests;

/// <summary>The server's `import` command run on CSV text written to a temporary file, as a user runs it on a file.</summary>
public static class CsvImport
{
    /// <summary>
    /// Runs `import [mode] table file --Lookup:Database:...`; <paramref name="provider"/> null leaves the provider to
    /// be inferred from the connection string. Returns the exit status and what the command wrote.
    /// </summary>
    public static async Task<(int Status, string Output, string Errors)> RunAsync(string connectionString, string table, string csv,
        string? provider = null, string? mode = null)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, csv, new UTF8Encoding(false));
            var output = new StringWriter();
            var errors = new StringWriter();
            List<string> arguments = [table, file];
            if (provider != null)
            {
                arguments.Add("--Lookup:Database:Provider=" + provider);
            }

            arguments.Add("--Lookup:Database:ConnectionString=" + connectionString);
            if (mode != null)
            {
                arguments.Insert(0, mode);
            }

            var status = await ImportCommand.RunAsync([.. arguments], output, errors);
            return (status, output.ToString(), errors.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>As <see cref="RunAsync"/>, failing the test unless the import succeeds.</summary>
    public static async Task SucceedsAsync(string connectionString, string table, string csv, string? provider = null)
    {
        var (status, _, errors) = await RunAsync(connectionString, table, csv, provider);
        Assert.AreEqual(0, status, errors);
    }
}
