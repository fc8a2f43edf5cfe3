using System.Collections.Immutable;
using Attendance.Core.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Attendance.Repository.Tests;

/// <summary>
/// The board application (firmware/Attendance.Terminal) is never compiled here, so these checks stand in for
/// part of that build: every source file is listed and parses (for each board family), and the application
/// reaches into Core only through the edge types (Hardware interfaces, settings, the log, TerminalHardware and
/// TerminalController), so the logic stays in Core where the host tests exercise it.
/// </summary>
[TestClass]
public class TerminalBoundaryTests
{
    private const string TerminalFolder = "firmware/Attendance.Terminal";
    private const string TerminalProject = "firmware/Attendance.Terminal/Attendance.Terminal.nfproj";

    /// <summary>Namespaces of Core the application may use whole (Logging: the log ring and the log the board builds
    /// around its debug-port sink).</summary>
    public static readonly string[] AllowedNamespaces = ["Attendance.Core.Hardware", "Attendance.Core.Configuration", "Attendance.Core.Logging"];

    /// <summary>Single Core types the application may use from other namespaces.</summary>
    public static readonly string[] AllowedTypes =
    [
        "Attendance.Core.Terminal.TerminalHardware", "Attendance.Core.Terminal.TerminalController",
        // Time and settings from the lookup server: the board builds it (ForTerminal) and asks it when to restart.
        "Attendance.Core.Terminal.SettingsSync",
        "Attendance.Core.Terminal.SettingsSyncHealth",
    ];

    public static IEnumerable<object[]> BoardFamilies => [["BOARD_ESP32"], ["BOARD_STM32"]];

    [TestMethod]
    public void Every_source_file_of_the_board_application_is_compiled_by_its_project()
    {
        var listed = ProjectFiles.BoardCompileItems(RepositoryLayout.PathOf(TerminalProject));
        var unlisted = TerminalSources().Where(file => !listed.Contains(file)).Select(Path.GetFileName).ToList();

        Assert.AreEqual(0, unlisted.Count, "not in Attendance.Terminal.nfproj: " + string.Join(", ", unlisted));
    }

