using System.Collections.Immutable;
using Attendance.Subset.Analyzer;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Attendance.Subset.Analyzer.Tests;

/// <summary>Compiles a snippet as shared code is compiled (C# 10, net10.0 references) and runs the analyzer.</summary>
public static class AnalyzerHarness
{
    private static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    public static ImmutableArray<Diagnostic> Analyze(string source) => Analyze(source, "Sample");

    /// <summary>Like <see cref="Analyze(string)"/>, compiled as an assembly of the given name (e.g. a test project's).</summary>
    public static ImmutableArray<Diagnostic> Analyze(string source, string assemblyName)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create(assemblyName, [tree], References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Disable));

        var compilerErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.AreEqual(0, compilerErrors.Count, "the sample must compile: " + string.Join("; ", compilerErrors));

        return compilation.WithAnalyzers([new SubsetAnalyzer()]).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }

    public static string[] Ids(string source) =>
        Analyze(source).Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToArray();

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(Assert).Assembly.Location));
        return [.. references];
    }
}
