// MSBuild-style file patterns (*, ?, **) for Compile Include and Remove items.
using System.Text;
using System.Text.RegularExpressions;

namespace AwaitRaceAnalyzer.RealBugs;

internal static class Glob
{
    /// <summary>The files the pattern names, relative to the base folder; a pattern without wildcards names one file, if it exists.</summary>
    public static IEnumerable<string> Expand(string baseDirectory, string pattern)
    {
        var full = Full(baseDirectory, pattern);
        if (full.IndexOfAny(new[] { '*', '?' }) < 0)
        {
            return File.Exists(full) ? new[] { full } : Array.Empty<string>();
        }

        // Enumerate below the last folder before the first wildcard.
        var wildcard = full.IndexOfAny(new[] { '*', '?' });
        var root = full.Substring(0, full.LastIndexOf('/', wildcard) + 1);
        if (!Directory.Exists(root))
        {
            return Array.Empty<string>();
        }

        var regex = ToRegex(full);
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(Normal).Where(f => regex.IsMatch(f)).ToList();
    }

    /// <summary>A test for full paths that the pattern (relative to the base folder) names.</summary>
    public static Predicate<string> Matcher(string baseDirectory, string pattern)
    {
        var regex = ToRegex(Full(baseDirectory, pattern));
        return path => regex.IsMatch(Normal(path));
    }

    private static string Full(string baseDirectory, string pattern)
    {
        var path = pattern.Replace('\\', '/');
        return Normal(Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path)));
    }

    private static string Normal(string path) => path.Replace('\\', '/');

    /// <summary>"**/" matches any folders (none too), "*" and "?" match within one name; case-insensitive, as on Windows where most of these projects are written.</summary>
    private static Regex ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(pattern[i] switch { '*' => "[^/]*", '?' => "[^/]", var c => Regex.Escape(c.ToString()) });
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.IgnoreCase);
    }
}
