using System.Text;
using System.Text.Unicode;
using Attendance.LookupServer.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Attendance.LookupServer.Import;

/// <summary>
/// `import [--upsert|--replace] &lt;table&gt; &lt;file.csv&gt;`: loads a table into the configured database (migrating
/// it first), all-or-nothing, under the data rules (Storage/DataRules.cs).
/// </summary>
public static class ImportCommand
{
    public const string Usage = "usage: import [--upsert | --replace] <table> <file.csv> [--Lookup:Database:ConnectionString=...]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        var mode = ImportMode.Insert;
        var positional = new List<string>();
        var settings = new List<string>();
        foreach (var argument in args)
        {
            if (argument is "--upsert" or "--replace")
            {
                var chosen = argument == "--upsert" ? ImportMode.Upsert : ImportMode.Replace;
                if (mode != ImportMode.Insert && mode != chosen)
                {
                    await errors.WriteLineAsync("import: --upsert and --replace exclude each other");
                    return 2;
                }

                mode = chosen;
            }
            else if (argument.StartsWith("--", StringComparison.Ordinal) || positional.Count == 2)
            {
                settings.Add(argument);
            }
            else
            {
                positional.Add(argument);
            }
        }

        if (positional.Count < 2)
        {
            await errors.WriteLineAsync(Usage);
            await errors.WriteLineAsync("  (default: insert, a key already in the table is an error; --upsert: insert or update by key;");
            await errors.WriteLineAsync("   --replace: the table ends up holding exactly the file's rows)");
            await errors.WriteLineAsync("tables: " + string.Join(", ", ImportTable.All.Select(t => t.Name)));
            return 2;
        }

        var table = positional[0];
        var file = positional[1];
        if (!File.Exists(file))
        {
            await errors.WriteLineAsync("import: file not found: " + file);
            return 2;
        }

        var builder = LookupServerApp.CreateBuilder(settings.ToArray());
        using var host = builder.Build();
        var options = host.Services.GetRequiredService<IOptions<LookupServerOptions>>().Value;
        var database = host.Services.GetRequiredService<LookupDatabase>();
        await SchemaMigrator.MigrateAsync(database, CancellationToken.None);

        // UTF-8, with or without a byte order mark; invalid bytes are an error (by line) rather than silently replaced.
        var bytes = await File.ReadAllBytesAsync(file);
        var encodingErrors = CheckUtf8(bytes);
        if (encodingErrors.Count > 0)
        {
            foreach (var error in encodingErrors)
            {
                await errors.WriteLineAsync("import: " + file + " " + error);
            }

            await errors.WriteLineAsync("import: " + file + " is not valid UTF-8 (save it as \"CSV UTF-8\"); nothing was imported into " + table);
            return 1;
        }

        var text = new UTF8Encoding(false, true).GetString(bytes);
        var result = await CsvImporter.ImportAsync(database, table, text, mode, CancellationToken.None);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                await errors.WriteLineAsync("import: " + file + (error.StartsWith("line ", StringComparison.Ordinal) ? " " : ": ") + error);
            }

            await errors.WriteLineAsync("import: nothing was imported into " + table);
            return 1;
        }

        var provider = LookupDatabase.ChooseProvider(options.Database);
        var modeName = mode.ToString().ToLowerInvariant();
        await output.WriteLineAsync("import: " + result.RowsImported + " rows imported into " + table + " (" + modeName + ", " + provider + ")"
            + (mode == ImportMode.Replace ? "; " + result.RowsDeleted + " rows not in the file deleted" : ""));
        return 0;
    }

    /// <summary>
    /// The lines (1-based, as an editor counts them) holding bytes that are not UTF-8, with the byte's column; at
    /// most ten. A UTF-16 file is named as such, since spreadsheets offer "Unicode text" next to "CSV UTF-8".
    /// </summary>
    public static List<string> CheckUtf8(byte[] bytes)
    {
        var problems = new List<string>();
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            problems.Add("line 1: starts with a UTF-16 byte order mark; the file must be UTF-8");
            return problems;
        }

        var start = 0;
        var line = 1;
        while (start <= bytes.Length && problems.Count < 10)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            var length = (end < 0 ? bytes.Length : end) - start;
            var span = new ReadOnlySpan<byte>(bytes, start, length);
            if (!Utf8.IsValid(span))
            {
                var valid = 0;
                while (valid < span.Length)
                {
                    var status = System.Text.Rune.DecodeFromUtf8(span[valid..], out _, out var consumed);
                    if (status != System.Buffers.OperationStatus.Done)
                    {
                        break;
                    }

                    valid += consumed;
                }

                problems.Add("line " + line + ": byte " + (valid + 1) + " (0x" + span[valid].ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + ") is not UTF-8");
            }

            if (end < 0)
            {
                break;
            }

            start = end + 1;
            line++;
        }

        return problems;
    }
}
