using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Attendance.Repository.Tests;

/// <summary>
/// The board compile of "dotnet build" (build/NanoFrameworkAbsent.targets) run on a small .nfproj written here:
/// a member the board lacks, in the real mscorlib or in a reference assembly of build/nano-reference, fails it;
/// members the board has compile.
/// </summary>
[TestClass]
public class BoardCompileTests
{
    private const string Fine = """
        using System.Text;
        public class Fine
        {
            // PadLeft(3): the board's PadLeft(int, char) has a default for the char.
            public string Text(byte[] bytes) { return "a".PadLeft(3) + Encoding.UTF8.GetString(bytes, 0, bytes.Length); }
            public int Timeout(System.Net.Sockets.Socket socket) { return socket.ReceiveTimeout; }
        }
        """;

    private const string Lacking = """
        using System.Text;
        public class Lacking
        {
            public string FromMscorlib(string text) { return text.Replace("a", "b"); }
            public string FromSystemText(byte[] bytes) { return Encoding.UTF8.GetString(bytes); }
            public bool FromSystemNet(System.Net.Sockets.Socket socket) { return socket.NoDelay; }
        }
        """;

    [TestMethod]
    public void A_member_the_board_lacks_fails_the_board_compile_and_members_it_has_compile()
    {
        var folder = Directory.CreateTempSubdirectory("board-compile-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "Fine.cs"), Fine);
            File.WriteAllText(Path.Combine(folder.FullName, "Lacking.cs"), Lacking);
            WriteProject(folder.FullName, "Fine.cs", "Lacking.cs");

            var (failedExit, failedOutput) = BuildBoardProject(folder.FullName);

            Assert.AreNotEqual(0, failedExit, failedOutput);
            var errors = Regex.Matches(failedOutput, @"(\w+)\.cs\(\d+,\d+\): error (CS\d+): [^\r\n]*")
                .Select(m => m.Groups[1].Value + " " + m.Groups[2].Value + " " + m.Value)
                .Distinct().ToList();
            Assert.AreEqual(3, errors.Count, failedOutput);
            Assert.IsTrue(errors.All(e => e.StartsWith("Lacking ", StringComparison.Ordinal)), string.Join(Environment.NewLine, errors));
            Assert.IsTrue(errors.Any(e => e.Contains("CS1061") && e.Contains("'Replace'")), string.Join(Environment.NewLine, errors));
            Assert.IsTrue(errors.Any(e => e.Contains("CS7036") && e.Contains("GetString")), string.Join(Environment.NewLine, errors));
            Assert.IsTrue(errors.Any(e => e.Contains("CS1061") && e.Contains("'NoDelay'")), string.Join(Environment.NewLine, errors));

            WriteProject(folder.FullName, "Fine.cs");
            var (exit, output) = BuildBoardProject(folder.FullName);

            Assert.AreEqual(0, exit, output);
            Assert.IsTrue(File.Exists(Path.Combine(folder.FullName, "bin", "Debug", "Probe.dll")), output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void WriteProject(string folder, params string[] sources)
    {
        var compile = string.Concat(sources.Select(s => "<Compile Include=\"" + s + "\" />"));
        File.WriteAllText(Path.Combine(folder, "Probe.nfproj"), $"""
            <Project ToolsVersion="15.0" DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
              <PropertyGroup>
                <Configuration>Debug</Configuration>
                <OutputType>Library</OutputType>
                <AssemblyName>Probe</AssemblyName>
              </PropertyGroup>
              <Import Project="{RepositoryLayout.PathOf("nfproj.props")}" />
              <ItemGroup>
                {compile}
                <Reference Include="mscorlib" />
                <Reference Include="nanoFramework.System.Text" />
                <Reference Include="System.Net" />
              </ItemGroup>
            </Project>
            """);
    }

    /// <summary>
    /// dotnet msbuild on the probe, with its own copy of the reference assemblies (NanoReferenceOutputPath), so
    /// that it never races the build this test runs in.
    /// </summary>
    private static (int ExitCode, string Output) BuildBoardProject(string folder)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "msbuild", "Probe.nfproj", "-nologo", "-v:q", "-nodeReuse:false",
                     "-p:NanoReferenceOutputPath=" + Path.Combine(folder, "references") + Path.DirectorySeparatorChar })
        {
            start.ArgumentList.Add(argument);
        }

        // The test host may carry the settings of the MSBuild that started it; the probe is a build of its own.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(180_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the board compile did not finish within 180 s");
        }

        return (process.ExitCode, output + error.Result);
    }
}
