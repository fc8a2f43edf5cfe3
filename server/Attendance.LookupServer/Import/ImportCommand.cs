using Attendance.LookupServer.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Attendance.LookupServer.Import;

/// <summary>`import &lt;table&gt; &lt;file.csv&gt;`: loads a table into the configured database (migrating it first).</summary>
public static class ImportCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        if (args.Length < 2 || args[0].StartsWith("--", StringComparison.Ordinal) || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            await errors.WriteLineAsync("usage: import <table> <file.csv> [--Lookup:Database:ConnectionString=...]");
            await errors.WriteLineAsync("tables: " + string.Join(", ", ImportTable.All.Select(t => t.Name)));
            return 2;
        }

        var table = args[0];
        var file = args[1];
        if (!File.Exists(file))
        {
            await errors.WriteLineAsync("import: file not found: " + file);
            return 2;
        }

        var builder = LookupServerApp.CreateBuilder(args[2..]);
        using var host = builder.Build();
        var options = host.Services.GetRequiredService<IOptions<LookupServerOptions>>().Value;
        var database = host.Services.GetRequiredService<LookupDatabase>();
        await SchemaMigrator.MigrateAsync(database, CancellationToken.None);

        // UTF-8, with or without a byte order mark; invalid bytes are an error rather than silently replaced.
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, true).GetString(await File.ReadAllBytesAsync(file));
        }
        catch (System.Text.DecoderFallbackException)
        {
            await errors.WriteLineAsync("import: " + file + " is not valid UTF-8; nothing was imported");
            return 1;
        }

        var result = await CsvImporter.ImportAsync(database, table, text, CancellationToken.None);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                await errors.WriteLineAsync("import: " + file + ": " + error);
            }

            await errors.WriteLineAsync("import: nothing was imported into " + table);
            return 1;
        }

        await output.WriteLineAsync("import: " + result.RowsImported + " rows imported into " + table + " (" + LookupDatabase.ChooseProvider(options.Database) + ")");
        return 0;
    }
}
