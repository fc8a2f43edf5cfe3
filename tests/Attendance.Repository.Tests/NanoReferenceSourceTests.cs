using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Attendance.Repository.Tests;

/// <summary>
/// The API-only sources of build/nano-reference name the package and version they describe, and those are the
/// versions nfproj.props pins; every package a .nfproj references (but the CoreLibrary, whose real mscorlib is
/// used) has a folder there, listed in NanoReferences.proj.
/// </summary>
[TestClass]
public class NanoReferenceSourceTests
{
    private static readonly Regex Header = new(@"^// Package: (?<id>\S+) (?<version>\S+) \(assembly (?<assembly>[^)]+)\)", RegexOptions.Compiled);

    [TestMethod]
    public void Each_reference_source_names_its_package_at_the_version_nfproj_props_pins()
    {
        var versions = NanoPackages.VersionsFromProps();
        var listed = ListedReferenceAssemblies();
        var problems = new List<string>();
        var files = Directory.EnumerateFiles(RepositoryLayout.PathOf("build/nano-reference"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToList();
        foreach (var file in files)
        {
            var package = Path.GetFileName(Path.GetDirectoryName(file)!);
            var match = Header.Match(File.ReadLines(file).First());
            if (!match.Success)
            {
                problems.Add(file + ": the first line must be '// Package: <id> <version> (assembly <name>)'");
                continue;
            }

            if (match.Groups["id"].Value != package)
            {
                problems.Add(file + ": names " + match.Groups["id"].Value + " but lies in the folder of " + package);
            }

            if (!versions.TryGetValue(package, out var pinned) || pinned != match.Groups["version"].Value)
            {
                problems.Add(file + ": " + match.Groups["version"].Value + " but nfproj.props pins " + (pinned ?? "nothing"));
            }

            if (!listed.TryGetValue(package, out var assembly) || assembly != match.Groups["assembly"].Value)
            {
                problems.Add(file + ": assembly " + match.Groups["assembly"].Value + " but NanoReferences.proj lists " + (assembly ?? "nothing"));
            }
        }

        Assert.AreNotEqual(0, files.Count);
        Assert.AreEqual(0, problems.Count, string.Join(Environment.NewLine, problems));
    }

    [TestMethod]
    public void Every_package_of_a_board_project_has_a_reference_assembly()
    {
        var listed = ListedReferenceAssemblies();
        var problems = new List<string>();
        foreach (var config in NanoPackages.PackagesConfigFiles())
        {
            foreach (var (id, _) in NanoPackages.ReadPackagesConfig(config))
            {
                if (id != "nanoFramework.CoreLibrary" && !listed.ContainsKey(id))
                {
                    problems.Add(config + ": " + id + " has no entry in build/nano-reference/NanoReferences.proj");
                }
                else if (id != "nanoFramework.CoreLibrary" && !Directory.Exists(RepositoryLayout.PathOf("build/nano-reference/" + id)))
                {
                    problems.Add(config + ": " + id + " has no folder build/nano-reference/" + id);
                }
            }
        }

        Assert.AreEqual(0, problems.Count, string.Join(Environment.NewLine, problems));
    }

    /// <summary>Package id to assembly name, from the NanoReferenceAssembly items of NanoReferences.proj.</summary>
    private static Dictionary<string, string> ListedReferenceAssemblies() =>
        XDocument.Load(RepositoryLayout.PathOf("build/nano-reference/NanoReferences.proj")).Descendants()
            .Where(e => e.Name.LocalName == "NanoReferenceAssembly")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("AssemblyName")!, StringComparer.Ordinal);
}
