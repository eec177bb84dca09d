// Reads bugs.tsv: one known, fixed race per line.
using System.Text.RegularExpressions;

namespace AwaitRaceAnalyzer.RealBugs;

/// <param name="Name">Short name for the table and the result files.</param>
/// <param name="Repository">GitHub owner/repo.</param>
/// <param name="FixCommit">The commit that fixed the race; the bug is analysed at its first parent too.</param>
/// <param name="Project">The .csproj (or project.json-era .xproj) holding the racy code, relative to the repository root at the parent.</param>
/// <param name="File">The racy file, relative to the repository root at the parent.</param>
/// <param name="Method">The method (or property, accessor, constructor, local function) holding the racy write.</param>
/// <param name="Line">1-based line of the racy write at the parent.</param>
/// <param name="Shape">lost-update, check-then-act, lazy-init or other.</param>
/// <param name="FixFile">The file at the fix commit, when it moved; null for the same path.</param>
/// <param name="FixMethod">The method at the fix commit, when it was renamed; null for the same name.</param>
internal sealed record Bug(
    string Name, string Repository, string FixCommit, string Project, string File, string Method, int Line, string Shape,
    string? FixFile, string? FixMethod)
{
    public static readonly string[] Shapes = { "lost-update", "check-then-act", "lazy-init", "other" };

    /// <summary>The shapes our rules are for; "other" races are listed for the record but are not the target.</summary>
    public bool InShape => Shape != "other";

    /// <summary>The clone's folder under --checkouts: the repository's name without its owner.</summary>
    public string CheckoutFolder => Repository.Substring(Repository.IndexOf('/') + 1);

    public string FileAtFix => FixFile ?? File;

    public string MethodAtFix => FixMethod ?? Method;
}

internal static class BugList
{
    private const int Columns = 10;

    /// <summary>TAB-separated columns (see README.md); lines starting with '#' and blank lines are skipped.</summary>
    public static List<Bug> Read(string path)
    {
        var bugs = new List<Bug>();
        var lineNumber = 0;
        foreach (var rawLine in System.IO.File.ReadLines(path))
        {
            lineNumber++;
            if (rawLine.TrimStart().StartsWith('#') || rawLine.Trim().Length == 0)
            {
                continue;
            }

            var c = rawLine.Split('\t').Select(cell => cell.Trim()).ToArray();
            string Where() => $"{path}:{lineNumber}";
            if (c.Length < Columns)
            {
                throw new FormatException($"{Where()}: expected {Columns} TAB-separated columns, found {c.Length}");
            }

            if (!Regex.IsMatch(c[2], "^[0-9a-f]{40}$"))
            {
                throw new FormatException($"{Where()}: the fix commit must be 40 lowercase hex digits");
            }

            if (!int.TryParse(c[6], out var line) || line < 1)
            {
                throw new FormatException($"{Where()}: the line must be a positive number");
            }

            if (!Bug.Shapes.Contains(c[7]))
            {
                throw new FormatException($"{Where()}: the shape must be one of {string.Join(", ", Bug.Shapes)}");
            }

            bugs.Add(new Bug(c[0], c[1], c[2], c[3], c[4], c[5], line, c[7], Optional(c[8]), Optional(c[9])));
        }

        return bugs;
    }

    private static string? Optional(string cell) => cell is "-" or "" ? null : cell;
}
