// Entry point: builds each listed real project with AwaitRaceAnalyzer (and optionally peer packs) injected, then prints the table.
// Run by hand, not in CI; see README.md beside this file.
using System.Globalization;
using AwaitRaceAnalyzer.BenchShared;
using AwaitRaceAnalyzer.RealCode;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var options = Options.Parse(args);
if (options is null)
{
    return 2;
}

Directory.CreateDirectory(options.Out);
var entries = ProjectList.Read(options.List)
    .Where(e => options.Only.Count == 0 || options.Only.Contains(e.Name))
    .ToList();

var sdk = DotNet.FindSdk(options.Out);
var peerDlls = PeerPacks.Locate(options.Peers, options.Out, sdk.RoslynVersion);
var allDlls = options.Analyzers.Concat(options.Peers.SelectMany(p => peerDlls[p])).ToList();
var hook = Hook.Write(options.Out, allDlls);

Console.WriteLine($"Real-code check: {entries.Count} project(s); SDK {sdk.Version}, compiler Roslyn {sdk.RoslynVersion}; {Environment.ProcessorCount} cores");
Console.WriteLine($"  ours: {string.Join(", ", options.Analyzers)}");
foreach (var peer in options.Peers)
{
    Console.WriteLine($"  {peer}: {string.Join(", ", peerDlls[peer])}");
}

Console.WriteLine($"  hook: -p:CustomAfterMicrosoftCommonTargets={hook}");
Console.WriteLine("  C# lines: lines of the .cs files the compiler was given (Compile items), without generated files under the project's obj/.");
Console.WriteLine("  times: the compiler's ReportAnalyzer figures (analyzers run concurrently, so shares are of summed analyzer time over Csc task time).");
Console.WriteLine(options.CompilerServer
    ? "  compiler: the compiler server, warmed by one unmeasured build of each project (as every build after the first of a session)"
    : "  compiler: a new csc process per build (the start-up and JIT of the compiler and of every analyzer is in the figures)");
Console.WriteLine();

var ourAssemblies = options.Analyzers.Select(a => Path.GetFileNameWithoutExtension(a)).ToList();
var peerAssemblies = options.Peers
    .Select(p => (p, (IReadOnlyList<string>)peerDlls[p].Select(d => Path.GetFileNameWithoutExtension(d)).ToList()))
    .ToList();
var table = new Table(ourAssemblies, peerAssemblies);
var header = table.Header();
Console.WriteLine(string.Join("  ", header));

var run = new ProjectRun(options, hook, sdk);
var results = new List<ProjectResult>();
var rows = new List<List<string>> { header };
foreach (var entry in entries)
{
    var started = DateTime.UtcNow;
    var result = run.Run(entry);
    results.Add(result);
    var row = table.Row(result);
    rows.Add(row);
    Console.WriteLine($"{string.Join("  ", row)}   [{(DateTime.UtcNow - started).TotalSeconds:0} s]");
}

rows.Add(table.Total(results));
Console.WriteLine();
foreach (var line in TextTable.Align(rows))
{
    Console.WriteLine(line);
}

File.WriteAllLines(Path.Combine(options.Out, "summary.tsv"), rows.Select(r => string.Join("\t", r)));

foreach (var result in results)
{
    foreach (var note in result.Notes)
    {
        Console.WriteLine($"note: {result.Entry.Name}: {note}");
    }
}

var totalReports = results.Sum(r => r.Sarif.Reports.Count);
var suppressed = results.Sum(r => r.Sarif.Suppressed);
Console.WriteLine();
Console.WriteLine($"AWR reports: {totalReports} (one line each in {Path.Combine(options.Out, "<name>.reports.tsv")}); suppressed in code and not counted: {suppressed}");

var failures = results.SelectMany(r => r.Sarif.AnalyzerFailures.Select(f => (r.Entry.Name, Failure: f))).ToList();
Console.WriteLine($"AD0001 (an analyzer threw): {failures.Count}");
foreach (var (name, failure) in failures)
{
    var ours = ourAssemblies.Any(a => failure.Message.Contains(a, StringComparison.Ordinal));
    var message = ours ? failure.Message : Shorten(failure.Message, 160);
    Console.WriteLine($"  {(ours ? "OURS" : "peer/other")} {name} {failure.File}({failure.Line},{failure.Column}): {message}");
}

return 0;

static string Shorten(string text, int length) => text.Length <= length ? text : text.Substring(0, length) + "…";
