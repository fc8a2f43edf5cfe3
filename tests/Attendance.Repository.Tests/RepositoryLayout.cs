namespace Attendance.Repository.Tests;

/// <summary>Paths of the repository under test, found from the test's own location.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) =>
        Path.GetFullPath(Path.Combine(Root, relativePath.Replace('\\', Path.DirectorySeparatorChar)));

    /// <summary>
    /// The repository's own files named <paramref name="pattern"/>: build output (bin/, obj/) and the git-ignored
    /// artifacts/ folder, where tools/nano-emulator/build.sh extracts other projects' sources, are left out.
    /// </summary>
    public static IEnumerable<string> OwnFiles(string pattern) =>
        Directory.EnumerateFiles(Root, pattern, SearchOption.AllDirectories)
            .Where(path => !Path.GetRelativePath(Root, path).Split(Path.DirectorySeparatorChar)
                .Any(part => part is "bin" or "obj" or "artifacts"));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Attendance.Firmware.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Attendance.Firmware.sln not found above " + AppContext.BaseDirectory);
    }
}
