using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;

namespace Attendance.Repository.Tests;

/// <summary>Reads the compile lists of board (.nfproj) and host (.csproj) projects.</summary>
public static class ProjectFiles
{
    /// <summary>
    /// The source files a board project compiles, as full paths, from its Compile items (Include, with
    /// backslashes as the nanoFramework project system writes them).
    /// </summary>
    public static SortedSet<string> BoardCompileItems(string nfprojPath)
    {
        var document = XDocument.Load(nfprojPath);
        var directory = Path.GetDirectoryName(nfprojPath)!;
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var compile in document.Descendants().Where(e => e.Name.LocalName == "Compile"))
        {
            var include = (string?)compile.Attribute("Include") ?? throw new InvalidDataException(nfprojPath + ": Compile without Include");
            files.Add(Path.GetFullPath(Path.Combine(directory, include.Replace('\\', Path.DirectorySeparatorChar))));
        }

        return files;
    }

    /// <summary>
    /// The source files a host project compiles, as MSBuild evaluates them (globs, removes and all), so the
    /// comparison sees exactly what "dotnet build" compiles. Files under obj/ are build output and skipped.
    /// </summary>
    public static SortedSet<string> HostCompileItems(string csprojPath)
    {
        var start = new ProcessStartInfo("dotnet", ["msbuild", csprojPath, "-getItem:Compile", "-nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet msbuild -getItem failed for " + csprojPath + ":\n" + output + errors);
        }

        var directory = Path.GetDirectoryName(csprojPath)!;
        var files = new SortedSet<string>(StringComparer.Ordinal);
        using var json = JsonDocument.Parse(output);
        foreach (var item in json.RootElement.GetProperty("Items").GetProperty("Compile").EnumerateArray())
        {
            var fullPath = Path.GetFullPath(Path.Combine(directory, item.GetProperty("Identity").GetString()!));
            if (!fullPath.Split(Path.DirectorySeparatorChar).Contains("obj"))
            {
                files.Add(fullPath);
            }
        }

        return files;
    }

    /// <summary>Describes how two compile lists differ, or returns null when they are equal.</summary>
    public static string? Difference(string boardName, IEnumerable<string> board, string hostName, IEnumerable<string> host)
    {
        var onlyBoard = board.Except(host).Select(Relative).ToList();
        var onlyHost = host.Except(board).Select(Relative).ToList();
        if (onlyBoard.Count == 0 && onlyHost.Count == 0)
        {
            return null;
        }

        var lines = new List<string>();
        lines.AddRange(onlyHost.Select(f => "missing from " + boardName + ": " + f));
        lines.AddRange(onlyBoard.Select(f => "compiled by " + boardName + " but not by " + hostName + ": " + f));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Relative(string fullPath) => Path.GetRelativePath(RepositoryLayout.Root, fullPath);
}