    [TestMethod]
    [DynamicData(nameof(BoardFamilies))]
    public void The_board_application_parses_for_each_board_family(string define)
    {
        var problems = new List<string>();
        foreach (var file in TerminalSources())
        {
            var tree = Parse(File.ReadAllText(file), file, define);
            problems.AddRange(tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        }

        Assert.AreEqual(0, problems.Count, string.Join(Environment.NewLine, problems));
    }

    [TestMethod]
    [DynamicData(nameof(BoardFamilies))]
    public void The_board_application_names_only_the_edge_types_of_Core(string define)
    {
        var trees = TerminalSources().Select(file => Parse(File.ReadAllText(file), file, define)).ToList();

        var problems = CoreTypesOutsideTheEdge(trees);

        Assert.AreEqual(0, problems.Count, string.Join(Environment.NewLine, problems));
    }

    /// <summary>The check must be able to fail: board code reaching into the roll is reported, twice over.</summary>
    [TestMethod]
    public void Board_code_naming_a_Core_type_beyond_the_edge_is_reported()
    {
        var tree = Parse(
            "using Attendance.Core.Roll;\n"
            + "namespace Attendance.Terminal { class Sneaky { object Make() { return new Attendance.Core.Roll.ClosedRoll(); } } }\n",
            "Sneaky.cs", "BOARD_ESP32");

        var problems = CoreTypesOutsideTheEdge([tree]);

        Assert.IsTrue(problems.Any(p => p.Contains("using Attendance.Core.Roll", StringComparison.Ordinal)), string.Join("\n", problems));
        Assert.IsTrue(problems.Any(p => p.Contains("Attendance.Core.Roll.ClosedRoll", StringComparison.Ordinal)), string.Join("\n", problems));
    }

    [TestMethod]
    public void Board_code_naming_only_edge_types_passes()
    {
        var tree = Parse(
            "using Attendance.Core.Hardware;\nusing Attendance.Core.Configuration;\n"
            + "namespace Attendance.Terminal { class Fine { IClock clock; TerminalSettings settings = SettingsParser.Parse(\"\"); "
            + "Attendance.Core.Terminal.TerminalHardware hardware; } }\n",
            "Fine.cs", "BOARD_ESP32");

        Assert.AreEqual(0, CoreTypesOutsideTheEdge([tree]).Count);
    }

    /// <summary>The committed template is what people copy: it must be a valid configuration as it stands.</summary>
    [TestMethod]
    public void The_configuration_template_parses()
    {
        var settings = SettingsParser.Parse(File.ReadAllBytes(RepositoryLayout.PathOf(TerminalFolder + "/terminal.config.template")));

        Assert.AreEqual("esp32-poe-ethernet", settings.Board);
        Assert.IsFalse(settings.ToLogString().Contains("change-me", StringComparison.Ordinal));
    }

    [TestMethod]
    public void The_configuration_itself_is_ignored_by_git()
    {
        var ignored = File.ReadAllLines(RepositoryLayout.PathOf(".gitignore")).Select(l => l.Trim());

        Assert.IsTrue(ignored.Contains("terminal.config"), ".gitignore must list terminal.config (it holds secrets)");
        Assert.IsTrue(ignored.Contains("deploy.json"), ".gitignore must list deploy.json");
    }

    private static IEnumerable<string> TerminalSources() =>
        Directory.EnumerateFiles(RepositoryLayout.PathOf(TerminalFolder), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(Path.GetFullPath)
            .OrderBy(p => p, StringComparer.Ordinal);

    private static SyntaxTree Parse(string text, string path, string define) =>
        CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.CSharp10, preprocessorSymbols: [define, "NANOFRAMEWORK_1_0"]), path);

    /// <summary>
    /// Binds the sources against the host build of Core (nanoFramework assemblies are absent, so their names stay
    /// unresolved and are ignored) and lists every using directive and every resolved Core type outside the edge.
    /// </summary>
    private static List<string> CoreTypesOutsideTheEdge(IReadOnlyList<SyntaxTree> trees)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(TerminalSettings).Assembly.Location));
        var compilation = CSharpCompilation.Create("BoardApplicationCheck", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var problems = new List<string>();
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            var root = tree.GetRoot();
            foreach (var directive in root.DescendantNodes().OfType<UsingDirectiveSyntax>())
            {
                var name = directive.Name?.ToString() ?? "";
                // A namespace holding an allowed type may be imported; the type check below catches the rest of it.
                var importable = AllowedNamespaces.Contains(name) || AllowedTypes.Any(t => t.StartsWith(name + ".", StringComparison.Ordinal));
                if (name.StartsWith("Attendance.Core", StringComparison.Ordinal) && !importable)
                {
                    problems.Add(Where(directive) + ": using " + name);
                }
            }

            foreach (var node in root.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (model.GetSymbolInfo(node).Symbol is not { } symbol)
                {
                    continue;
                }

                var type = symbol as INamedTypeSymbol ?? symbol.ContainingType;
                while (type?.ContainingType != null)
                {
                    type = type.ContainingType;
                }

                if (type == null || !symbol.ContainingAssembly.Name.Equals("Attendance.Core", StringComparison.Ordinal))
                {
                    continue;
                }

                var typeName = type.ToDisplayString();
                var namespaceName = type.ContainingNamespace.ToDisplayString();
                if (!AllowedNamespaces.Contains(namespaceName) && !AllowedTypes.Contains(typeName))
                {
                    problems.Add(Where(node) + ": " + typeName);
                }
            }
        }

        return problems.Distinct().ToList();
    }

    private static string Where(SyntaxNode node)
    {
        var span = node.GetLocation().GetLineSpan();
        return Path.GetFileName(span.Path) + ":" + (span.StartLinePosition.Line + 1);
    }
}
