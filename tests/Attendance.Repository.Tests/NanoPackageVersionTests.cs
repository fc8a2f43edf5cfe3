using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Attendance.Repository.Tests;

/// <summary>
/// nanoFramework package versions are written in three places a Windows build reads: nfproj.props (the one
/// source of truth), each packages.config, and each .nfproj HintPath/Import. These tests keep them equal.
/// </summary>
[TestClass]
public class NanoPackageVersionTests
{
    [TestMethod]
    public void Every_packages_config_entry_has_the_version_named_in_nfproj_props()
    {
        var versions = NanoPackages.VersionsFromProps();
        var problems = new List<string>();
        foreach (var config in NanoPackages.PackagesConfigFiles())
        {
            foreach (var (id, version) in NanoPackages.ReadPackagesConfig(config))
            {
                if (!versions.TryGetValue(id, out var expected))
                {
                    problems.Add(config + ": " + id + " has no version property in nfproj.props");
                }
                else if (expected != version)
                {
                    problems.Add(config + ": " + id + " " + version + " but nfproj.props says " + expected);
                }
            }
        }

        Assert.AreEqual(0, problems.Count, string.Join(Environment.NewLine, problems));
    }

    [TestMethod]
    public void Every_package_path_in_an_nfproj_names_a_package_of_its_packages_config()
    {
        var problems = new List<string>();
        foreach (var nfproj in RepositoryLayout.OwnFiles("*.nfproj"))
        {
            var config = Path.Combine(Path.GetDirectoryName(nfproj)!, "packages.config");
            Assert.IsTrue(File.Exists(config), nfproj + " has no packages.config beside it");
            var packages = NanoPackages.ReadPackagesConfig(config).ToDictionary(p => p.Id, p => p.Version);
            foreach (Match match in Regex.Matches(File.ReadAllText(nfproj), @"packages\\(?<id>[A-Za-z][A-Za-z0-9.]*?)\.(?<version>\d+\.\d+\.\d+(?:[-.][A-Za-z0-9.]+)?)\\"))
            {
                var id = match.Groups["id"].Value;
                var version = match.Groups["version"].Value;
                if (!packages.TryGetValue(id, out var configured))
                {
                    problems.Add(Path.GetFileName(nfproj) + " uses " + id + " missing from its packages.config");
                }
                else if (configured != version)
                {
                    problems.Add(Path.GetFileName(nfproj) + " uses " + id + " " + version + " but packages.config has " + configured);
                }
            }
        }

        Assert.AreEqual(0, problems.Count, string.Join(Environment.NewLine, problems));
    }

    /// <summary>A package restored but never referenced is dead weight, or a reference someone forgot to add.</summary>
    [TestMethod]
    public void Every_package_of_a_packages_config_is_referenced_by_its_nfproj()
    {
        var problems = new List<string>();
        foreach (var nfproj in RepositoryLayout.OwnFiles("*.nfproj"))
        {
            var text = File.ReadAllText(nfproj);
            var config = Path.Combine(Path.GetDirectoryName(nfproj)!, "packages.config");
            foreach (var (id, version) in NanoPackages.ReadPackagesConfig(config))
            {
                if (!text.Contains("packages\\" + id + "." + version + "\\", StringComparison.Ordinal))
                {
                    problems.Add(Path.GetFileName(nfproj) + " never references " + id + " " + version + " from its packages.config");
                }
            }
        }

        Assert.AreEqual(0, problems.Count, string.Join(Environment.NewLine, problems));
    }

    [TestMethod]
    public void Every_nfproj_imports_nfproj_props()
    {
        foreach (var nfproj in RepositoryLayout.OwnFiles("*.nfproj"))
        {
            var imports = XDocument.Load(nfproj).Descendants().Where(e => e.Name.LocalName == "Import")
                .Select(e => (string?)e.Attribute("Project") ?? "");
            Assert.IsTrue(imports.Any(p => p.EndsWith("nfproj.props", StringComparison.Ordinal)), nfproj + " does not import nfproj.props");
        }
    }
}

/// <summary>Reads nanoFramework package versions from nfproj.props and packages.config files.</summary>
public static class NanoPackages
{
    /// <summary>Package id to version, from properties named NanoFramework{Id without dots}Version.</summary>
    public static Dictionary<string, string> VersionsFromProps()
    {
        var document = XDocument.Load(RepositoryLayout.PathOf("nfproj.props"));
        var byProperty = document.Descendants()
            .Where(e => e.Name.LocalName.StartsWith("NanoFramework", StringComparison.Ordinal) && e.Name.LocalName.EndsWith("Version", StringComparison.Ordinal))
            .ToDictionary(e => e.Name.LocalName, e => e.Value.Trim(), StringComparer.OrdinalIgnoreCase);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var config in PackagesConfigFiles())
        {
            foreach (var (id, _) in ReadPackagesConfig(config))
            {
                if (byProperty.TryGetValue(PropertyName(id), out var version))
                {
                    result[id] = version;
                }
            }
        }

        return result;
    }

    public static string PropertyName(string packageId) => packageId.Replace(".", "", StringComparison.Ordinal) + "Version";

    public static IEnumerable<string> PackagesConfigFiles() =>
        RepositoryLayout.OwnFiles("packages.config");

    public static IEnumerable<(string Id, string Version)> ReadPackagesConfig(string path) =>
        XDocument.Load(path).Descendants("package")
            .Select(p => ((string?)p.Attribute("id") ?? "", (string?)p.Attribute("version") ?? ""));
}
