// Entry point: analyses each listed bug at the parent of its fix and at the fix, then prints the table and the totals.
// Run by hand, not in CI; see README.md beside this file.
using System.Globalization;
using AwaitRaceAnalyzer.BenchShared;
using AwaitRaceAnalyzer.RealBugs;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = Options.Parse(args);
if (options is null)
{
    return 2;
}

Directory.CreateDirectory(options.Out);
List<Bug> bugs;
try
{
    bugs = BugList.Read(options.List).Where(b => options.Only.Count == 0 || options.Only.Contains(b.Name)).ToList();
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var analyzer = AnalyzerRun.Load(options.Analyzer);

Console.WriteLine($"Real-bugs check: {bugs.Count} bug(s); {analyzer.AnalyzerCount} analyzer(s) from {options.Analyzer}");
Console.WriteLine($"  references: {CompilationBuilder.ReferencePack} (and the ASP.NET Core pack where the project uses it); no packages");
Console.WriteLine("  severities: the rules' defaults (no .editorconfig); suggestions are Info diagnostics");
Console.WriteLine("  parent: 'line' = a diagnostic on the racy write's line or statement, 'method' = elsewhere in the recorded method");
Console.WriteLine();

var header = Table.Header();
Console.WriteLine(string.Join("  ", header));
var run = new BugRun(analyzer, options.Checkouts);
var results = new List<BugResult>();
var rows = new List<List<string>> { header };
foreach (var bug in bugs)
{
    var result = await run.RunAsync(bug);
    results.Add(result);
    var row = Table.Row(result);
    rows.Add(row);
    Console.WriteLine(string.Join("  ", row));
}

Console.WriteLine();
foreach (var line in TextTable.Align(rows))
{
    Console.WriteLine(line);
}

Console.WriteLine();
foreach (var line in Table.Totals(results))
{
    Console.WriteLine(line);
}

File.WriteAllLines(Path.Combine(options.Out, "realbugs.tsv"), rows.Select(r => string.Join("\t", r)));
var diagnostics = new List<string> { "bug\tside\tcommit\trule\tseverity\tline\tmessage" };
diagnostics.AddRange(results.SelectMany(r => r.Reports.Select(d =>
    $"{r.Bug.Name}\t{d.Side}\t{d.Commit}\t{d.Rule}\t{d.Severity}\t{d.Line}\t{d.Message.Replace('\t', ' ').Replace('\n', ' ')}")));
File.WriteAllLines(Path.Combine(options.Out, "diagnostics.tsv"), diagnostics);
var errors = new List<string> { "bug\tside\tcount\tid\texample" };
errors.AddRange(results.Where(r => r.Ok).SelectMany(r =>
    new[] { ("parent", r.Parent!), ("fix", r.Fix!) }.SelectMany(c => c.Item2.CommonErrors.Select(e => $"{r.Bug.Name}\t{c.Item1}\t{e}"))));
File.WriteAllLines(Path.Combine(options.Out, "compile-errors.tsv"), errors);
Console.WriteLine();
Console.WriteLine($"rows: {Path.Combine(options.Out, "realbugs.tsv")}; every AWR diagnostic in the bugs' files: {Path.Combine(options.Out, "diagnostics.tsv")}");
Console.WriteLine($"the most frequent compile errors per bug and commit: {Path.Combine(options.Out, "compile-errors.tsv")}");

foreach (var result in results.Where(r => r.Ok))
{
    foreach (var (side, commit) in new[] { ("parent", result.Parent!), ("fix", result.Fix!) })
    {
        foreach (var failure in commit.AnalyzerFailures)
        {
            Console.WriteLine($"AD0001 {result.Bug.Name} at the {side}: {failure}");
        }
    }
}

return 0;
