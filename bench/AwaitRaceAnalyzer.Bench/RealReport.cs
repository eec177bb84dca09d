using System.Collections.Immutable;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwaitRaceAnalyzer.Bench;

/// <summary>Prints the real-code tables: analyzer time per pack, the targets, the IDE latency and (with --profile) the phases.</summary>
internal static class RealReport
{
    private static readonly string[] Rules = { "AWR001", "AWR002", "AWR003", "AWR102" };

    public static async Task RunAsync(string resultsFolder, IReadOnlyCollection<string> only, IReadOnlyList<(string Name, ImmutableArray<DiagnosticAnalyzer> Analyzers)> packs, string ours, int runs, bool profile, bool ide)
    {
        var peers = packs.Select(p => p.Name).Where(n => n != ours).ToList();
        var asyncFixer = peers.FirstOrDefault(p => p.Contains("AsyncFixer", StringComparison.OrdinalIgnoreCase));
        var realCodeCounts = ReadRealCodeCounts(resultsFolder);

        Console.WriteLine();
        Console.WriteLine($"Real code: projects compiled in-process from the inputs bench/RealCode recorded in {resultsFolder}/inputs");
        Console.WriteLine("  compile s: parse + declare + bind + the compiler's diagnostics (GetDiagnostics; no emit), best of the runs;");
        Console.WriteLine("  pack %: the pack's summed analyzer execution time (telemetry, analyzers sequential) in its own CompilationWithAnalyzers run, over compile s;");
        Console.WriteLine("  AWR: reports in-process (AWR001/AWR002/AWR003/AWR102), then the same from the RealCode build (summary.tsv);");
        Console.WriteLine("  targets: ours <= 1% of compile; ours below AsyncFixer on the same project.");
        var header = new List<string> { "project", "C# lines", "files", "compile s", "ours ms", "ours %" };
        header.AddRange(peers.Select(p => Short(p) + " %"));
        header.AddRange(new[] { "ours/asyncfixer", "AWR", "RealCode AWR", "<=1%", "<asyncfixer", "CS errors", "load" });
        var rows = new List<List<string>> { header };
        var results = new List<(RealBench.ProjectResult Result, string Load)>();

        // Warm-up (JIT of the compiler and of every pack) on the smallest project, not counted.
        var projects = RealInputs.ReadAll(resultsFolder, only).ToList();
        if (projects.Count == 0)
        {
            Console.WriteLine("  no project with recorded inputs");
            return;
        }

        await RealBench.RunAsync(projects.OrderBy(p => p.CSharpLines).First(), packs, ours, 1, profile: false, ide: false);

        foreach (var project in projects)
        {
            var load = Load();
            var result = await RealBench.RunAsync(project, packs, ours, runs, profile, ide);
            results.Add((result, load));
            var row = Row(result, peers, ours, asyncFixer, realCodeCounts, load);
            rows.Add(row);
            Console.WriteLine("  " + string.Join("  ", row));
        }

        var total = new List<string> { $"TOTAL ({results.Count})", results.Sum(r => r.Result.Inputs.CSharpLines).ToString(), results.Sum(r => r.Result.Trees).ToString() };
        var compile = TimeSpan.FromTicks(results.Sum(r => r.Result.Compilation.Ticks));
        var oursTotal = TimeSpan.FromTicks(results.Sum(r => r.Result.Packs[ours].Ticks));
        total.Add($"{compile.TotalSeconds:0.00}");
        total.Add($"{oursTotal.TotalMilliseconds:0}");
        total.Add(Percent(oursTotal, compile));
        total.AddRange(peers.Select(p => Percent(TimeSpan.FromTicks(results.Sum(r => r.Result.Packs[p].Ticks)), compile)));
        total.Add(asyncFixer is null ? "" : Ratio(oursTotal, TimeSpan.FromTicks(results.Sum(r => r.Result.Packs[asyncFixer].Ticks))));
        total.Add(string.Join("/", Rules.Select(rule => results.Sum(r => r.Result.OurRules.GetValueOrDefault(rule)))));
        total.Add(string.Join("/", Rules.Select(rule => results.Sum(r => realCodeCounts.TryGetValue(r.Result.Inputs.Name, out var c) ? c[Array.IndexOf(Rules, rule)] : 0))));
        total.Add($"{results.Count(r => Met1Percent(r.Result, ours))}/{results.Count} met");
        total.Add(asyncFixer is null ? "" : $"{results.Count(r => r.Result.Packs[ours] < r.Result.Packs[asyncFixer])}/{results.Count} met");
        total.Add(results.Sum(r => r.Result.CompilerErrors).ToString());
        total.Add("");
        rows.Add(total);

        Console.WriteLine();
        foreach (var line in Align(rows))
        {
            Console.WriteLine(line);
        }

        File.WriteAllLines(Path.Combine(resultsFolder, "bench-real.tsv"), rows.Select(r => string.Join("\t", r)));
        foreach (var (result, _) in results.Where(r => r.Result.CompilerErrors > 0))
        {
            Console.WriteLine($"note: {result.Inputs.Name}: {result.CompilerErrors} compiler errors in-process (the inputs differ from csc's), first: {result.FirstCompilerError}");
        }

        if (ide)
        {
            Console.WriteLine();
            Console.WriteLine("IDE latency: one document's semantic diagnostics (GetAnalyzerSemanticDiagnosticsAsync(model, span: null)) for the largest");
            Console.WriteLine("hand-written file, from a CompilationWithAnalyzers that has analysed another document; wall ms, best of the runs.");
            Console.WriteLine("'compiler ms' is that file's semantic diagnostics without analyzers; 'ours exec ms' our analyzer's own execution time in the call.");
            var ideHeader = new List<string> { "project", "file", "lines", "compiler ms", "ours ms", "ours exec ms" };
            ideHeader.AddRange(peers.Select(p => Short(p) + " ms"));
            var ideRows = new List<List<string>> { ideHeader };
            foreach (var (result, _) in results)
            {
                if (result.Ide is not { } latency)
                {
                    continue;
                }

                var row = new List<string>
                {
                    result.Inputs.Name, latency.File, latency.Lines.ToString(), Ms(latency.Compiler), Ms(latency.Packs[ours]), Ms(latency.OurExecution),
                };
                row.AddRange(peers.Select(p => Ms(latency.Packs[p])));
                ideRows.Add(row);
            }

            foreach (var line in Align(ideRows))
            {
                Console.WriteLine(line);
            }

            File.WriteAllLines(Path.Combine(resultsFolder, "bench-ide.tsv"), ideRows.Select(r => string.Join("\t", r)));
        }

        if (profile)
        {
            Console.WriteLine();
            Console.WriteLine("Profile of our analyzer (the kept run): code blocks seen -> passing the syntax filter -> passing the operation filter");
            Console.WriteLine("-> flow graphs built -> async bodies through the flow engine (with findings); ms per phase (the operation filter's ms");
            Console.WriteLine("include building the operation tree, i.e. binding the block for us; the flow ms include the evidence ms: the");
            Console.WriteLine("evidence of concurrent use asked for each finding, with the compilation's index built on the first).");
            var profileRows = new List<List<string>>
            {
                new() { "project", "blocks", "syntax ok", "operation ok", "graphs", "flow bodies", "with findings", "syntax ms", "operation ms", "graph ms", "flow ms", "evidence ms", "sum ms", "ours ms" },
            };
            foreach (var (result, _) in results)
            {
                if (result.Profile is not { } p)
                {
                    continue;
                }

                profileRows.Add(new List<string>
                {
                    result.Inputs.Name, p.Seen.ToString(), p.SyntaxPassed.ToString(), p.OperationPassed.ToString(), p.Graphs.ToString(), p.FlowBodies.ToString(), p.FlowWithFindings.ToString(),
                    p.Milliseconds[0].ToString("0.0"), p.Milliseconds[1].ToString("0.0"), p.Milliseconds[2].ToString("0.0"), p.Milliseconds[3].ToString("0.0"),
                    p.EvidenceMilliseconds.ToString("0.0"), p.Milliseconds.Sum().ToString("0.0"), Ms(result.Packs[ours]),
                });
            }

            foreach (var line in Align(profileRows))
            {
                Console.WriteLine(line);
            }

            File.WriteAllLines(Path.Combine(resultsFolder, "bench-profile.tsv"), profileRows.Select(r => string.Join("\t", r)));

            Console.WriteLine();
            Console.WriteLine("MB allocated per phase on the analysing thread (deterministic, unlike the times: garbage collections");
            Console.WriteLine("are paid by whichever thread is running when one starts, and the compiler's own threads run beside ours; the flow MB include the evidence MB).");
            var allocationRows = new List<List<string>>
            {
                new() { "project", "syntax MB", "operation MB", "graph MB", "flow MB", "evidence MB", "sum MB" },
            };
            foreach (var (result, _) in results)
            {
                if (result.Profile is not { } p)
                {
                    continue;
                }

                var row = new List<string> { result.Inputs.Name };
                row.AddRange(p.AllocatedMegabytes.Append(p.EvidenceMegabytes).Append(p.AllocatedMegabytes.Sum()).Select(mb => mb.ToString("0.0")));
                allocationRows.Add(row);
            }

            foreach (var line in Align(allocationRows))
            {
                Console.WriteLine(line);
            }

            File.WriteAllLines(Path.Combine(resultsFolder, "bench-profile-allocations.tsv"), allocationRows.Select(r => string.Join("\t", r)));
        }

        Console.WriteLine();
        Console.WriteLine($"bodies the analysis gave up on (AnalysisSkips.Count, all real projects and runs): {AnalysisSkips.Count}{(AnalysisSkips.LastFailure is { } failure ? " - last: " + failure.Message : "")}");
    }

