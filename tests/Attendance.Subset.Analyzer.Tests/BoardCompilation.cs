using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Attendance.Subset.Analyzer.Tests;

/// <summary>
/// Compiles a snippet the way build/NanoFrameworkAbsent.targets compiles the board projects: C# 10, no standard
/// library, against the real mscorlib.dll of nanoFramework.CoreLibrary and the reference assemblies of
/// build/nano-reference (compiled here from their sources). Shows which constructs the board compile rejects,
/// so the analyzer need not.
/// </summary>
public static class BoardCompilation
{
    /// <summary>What Core and the shared tests reference on the board.</summary>
    private static readonly string[] Packages = ["nanoFramework.System.Collections", "nanoFramework.System.Text", "nanoFramework.TestFramework"];

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    private static readonly CSharpParseOptions ParseOptions = new CSharpParseOptions(LanguageVersion.CSharp10)
        .WithPreprocessorSymbols("NANOFRAMEWORK_1_0");

    public static string[] Errors(string source)
    {
        var compilation = CSharpCompilation.Create("Sample", [CSharpSyntaxTree.ParseText(source, ParseOptions)], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        // Emit, not only GetDiagnostics: a lowering that needs a type the board lacks (async, iterators) is reported
        // when the code is generated.
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        return result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToArray();
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var mscorlibPath = typeof(BoardCompilation).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NanoMscorlib").Value!;
        Assert.IsTrue(File.Exists(mscorlibPath), "nanoFramework.CoreLibrary is not restored: " + mscorlibPath);
        var mscorlib = MetadataReference.CreateFromFile(mscorlibPath);

        var references = new List<MetadataReference> { mscorlib };
        foreach (var package in Packages)
        {
            var folder = Path.Combine(RepositoryRoot(), "build", "nano-reference", package);
            var trees = Directory.GetFiles(folder, "*.cs").Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), ParseOptions, file));
            var compilation = CSharpCompilation.Create(package, trees, [mscorlib],
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var image = new MemoryStream();
            var result = compilation.Emit(image);
            Assert.IsTrue(result.Success, package + " does not compile: " + string.Join("; ", result.Diagnostics));
            references.Add(MetadataReference.CreateFromImage(image.ToArray()));
        }

        return [.. references];
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Attendance.Firmware.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Attendance.Firmware.sln not found above " + AppContext.BaseDirectory);
    }
}
