using System.Collections.Immutable;
using System.Globalization;
using AwaitRaceAnalyzer.Bench;
using AwaitRaceAnalyzer.Rules;
using Microsoft.CodeAnalysis.Diagnostics;

// Speed of AwaitRaceAnalyzer against the compiler and the peer analyzer packs. Not a unit test: it prints figures.
// Usage: dotnet run -c Release --project bench/AwaitRaceAnalyzer.Bench [-- --quick]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var quick = args.Contains("--quick");
var runs = quick ? 1 : 5;
const string Ours = "AwaitRaceAnalyzer";

var packs = new List<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)>
{
    (Ours, ImmutableArray.Create<DiagnosticAnalyzer>(new LostUpdateAnalyzer())),
};
packs.AddRange(PeerPacks.Load());
var peers = packs.Skip(1).Select(p => p.Name).ToList();

Console.WriteLine($"AwaitRaceAnalyzer benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
Console.WriteLine($"Roslyn {typeof(Microsoft.CodeAnalysis.Compilation).Assembly.GetName().Version}; best of {runs} run(s) after a warm-up; analyzers run sequentially with execution-time telemetry.");
foreach (var (name, analyzers) in packs)
{
    Console.WriteLine($"  {name}: {analyzers.Length} analyzers");
}

await Measurement.RunAsync(Corpora.Mixed(20), packs, 1); // warm-up (JIT)

Console.WriteLine();
Console.WriteLine("(a) mixed code base and (d) the same without async code");
var mixedClasses = quick ? 100 : 300;
var mixed = await Measurement.RunAsync(Corpora.Mixed(mixedClasses), packs, runs);
var sync = await Measurement.RunAsync(Corpora.Synchronous(mixedClasses), packs, runs);
PrintCorpus($"(a) mixed, {mixedClasses} classes", mixed);
PrintCorpus($"(d) no async, {mixedClasses} classes", sync);
var ourShare = Ratio(mixed.Packs[Ours], mixed.Compilation);
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
foreach (var statements in quick ? new[] { 1000, 2000, 4000 } : new[] { 1000, 2000, 4000, 8000, 16000 })
{
    var result = await Measurement.RunAsync(Corpora.LongMethod(statements), packs.Take(1).ToList(), runs);
    var ours = result.Packs[Ours];
    var growth = previous is { } p ? Ratio(ours, p) : double.NaN;
    worstGrowth = double.IsNaN(growth) ? worstGrowth : Math.Max(worstGrowth, growth);
    Console.WriteLine($"  {statements,6} {result.Compilation.TotalMilliseconds,11:0.0} {ours.TotalMilliseconds,9:0.0} {(double.IsNaN(growth) ? "" : growth.ToString("0.00") + "x"),11} {Ratio(ours, result.Compilation),13:0.00}   ({result.OurDiagnostics} AWR diagnostics)");
    previous = ours;
}

Console.WriteLine($"  target: each doubling of N at most 2.2x the time: worst {worstGrowth:0.00}x -> {(worstGrowth <= 2.2 ? "met" : "NOT met")}");

Console.WriteLine();
var wideMethods = quick ? 1000 : 5000;
var wide = await Measurement.RunAsync(Corpora.Wide(wideMethods), packs, runs);
PrintCorpus($"(c) wide, {wideMethods} small async methods", wide);

// A release build skips a body the analysis fails on instead of reporting AD0001; every skip is a bug to look at.
Console.WriteLine();
Console.WriteLine($"bodies the analysis gave up on: {AwaitRaceAnalyzer.Infrastructure.AnalysisSkips.Count} -> {(AwaitRaceAnalyzer.Infrastructure.AnalysisSkips.Count == 0 ? "met" : "NOT met: " + AwaitRaceAnalyzer.Infrastructure.AnalysisSkips.LastFailure?.Message)}");

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
