namespace Attendance.Repository.Tests;

/// <summary>
/// The board projects (.nfproj) list their files by hand; their host twins glob. These tests fail as soon as
/// the two compile different sets of shared files, which would let code pass on the PC and miss the board.
/// </summary>
[TestClass]
public class BoardHostDriftTests
{
    /// <summary>Board project, its host twin, and board-only files (assembly attributes, framework import).</summary>
    public static IEnumerable<object[]> Twins =>
    [
        ["firmware/Attendance.Core/Attendance.Core.nfproj", "firmware/Attendance.Core/Attendance.Core.Host.csproj",
            new[] { "firmware/Attendance.Core/Properties/AssemblyInfo.cs" }],
        // The heap probe measured on the emulator (tools/nano-emulator/heap-probe.sh).
        ["bench/Attendance.Bench.BoardHeap/Attendance.Bench.BoardHeap.nfproj", "bench/Attendance.Bench.BoardHeap/Attendance.Bench.BoardHeap.csproj",
            new[] { "bench/Attendance.Bench.BoardHeap/ScenarioChoice.cs" }],
    ];

    [TestMethod]
    [DynamicData(nameof(Twins))]
    public void Board_project_compiles_exactly_the_files_of_its_host_twin(string boardProject, string hostProject, string[] boardOnly)
    {
        var board = ProjectFiles.BoardCompileItems(RepositoryLayout.PathOf(boardProject));
        foreach (var file in boardOnly)
        {
            Assert.IsTrue(board.Remove(RepositoryLayout.PathOf(file)), boardProject + " should compile its own " + file);
        }

        var host = ProjectFiles.HostCompileItems(RepositoryLayout.PathOf(hostProject));

        Assert.IsTrue(host.Count > 0, hostProject + " compiles nothing");
        var difference = ProjectFiles.Difference(Path.GetFileName(boardProject), board, Path.GetFileName(hostProject), host);
        Assert.IsNull(difference, difference);
    }

    /// <summary>
    /// The shared tests are two board assemblies (the metadata processor keeps at most 64 KiB of strings per
    /// assembly): together they compile exactly the host's test files, and each test file is in one of them only
    /// (the helpers in Fakes and Support are in both, but not their own tests).
    /// </summary>
    [TestMethod]
    public void The_two_board_test_assemblies_together_compile_exactly_the_shared_tests()
    {
        string[] projects = ["tests/Attendance.Core.Tests.Nano/NFUnitTest.nfproj", "tests/Attendance.Core.Tests.Nano.Mail/NFUnitTest.Mail.nfproj",
            "tests/Attendance.Core.Tests.Nano.Health/NFUnitTest.Health.nfproj"];
        var union = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var project in projects)
        {
            var folder = Path.GetDirectoryName(RepositoryLayout.PathOf(project))!;
            var board = ProjectFiles.BoardCompileItems(RepositoryLayout.PathOf(project));
            Assert.IsTrue(board.Remove(Path.Combine(folder, "Properties", "AssemblyInfo.cs")), project + " should compile its own AssemblyInfo.cs");
            Assert.IsTrue(board.Remove(Path.Combine(folder, "TestFrameworkImport.cs")), project + " should compile its own TestFrameworkImport.cs");
            foreach (var file in board)
            {
                var helper = (file.Contains(Path.DirectorySeparatorChar + "Fakes" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    || file.Contains(Path.DirectorySeparatorChar + "Support" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    && !file.EndsWith("Tests.cs", StringComparison.Ordinal);
                if (!helper && seen.TryGetValue(file, out var other))
                {
                    Assert.Fail(file + " is compiled by both " + other + " and " + project + ": its tests would run twice on the board");
                }

                seen[file] = project;
                union.Add(file);
            }
        }

        var host = ProjectFiles.HostCompileItems(RepositoryLayout.PathOf("tests/Attendance.Core.Tests/Attendance.Core.Tests.csproj"));
        var difference = ProjectFiles.Difference("the two NFUnitTest projects", union, "Attendance.Core.Tests.csproj", host);
        Assert.IsNull(difference, difference);
    }

    [TestMethod]
    public void Every_listed_board_file_exists()
    {
        foreach (var nfproj in RepositoryLayout.OwnFiles("*.nfproj"))
        {
            foreach (var file in ProjectFiles.BoardCompileItems(nfproj))
            {
                Assert.IsTrue(File.Exists(file), Path.GetFileName(nfproj) + " lists a missing file: " + file);
            }
        }
    }

    /// <summary>The check itself must be able to fail: a shared file the board project forgot is reported.</summary>
    [TestMethod]
    public void A_shared_file_missing_from_the_board_project_is_reported()
    {
        var directory = Directory.CreateTempSubdirectory("drift");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "Shared.csproj"),
                "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
            File.WriteAllText(Path.Combine(directory.FullName, "Board.nfproj"),
                "<Project><ItemGroup><Compile Include=\"A.cs\" /></ItemGroup></Project>");
            Directory.CreateDirectory(Path.Combine(directory.FullName, "Cards"));
            File.WriteAllText(Path.Combine(directory.FullName, "A.cs"), "class A { }");
            File.WriteAllText(Path.Combine(directory.FullName, "Cards", "B.cs"), "class B { }");

            var board = ProjectFiles.BoardCompileItems(Path.Combine(directory.FullName, "Board.nfproj"));
            var host = ProjectFiles.HostCompileItems(Path.Combine(directory.FullName, "Shared.csproj"));
            var difference = ProjectFiles.Difference("Board.nfproj", board, "Shared.csproj", host);

            Assert.IsNotNull(difference);
            StringAssert.Contains(difference, "missing from Board.nfproj");
            StringAssert.Contains(difference, Path.Combine("Cards", "B.cs"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
