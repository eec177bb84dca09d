using System.Collections.Immutable;
using System.Globalization;
using AwaitRaceAnalyzer.Bench;
using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.Rules;
using Microsoft.CodeAnalysis.Diagnostics;

// Speed of AwaitRaceAnalyzer against the compiler and the peer analyzer packs. Not a unit test: it prints figures.
// Usage: dotnet run -c Release --project bench/AwaitRaceAnalyzer.Bench [-- [--real <RealCode results dir> [--only A,B] [--profile] [--no-ide]] [--synthetic] [--runs N] [--quick] [--no-peers]]
//   --real: the headline table, real projects compiled in-process from the inputs bench/RealCode recorded;
//   --synthetic (the default without --real): the generated corpora;
//   --no-peers: our analyzer alone (for a trace of our own code; the targets against peers are then not printed).
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var quick = args.Contains("--quick");
var real = Value("--real");
var synthetic = real is null || args.Contains("--synthetic");
var runs = int.TryParse(Value("--runs"), out var r) && r > 0 ? r : quick ? 1 : real is null ? 5 : 3;
var only = (Value("--only") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
const string Ours = "AwaitRaceAnalyzer";

var packs = new List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)>
{
    (Ours, ImmutableArray.Create<DiagnosticAnalyzer>(new LostUpdateAnalyzer())),
};
if (!args.Contains("--no-peers"))
{
    packs.AddRange(PeerPacks.Load());
}

var peers = packs.Skip(1).Select(p => p.Name).ToList();