    /// <summary>The 1-minute load average (Linux), to judge how busy the machine was.</summary>
    public static string Load()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static List<string> Row(RealBench.ProjectResult result, List<string> peers, string ours, string? asyncFixer, Dictionary<string, int[]> realCode, string load)
    {
        var row = new List<string>
        {
            result.Inputs.Name, result.Inputs.CSharpLines.ToString(), result.Trees.ToString(), $"{result.Compilation.TotalSeconds:0.00}",
            Ms(result.Packs[ours]), Percent(result.Packs[ours], result.Compilation),
        };
        row.AddRange(peers.Select(p => Percent(result.Packs[p], result.Compilation)));
        row.Add(asyncFixer is null ? "" : Ratio(result.Packs[ours], result.Packs[asyncFixer]));
        row.Add(string.Join("/", Rules.Select(rule => result.OurRules.GetValueOrDefault(rule))));
        row.Add(realCode.TryGetValue(result.Inputs.Name, out var counts) ? string.Join("/", counts) : "?");
        row.Add(Met1Percent(result, ours) ? "met" : "NOT met");
        row.Add(asyncFixer is null ? "" : result.Packs[ours] < result.Packs[asyncFixer] ? "met" : "NOT met");
        row.Add(result.CompilerErrors.ToString());
        row.Add(load);
        return row;
    }

