using System.Text;
using Attendance.Core.Configuration;

namespace Attendance.HostTerminal;

/// <summary>
/// Reads the terminal's settings file with the board's own parser, after applying command-line overrides
/// (<c>--set key=value</c>): an override replaces the file's line for that key, so errors still name lines.
/// A file that names no board is read as <c>board = pc</c>.
/// </summary>
public static class HostSettings
{
    public static TerminalSettings Load(string path, IReadOnlyList<string> overrides) => SettingsParser.Parse(LoadText(path, overrides));

    /// <summary>
    /// The file's text with the overrides applied, as the parser reads it: the "local file" whose values win over the
    /// lookup server's (<see cref="ServerSettings"/>).
    /// </summary>
    public static string LoadText(string path, IReadOnlyList<string> overrides)
    {
        var lines = File.ReadAllLines(path, Encoding.UTF8).ToList();
        if (!lines.Any(line => KeyOf(line) == "board"))
        {
            // The board profiles name pins and Wi-Fi; on a PC none apply.
            lines.Insert(0, "board = pc");
        }

        foreach (var assignment in overrides)
        {
            var equals = assignment.IndexOf('=');
            if (equals <= 0)
            {
                throw new SettingsException(0, assignment, "--set expects key=value, got '" + assignment + "'");
            }

            var key = assignment[..equals].Trim();
            lines.RemoveAll(line => KeyOf(line) == key);
            lines.Add(key + " = " + assignment[(equals + 1)..].Trim());
        }

        return string.Join("\n", lines);
    }

    private static string? KeyOf(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith('#'))
        {
            return null;
        }

        var equals = trimmed.IndexOf('=');
        return equals < 0 ? null : trimmed[..equals].Trim();
    }
}
