// Turns the project results into the printed table (and the same rows as TSV).
using System.Globalization;

namespace AwaitRaceAnalyzer.RealCode;

internal sealed class Table
{
    private static readonly string[] Rules = { "AWR001", "AWR002", "AWR003", "AWR102" };

    /// <summary>The rules that warn by default: "warn/20k" counts these (AWR003 and AWR102 are suggestions).</summary>
    private static readonly string[] WarningRules = { "AWR001", "AWR002" };

    private readonly IReadOnlyList<string> _ourAssemblies;
    private readonly IReadOnlyList<(string Key, IReadOnlyList<string> Assemblies)> _peers;

    public Table(IReadOnlyList<string> ourAssemblies, IReadOnlyList<(string Key, IReadOnlyList<string> Assemblies)> peers)
    {
        _ourAssemblies = ourAssemblies;
        _peers = peers;
    }

    public List<string> Header()
    {
        var header = new List<string> { "project", "C# lines" };
        header.AddRange(Rules);
        header.AddRange(new[] { "warn/20k", "ours s", "csc s", "ours %" });
        foreach (var (key, _) in _peers)
        {
            header.Add(key + " s");
            header.Add(key + " %");
        }

        header.Add("<=1%");
        if (AsyncFixer is not null)
        {
            header.Add("<asyncfixer");
        }

        header.Add("AD0001");
        header.Add("load");
        return header;
    }

    public List<string> Row(ProjectResult result)
    {
        if (!result.Ok)
        {
            return new List<string> { result.Entry.Name, "FAILED: " + result.Status };
        }

        var cells = Cells(result.Entry.Name, result.Lines, Rules.Select(result.CountOf).ToList(), new[] { result.Times }, result.Sarif.AnalyzerFailures.Count, total: false);
        cells.Add(result.Load < 0 ? "-" : result.Load.ToString("0.0", CultureInfo.InvariantCulture));
        return cells;
    }

    public List<string> Total(IReadOnlyList<ProjectResult> results)
    {
        var ok = results.Where(r => r.Ok).ToList();
        var cells = Cells($"TOTAL ({ok.Count} built)", ok.Sum(r => r.Lines), Rules.Select(rule => ok.Sum(r => r.CountOf(rule))).ToList(),
            ok.Select(r => r.Times).ToList(), ok.Sum(r => r.Sarif.AnalyzerFailures.Count), total: true);
        cells.Add("");
        return cells;
    }

    /// <summary>The assemblies of the AsyncFixer peer, the cheapest pack and the one the targets compare with; null without it.</summary>
    private IReadOnlyList<string>? AsyncFixer => _peers.Where(p => p.Key == "asyncfixer").Select(p => p.Assemblies).FirstOrDefault();

    private List<string> Cells(string name, int lines, IReadOnlyList<int> counts, IReadOnlyList<BuildTimes> times, int analyzerFailures, bool total)
    {
        var csc = times.Sum(t => t.CscSeconds);
        var ours = times.Sum(t => t.SecondsOf(_ourAssemblies));
        var cells = new List<string> { name, lines.ToString(CultureInfo.InvariantCulture) };
        cells.AddRange(counts.Select(c => c.ToString(CultureInfo.InvariantCulture)));
        var warnings = Rules.Select((rule, i) => WarningRules.Contains(rule) ? counts[i] : 0).Sum();
        cells.Add(lines == 0 ? "-" : (warnings * 20000.0 / lines).ToString("0.00", CultureInfo.InvariantCulture));
        cells.Add(Seconds(ours));
        cells.Add(Seconds(csc));
        cells.Add(Percent(ours, csc));
        foreach (var (_, assemblies) in _peers)
        {
            var peer = times.Sum(t => t.SecondsOf(assemblies));
            cells.Add(Seconds(peer));
            cells.Add(Percent(peer, csc));
        }

        // The targets, per project (a total row counts the projects that meet them).
        cells.Add(Verdict(times.Count(t => t.SecondsOf(_ourAssemblies) <= 0.01 * t.CscSeconds), times.Count, total));
        if (AsyncFixer is { } asyncFixer)
        {
            cells.Add(Verdict(times.Count(t => t.SecondsOf(_ourAssemblies) < t.SecondsOf(asyncFixer)), times.Count, total));
        }

        cells.Add(analyzerFailures.ToString(CultureInfo.InvariantCulture));
        return cells;
    }

    private static string Verdict(int met, int of, bool total) => total ? $"{met}/{of} met" : met == of ? "met" : "NOT met";

    private static string Seconds(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Percent(double part, double whole) =>
        whole <= 0 ? "-" : (100 * part / whole).ToString("0.0", CultureInfo.InvariantCulture);
}
