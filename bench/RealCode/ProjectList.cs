// Reads projects.txt: one project to build per line.
namespace AwaitRaceAnalyzer.RealCode;

/// <param name="Name">Short name for the table and the result files.</param>
/// <param name="Repository">GitHub owner/repo the checkout was cloned from.</param>
/// <param name="Commit">The commit the checkout must be at.</param>
/// <param name="Project">The .csproj, relative to the checkout.</param>
/// <param name="TargetFramework">The one target framework built.</param>
/// <param name="ExtraArguments">More MSBuild arguments (such as -p:EnableWindowsTargeting=true) for restore and build.</param>
internal sealed record ProjectEntry(
    string Name, string Repository, string Commit, string Project, string TargetFramework, IReadOnlyList<string> ExtraArguments)
{
    /// <summary>The checkout's folder under --checkouts: the repository's name without its owner.</summary>
    public string CheckoutFolder => Repository.Substring(Repository.IndexOf('/') + 1);
}

internal static class ProjectList
{
    /// <summary>Whitespace-separated columns: name, owner/repo, commit, project, tfm, then optional MSBuild arguments. '#' starts a comment.</summary>
    public static List<ProjectEntry> Read(string path)
    {
        var entries = new List<ProjectEntry>();
        var lineNumber = 0;
        foreach (var rawLine in File.ReadLines(path))
        {
            lineNumber++;
            var hash = rawLine.IndexOf('#');
            var line = (hash >= 0 ? rawLine.Substring(0, hash) : rawLine).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var columns = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length < 5)
            {
                throw new FormatException($"{path}:{lineNumber}: expected name, owner/repo, commit, project, tfm");
            }

            entries.Add(new ProjectEntry(columns[0], columns[1], columns[2], columns[3], columns[4], columns.Skip(5).ToList()));
        }

        return entries;
    }
}
