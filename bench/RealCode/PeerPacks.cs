// Finds the analyzer DLLs of the peer packs in the NuGet global packages folder (restoring them there once if missing).
using System.Xml.Linq;

namespace AwaitRaceAnalyzer.RealCode;

internal sealed record PeerPack(string Key, string PackageId, string Version);

internal static class PeerPacks
{
    public static readonly IReadOnlyDictionary<string, PeerPack> Known = new Dictionary<string, PeerPack>
    {
        ["vsthrd"] = new("vsthrd", "Microsoft.VisualStudio.Threading.Analyzers", "18.12.1"),
        ["meziantou"] = new("meziantou", "Meziantou.Analyzer", "3.0.321"),
        ["asyncfixer"] = new("asyncfixer", "AsyncFixer", "2.1.0"),
    };

    public static string PackagesRoot =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } root
            ? root
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The C# analyzer DLLs of each requested pack, as NuGet would pass them to this compiler.</summary>
    public static Dictionary<string, List<string>> Locate(IEnumerable<string> keys, string outFolder, Version roslyn)
    {
        var packs = keys.Select(k => Known[k]).ToList();
        if (packs.Any(p => !Directory.Exists(PackageFolder(p))))
        {
            RestoreOnce(packs, outFolder);
        }

        var result = new Dictionary<string, List<string>>();
        foreach (var pack in packs)
        {
            var folder = AnalyzerFolder(PackageFolder(pack), roslyn);
            result[pack.Key] = Directory.GetFiles(folder, "*.dll").OrderBy(f => f, StringComparer.Ordinal).ToList();
        }

        return result;
    }

    private static string PackageFolder(PeerPack pack) =>
        Path.Combine(PackagesRoot, pack.PackageId.ToLowerInvariant(), pack.Version);

    /// <summary>Downloads the packs into the global packages folder through a throwaway project in the results folder.</summary>
    private static void RestoreOnce(List<PeerPack> packs, string outFolder)
    {
        var folder = Path.Combine(outFolder, "peer-restore");
        Directory.CreateDirectory(folder);
        var project = new XElement("Project", new XAttribute("Sdk", "Microsoft.NET.Sdk"),
            new XElement("PropertyGroup", new XElement("TargetFramework", "net10.0")),
            new XElement("ItemGroup", packs.Select(p =>
                new XElement("PackageDownload", new XAttribute("Include", p.PackageId), new XAttribute("Version", $"[{p.Version}]")))));
        project.Save(Path.Combine(folder, "PeerRestore.csproj"));
        var log = Path.Combine(folder, "restore.log");
        if (DotNet.Run(new[] { "restore", "PeerRestore.csproj" }, folder, log, TimeSpan.FromMinutes(10)) != 0)
        {
            throw new InvalidOperationException("could not restore the peer packs; see " + log);
        }
    }

    /// <summary>analyzers/dotnet/roslynX/cs for the newest X this compiler can load, else analyzers/dotnet/cs, else analyzers/cs.</summary>
    private static string AnalyzerFolder(string packageFolder, Version roslyn)
    {
        var analyzers = Path.Combine(packageFolder, "analyzers");
        var dotnet = Path.Combine(analyzers, "dotnet");
        if (Directory.Exists(dotnet))
        {
            var versioned = Directory.GetDirectories(dotnet, "roslyn*")
                .Select(d => (Folder: Path.Combine(d, "cs"), Version: Version.TryParse(Path.GetFileName(d).Substring("roslyn".Length), out var v) ? v : null))
                .Where(d => d.Version is not null && d.Version <= roslyn && Directory.Exists(d.Folder))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Folder)
                .FirstOrDefault();
            if (versioned is not null)
            {
                return versioned;
            }
        }

        foreach (var candidate in new[] { Path.Combine(dotnet, "cs"), Path.Combine(analyzers, "cs") })
        {
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("no C# analyzers under " + analyzers);
    }
}