    private static bool Met1Percent(RealBench.ProjectResult result, string ours) => result.Packs[ours].Ticks <= result.Compilation.Ticks / 100;

    /// <summary>Counts per rule and project from the RealCode run's summary.tsv (0 for a rule an older run has no column for).</summary>
    private static Dictionary<string, int[]> ReadRealCodeCounts(string folder)
    {
        var summary = Path.Combine(folder, "summary.tsv");
        var counts = new Dictionary<string, int[]>();
        if (!File.Exists(summary))
        {
            return counts;
        }

        var lines = File.ReadAllLines(summary);
        var header = lines[0].Split('\t');
        var columns = Rules.Select(rule => Array.IndexOf(header, rule)).ToArray();
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split('\t');
            if (columns.Any(c => c >= 0) && columns.All(c => c < cells.Length))
            {
                counts[cells[0]] = columns.Select(c => c >= 0 && int.TryParse(cells[c], out var n) ? n : 0).ToArray();
            }
        }

        return counts;
    }

    private static string Short(string pack) =>
        pack.Contains("Threading", StringComparison.Ordinal) ? "vsthrd"
        : pack.Contains("Meziantou", StringComparison.Ordinal) ? "meziantou"
        : pack.Contains("AsyncFixer", StringComparison.Ordinal) ? "asyncfixer"
        : pack;

    private static string Ms(TimeSpan time) => time == TimeSpan.MaxValue ? "?" : time.TotalMilliseconds.ToString("0.0");

    private static string Percent(TimeSpan part, TimeSpan whole) => whole.Ticks == 0 ? "?" : (100.0 * part.Ticks / whole.Ticks).ToString("0.00");

    private static string Ratio(TimeSpan a, TimeSpan b) => b.Ticks == 0 ? "?" : ((double)a.Ticks / b.Ticks).ToString("0.00");

    private static IEnumerable<string> Align(List<List<string>> rows)
    {
        var widths = Enumerable.Range(0, rows.Max(r => r.Count)).Select(i => rows.Max(r => i < r.Count ? r[i].Length : 0)).ToArray();
        return rows.Select(r => string.Join("  ", r.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))));
    }
}