Console.WriteLine($"AwaitRaceAnalyzer benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
Console.WriteLine($"Roslyn {typeof(Microsoft.CodeAnalysis.Compilation).Assembly.GetName().Version}; best of {runs} run(s) after a warm-up; analyzers run sequentially with execution-time telemetry.");
foreach (var (name, analyzers) in packs)
{
    Console.WriteLine($"  {name}: {analyzers.Length} analyzers");
}

if (real is not null)
{
    await RealReport.RunAsync(real, only, packs, Ours, runs, args.Contains("--profile"), !args.Contains("--no-ide"));
}

if (!synthetic)
{
    return;
}

Console.WriteLine();
Console.WriteLine($"Synthetic corpora (secondary table); load {RealReport.Load()}");
await Measurement.RunAsync(Corpora.Mixed(20), packs, 1); // warm-up (JIT)

Console.WriteLine();
Console.WriteLine("(a) mixed code base and (d) the same without async code");
var mixedClasses = quick ? 100 : 300;
var mixed = await Measurement.RunAsync(Corpora.Mixed(mixedClasses), packs, runs);
var sync = await Measurement.RunAsync(Corpora.Synchronous(mixedClasses), packs, runs);
PrintCorpus($"(a) mixed, {mixedClasses} classes", mixed);
PrintCorpus($"(d) no async, {mixedClasses} classes", sync);
var ourShare = Ratio(mixed.Packs[Ours], mixed.Compilation);
var syncShare = Ratio(sync.Packs[Ours], sync.Compilation);
Console.WriteLine($"  target: code without await costs ~0 (ours <= 0.2% of compilation on (d)): {sync.Packs[Ours].TotalMilliseconds:0.0} ms, {Percent(syncShare)} -> {(syncShare <= 0.002 ? "met" : "NOT met")}");
Console.WriteLine($"  target: ours <= 2% of compilation on (a): {Percent(ourShare)} -> {(ourShare <= 0.02 ? "met" : "NOT met")}");
foreach (var peer in peers)
{
    var ratio = Ratio(mixed.Packs[Ours], mixed.Packs[peer]);
    Console.WriteLine($"  target: ours below {peer} on (a): ratio {ratio:0.000} -> {(ratio < 1 ? "met" : "NOT met")}");
}

Console.WriteLine();
Console.WriteLine("(b) scaling: one async method with N statements (branches and loops with awaits)");
Console.WriteLine($"  {"N",6} {"compile ms",11} {"ours ms",9} {"x previous",11} {"ours/compile",13}");
TimeSpan? previous = null;
var worstGrowth = 0.0;
var vsthrd = peers.FirstOrDefault(p => p.Contains("Threading", StringComparison.Ordinal));
var longPacks = packs.Where(p => p.Name == Ours || p.Name == vsthrd).ToList();
var oursAt = new Dictionary<int, TimeSpan>();
Measurement.Result? longest = null;
foreach (var statements in quick ? new[] { 1000, 2000, 4000 } : new[] { 1000, 2000, 4000, 8000, 16000 })
{
    var result = await Measurement.RunAsync(Corpora.LongMethod(statements), longPacks, runs);
    var ours = result.Packs[Ours];
    oursAt[statements] = ours;
    longest = result;
    var growth = previous is { } p ? Ratio(ours, p) : double.NaN;
    worstGrowth = double.IsNaN(growth) ? worstGrowth : Math.Max(worstGrowth, growth);
    var vsthrdMs = vsthrd is null ? "" : $"   VSTHRD {result.Packs[vsthrd].TotalMilliseconds:0.0} ms";
    Console.WriteLine($"  {statements,6} {result.Compilation.TotalMilliseconds,11:0.0} {ours.TotalMilliseconds,9:0.0} {(double.IsNaN(growth) ? "" : growth.ToString("0.00") + "x"),11} {Ratio(ours, result.Compilation),13:0.00}   ({result.OurDiagnostics} AWR diagnostics){vsthrdMs}");
    previous = ours;
}

Console.WriteLine($"  target: each doubling of N at most 2.2x the time: worst {worstGrowth:0.00}x -> {(worstGrowth <= 2.2 ? "met" : "NOT met")}");
if (oursAt.TryGetValue(4000, out var at4k) && oursAt.TryGetValue(16000, out var at16k))
{
    var growth = Ratio(at16k, at4k);
    Console.WriteLine($"  target: growth 4k -> 16k statements <= 5x: {growth:0.00}x -> {(growth <= 5 ? "met" : "NOT met")}");
    if (vsthrd is not null && longest is not null)
    {
        var theirs = longest.Packs[vsthrd];
        Console.WriteLine($"  target: 16k-statement method, ours below VSTHRD on the same file: {at16k.TotalMilliseconds:0.0} ms vs {theirs.TotalMilliseconds:0.0} ms -> {(at16k < theirs ? "met" : "NOT met")}");
    }
}
else
{
    Console.WriteLine("  targets at 16k statements: not measured (--quick)");
}

Console.WriteLine();
var wideMethods = quick ? 1000 : 5000;
var wide = await Measurement.RunAsync(Corpora.Wide(wideMethods), packs, runs);
PrintCorpus($"(c) wide, {wideMethods} small async methods", wide);

// A release build skips a body the analysis fails on instead of reporting AD0001; every skip is a bug to look at.
Console.WriteLine();
Console.WriteLine($"bodies the analysis gave up on: {AwaitRaceAnalyzer.Infrastructure.AnalysisSkips.Count} -> {(AwaitRaceAnalyzer.Infrastructure.AnalysisSkips.Count == 0 ? "met" : "NOT met: " + AwaitRaceAnalyzer.Infrastructure.AnalysisSkips.LastFailure?.Message)}");

string? Value(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static void PrintCorpus(string title, Measurement.Result result)
{
    Console.WriteLine($"  {title}: compilation (parse+bind+diagnostics) {result.Compilation.TotalMilliseconds:0.0} ms, {result.OurDiagnostics} AWR diagnostics");
    var ours = result.Packs["AwaitRaceAnalyzer"];
    Console.WriteLine($"    {"pack",-45} {"ms",9} {"% of compile",13} {"ours / pack",12}");
    foreach (var (name, time) in result.Packs)
    {
        Console.WriteLine($"    {name,-45} {time.TotalMilliseconds,9:0.0} {Percent(Ratio(time, result.Compilation)),13} {(name == "AwaitRaceAnalyzer" ? "" : Ratio(ours, time).ToString("0.000")),12}");
    }
}

static double Ratio(TimeSpan a, TimeSpan b) => b.Ticks == 0 ? double.PositiveInfinity : (double)a.Ticks / b.Ticks;

static string Percent(double ratio) => (ratio * 100).ToString("0.00") + "%";
