using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Attendance.Core.Security;
using Attendance.LookupServer.Storage;

namespace Attendance.LookupServer.Admin;

/// <summary>
/// `terminals add|rotate|remove|list`: terminal keys without hand-made hex. A new key is 32 bytes from the
/// operating system's CSPRNG (<see cref="RandomNumberGenerator"/>), written as base64url text (43 characters, no
/// '=', nothing terminal.config would read differently) and shown once, as the terminal.key line to paste into
/// the terminal's terminal.config. The terminal uses that text's UTF-8 bytes as its HMAC key
/// (TerminalComponents), so the server stores the hex of those bytes in terminals.key_hex. `list` never
/// shows keys.
/// </summary>
public static class TerminalsCommand
{
    public const string Usage = "usage: terminals add <id> [description] | rotate <id> | remove <id> | list   [--Lookup:Database:ConnectionString=...]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        var (words, settings) = CommandHost.Split(args);
        var verb = words.Count > 0 ? words[0] : "";
        var expected = verb switch { "add" => words.Count is 2 or 3, "rotate" or "remove" => words.Count == 2, "list" => words.Count == 1, _ => false };
        if (!expected)
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }

        string? id = null;
        if (verb != "list")
        {
            id = words[1];
            var problem = DataRules.Check(ValueKind.TerminalId, id);
            if (problem != null)
            {
                await errors.WriteLineAsync("terminals: the id '" + id + "' " + problem);
                return 2;
            }
        }

        var description = verb == "add" && words.Count == 3 ? words[2].Trim() : "";
        if (description.Length > 0 && DataRules.Check(ValueKind.Description, description) is { } bad)
        {
            await errors.WriteLineAsync("terminals: the description " + bad);
            return 2;
        }

        using var host = await CommandHost.OpenAsync(settings);
        await using var connection = await host.Database.OpenAsync(CancellationToken.None);
        var existing = id == null ? null : await Sql.ScalarTextAsync(connection, "SELECT key_hex FROM terminals WHERE id = @id", CancellationToken.None, ("@id", id));
        switch (verb)
        {
            case "list":
                await ListAsync(connection, output);
                return 0;
            case "add" when existing != null:
                await errors.WriteLineAsync("terminals: " + id + " already exists; `terminals rotate " + id + "` gives it a new key");
                return 1;
            case "rotate" or "remove" when existing == null:
                await errors.WriteLineAsync("terminals: no terminal " + id + " (`terminals list` shows them)");
                return 1;
            case "remove":
                await Sql.ExecuteAsync(connection, null, "DELETE FROM terminals WHERE id = @id", CancellationToken.None, ("@id", id!));
                await output.WriteLineAsync("terminals: removed " + id + "; it can no longer authenticate");
                return 0;
        }

        var key = NewKeyText();
        var keyHex = HexText.FromBytes(Encoding.UTF8.GetBytes(key));
        if (verb == "add")
        {
            await Sql.ExecuteAsync(connection, null, "INSERT INTO terminals (id, key_hex, description) VALUES (@id, @key, @description)", CancellationToken.None,
                ("@id", id!), ("@key", keyHex), ("@description", description.Length == 0 ? DBNull.Value : description));
        }
        else
        {
            await Sql.ExecuteAsync(connection, null, "UPDATE terminals SET key_hex = @key WHERE id = @id", CancellationToken.None, ("@id", id!), ("@key", keyHex));
        }

        await output.WriteLineAsync("terminals: " + (verb == "add" ? "added " : "new key for ") + id
            + (verb == "rotate" ? " (the old key no longer authenticates)" : "") + ". The key is shown this once; put these lines in its terminal.config:");
        await output.WriteLineAsync("terminal.id = " + id);
        await output.WriteLineAsync("terminal.key = " + key);
        return 0;
    }

    /// <summary>32 bytes of the CSPRNG as base64url without padding: 43 characters of A-Z a-z 0-9 - _.</summary>
    public static string NewKeyText() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static async Task ListAsync(DbConnection connection, TextWriter output)
    {
        await using var command = Sql.Command(connection, "SELECT id, description, key_hex FROM terminals ORDER BY id", null);
        await using var reader = await command.ExecuteReaderAsync();
        var count = 0;
        while (await reader.ReadAsync())
        {
            count++;
            var description = reader.IsDBNull(1) ? "" : reader.GetString(1);
            // The key itself is never shown; only whether it is the public demo key, which must not stay in use.
            var demo = string.Equals(reader.GetString(2), SampleData.DemoTerminalKeyHex, StringComparison.OrdinalIgnoreCase) ? "  [public demo key]" : "";
            await output.WriteLineAsync(reader.GetString(0) + (description.Length > 0 ? "  " + description : "") + demo);
        }

        await output.WriteLineAsync("terminals: " + count + " terminal" + (count == 1 ? "" : "s"));
    }
}
