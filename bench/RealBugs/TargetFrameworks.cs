// Picks the newest target framework of a project and the preprocessor symbols the SDK defines for it.
using System.Text.RegularExpressions;

namespace AwaitRaceAnalyzer.RealBugs;

internal static class TargetFrameworks
{
    /// <summary>What the sources are compiled as when the project names no framework we can read.</summary>
    public const string Fallback = "net10.0";

    private static readonly (int Major, int Minor)[] NetCoreApp = { (1, 0), (1, 1), (2, 0), (2, 1), (2, 2), (3, 0), (3, 1) };
    private static readonly (int Major, int Minor)[] NetStandard = { (1, 0), (1, 1), (1, 2), (1, 3), (1, 4), (1, 5), (1, 6), (2, 0), (2, 1) };
    private static readonly string[] NetFramework = { "20", "35", "40", "45", "451", "452", "46", "461", "462", "47", "471", "472", "48", "481" };

    /// <summary>
    /// The newest of the project's frameworks: .NET 5 and later by version, then .NET Core, then .NET Standard, then
    /// .NET Framework (the sources are compiled against .NET 10's reference assemblies, so the closest API wins).
    /// </summary>
    public static string Newest(IEnumerable<string> frameworks) =>
        frameworks.Select(f => f.Trim().ToLowerInvariant())
            .Where(f => Rank(f) > 0)
            .OrderByDescending(Rank)
            .FirstOrDefault() ?? Fallback;

    /// <summary>The symbols the .NET SDK defines for the framework (e.g. NET, NET8_0, NET8_0_OR_GREATER, NETCOREAPP, ...), plus its platform (WINDOWS).</summary>
    public static List<string> Symbols(string framework)
    {
        var symbols = new List<string>();
        var dash = framework.IndexOf('-');
        var name = dash < 0 ? framework : framework.Substring(0, dash);
        if (dash >= 0)
        {
            var platform = Regex.Match(framework.Substring(dash + 1), "^[a-z]+").Value.ToUpperInvariant();
            if (platform.Length > 0)
            {
                symbols.Add(platform);
            }
        }

        if (Version(name, @"^net(\d+)\.(\d+)$") is { Major: >= 5 } net)
        {
            symbols.AddRange(new[] { "NET", "NETCOREAPP", $"NET{net.Major}_{net.Minor}" });
            for (var major = 5; major <= net.Major; major++)
            {
                symbols.Add($"NET{major}_0_OR_GREATER");
            }

            symbols.AddRange(NetCoreApp.Select(v => $"NETCOREAPP{v.Major}_{v.Minor}_OR_GREATER"));
        }
        else if (Version(name, @"^netcoreapp(\d+)\.(\d+)$") is { } core)
        {
            symbols.AddRange(new[] { "NETCOREAPP", $"NETCOREAPP{core.Major}_{core.Minor}" });
            symbols.AddRange(NetCoreApp.Where(v => v.CompareTo(core) <= 0).Select(v => $"NETCOREAPP{v.Major}_{v.Minor}_OR_GREATER"));
        }
        else if (Version(name, @"^netstandard(\d+)\.(\d+)$") is { } standard)
        {
            symbols.AddRange(new[] { "NETSTANDARD", $"NETSTANDARD{standard.Major}_{standard.Minor}" });
            symbols.AddRange(NetStandard.Where(v => v.CompareTo(standard) <= 0).Select(v => $"NETSTANDARD{v.Major}_{v.Minor}_OR_GREATER"));
        }
        else if (Regex.Match(name, @"^net(\d{2,3})$") is { Success: true } netFx)
        {
            var digits = netFx.Groups[1].Value;
            symbols.AddRange(new[] { "NETFRAMEWORK", "NET" + digits });
            var index = Array.IndexOf(NetFramework, digits);
            symbols.AddRange(NetFramework.Take(index + 1).Select(v => $"NET{v}_OR_GREATER"));
        }

        return symbols;
    }

    private static int Rank(string framework)
    {
        var name = framework.Split('-')[0];
        if (Version(name, @"^net(\d+)\.(\d+)$") is { Major: >= 5 } net)
        {
            return 4000 + net.Major * 10 + net.Minor;
        }

        if (Version(name, @"^netcoreapp(\d+)\.(\d+)$") is { } core)
        {
            return 3000 + core.Major * 10 + core.Minor;
        }

        if (Version(name, @"^netstandard(\d+)\.(\d+)$") is { } standard)
        {
            return 2000 + standard.Major * 10 + standard.Minor;
        }

        return Regex.IsMatch(name, @"^net\d{2,3}$") ? 1000 + Array.IndexOf(NetFramework, name.Substring(3)) : 0;
    }

    private static (int Major, int Minor)? Version(string name, string pattern)
    {
        var match = Regex.Match(name, pattern);
        return match.Success ? (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value)) : null;
    }
}
