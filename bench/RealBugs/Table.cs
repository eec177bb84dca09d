// Turns the bug results into the printed table, the totals and the verdicts on the targets.
using System.Globalization;

namespace AwaitRaceAnalyzer.RealBugs;

internal static class Table
{
    /// <summary>The share of in-shape bugs our analyzer must warn on (in the recorded method).</summary>
    public const double WarnTarget = 0.80;

    /// <summary>The share of caught methods that must be silent once fixed.</summary>
    public const double SilentTarget = 0.90;

    public static List<string> Header() => new()
    {
        "bug", "repo", "shape", "parent", "rule", "severity", "errors", "file errors", "SemaphoreSlim p/f", "fix", "fix errors", "AD0001", "s",
    };

    public static List<string> Row(BugResult r)
    {
        if (!r.Ok)
        {
            return new List<string> { r.Bug.Name, "FAILED: " + r.Failure };
        }

        var best = r.Match!.Best;
        var parent = r.Match.Catch switch
        {
            Catch.Line => "line",
            Catch.Method => "method",
            _ => r.Match.MethodFound ? "missed" : "missed (method not found)",
        };
        return new List<string>
        {
            r.Bug.Name, r.Bug.Repository, r.Bug.Shape, parent,
            best?.Id ?? "-", best is null ? "-" : BugMatch.SeverityName(best.Severity),
            Number(r.Parent!.CompileErrors), Number(r.Parent.FileErrors), r.Parent.SemaphoreSlim + "/" + r.Fix!.SemaphoreSlim,
            r.FixVerdict, Number(r.Fix.CompileErrors),
            Number(r.Parent.AnalyzerFailures.Count + r.Fix.AnalyzerFailures.Count),
            r.Seconds.ToString("0", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The totals over the in-shape bugs and over all bugs, then the verdicts on the targets (over the in-shape bugs).</summary>
    public static List<string> Totals(IReadOnlyList<BugResult> results)
    {
        var inShape = results.Where(r => r.Bug.InShape).ToList();
        var lines = new List<string>
        {
            $"bugs: {results.Count} ({results.Count(r => !r.Ok)} failed to analyse); in shape (not 'other'): {inShape.Count}",
            "in shape: " + Summary(inShape),
            "all bugs: " + Summary(results),
            "",
            $"warns on >= {WarnTarget:P0} of in-shape bugs: {(Share(inShape.Count(r => r.CaughtAsWarning), inShape.Count) >= WarnTarget ? "met" : "not met")}",
            $">= {SilentTarget:P0} of caught methods silent after fix: {(SilentShare(inShape) >= SilentTarget ? "met" : "not met")}",
        };
        return lines;
    }

    private static string Summary(IReadOnlyList<BugResult> results)
    {
        var caught = results.Where(r => r.Caught).ToList();
        var judged = caught.Where(r => r.FixVerdict != "method not found").ToList();
        var silent = judged.Count(r => r.FixVerdict == "silent");
        return $"caught as warning in the method {Count(results.Count(r => r.CaughtAsWarning), results.Count)}; " +
            $"at any severity {Count(caught.Count, results.Count)}; " +
            $"silent after fix {Count(silent, judged.Count)} of the caught methods" +
            (judged.Count < caught.Count ? $" ({caught.Count - judged.Count} not found at the fix, not counted)" : "");
    }

    private static double SilentShare(IReadOnlyList<BugResult> results)
    {
        var judged = results.Where(r => r.Caught && r.FixVerdict != "method not found").ToList();
        return Share(judged.Count(r => r.FixVerdict == "silent"), judged.Count);
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    private static string Count(int part, int whole) =>
        whole == 0 ? $"{part}/0" : $"{part}/{whole} ({(100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture)} %)";

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
