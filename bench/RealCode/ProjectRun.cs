// Restores, builds and measures one project of the list, and collects its reports, times and line count.
using System.Diagnostics;

namespace AwaitRaceAnalyzer.RealCode;

internal sealed class ProjectResult
{
    public ProjectResult(ProjectEntry entry) => Entry = entry;

    public ProjectEntry Entry { get; }

    /// <summary>"ok", or what failed and why.</summary>
    public string Status { get; set; } = "ok";

    public bool Ok => Status == "ok";

    public int Lines { get; set; }

    public int Files { get; set; }

    public SarifContent Sarif { get; set; } = new();

    public BuildTimes Times { get; set; } = new();

    /// <summary>The 1-minute load average when the kept measured build started (-1 where unknown).</summary>
    public double Load { get; set; } = -1;

    /// <summary>Things to know about a result that the table does not show.</summary>
    public List<string> Notes { get; } = new();

    public int CountOf(string rule) => Sarif.Reports.Count(r => r.Rule == rule);
}

internal sealed class ProjectRun
{
    private static readonly TimeSpan RestoreTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(20);

    private readonly Options _options;
    private readonly string _hook;
    private readonly string _targetFrameworkOverride;
    private readonly Dictionary<string, string> _environment;

    /// <param name="sdk">Every project is built with this SDK (MSBuildSDKsPath), whatever its global.json asks for.</param>
    public ProjectRun(Options options, string hook, SdkInfo sdk)
    {
        _options = options;
        _hook = hook;
        _targetFrameworkOverride = Hook.WriteTargetFrameworkOverride(options.Out);
        _environment = new Dictionary<string, string> { ["MSBuildSDKsPath"] = sdk.SdksFolder };
    }

    public ProjectResult Run(ProjectEntry entry)
    {
        var result = new ProjectResult(entry);
        var checkout = Path.Combine(_options.Checkouts, entry.CheckoutFolder);
        var project = Path.GetFullPath(Path.Combine(checkout, entry.Project));
        var logs = Path.Combine(_options.Out, "logs");
        Directory.CreateDirectory(logs);
        if (!File.Exists(project))
        {
            result.Status = "no checkout: " + project + " not found";
            return result;
        }

        var head = GitHead(checkout);
        if (!head.StartsWith(entry.Commit, StringComparison.OrdinalIgnoreCase))
        {
            result.Status = $"checkout at {head}, list says {entry.Commit}";
            return result;
        }

        // The one tfm is forced on the measured project so that restore does not need its other frameworks.
        // Warnings stay warnings (a feed that serves a newer version gives NU1603); NuGet's audit needs a service we may not reach.
        var common = new List<string>
        {
            "-p:CustomAfterMicrosoftCommonCrossTargetingTargets=" + _targetFrameworkOverride,
            $"-p:{Hook.ProjectProperty}=" + project,
            $"-p:{Hook.TargetFrameworkProperty}=" + entry.TargetFramework,
            "-p:TreatWarningsAsErrors=false", "-p:WarningsAsErrors=", "-p:NuGetAudit=false", "-nodeReuse:false",
        };
        common.AddRange(entry.ExtraArguments);

        // 1. Restore on its own: failures are common (packages missing from the feed).
        var restoreLog = Path.Combine(logs, entry.Name + ".restore.log");
        if (Dotnet(new List<string> { "restore", project }.Concat(common), restoreLog, RestoreTimeout) != 0)
        {
            result.Status = "restore failed: " + string.Join(" | ", BuildLog.Errors(restoreLog));
            return result;
        }

        // 2. Build once without analyzers, so the referenced projects are built and the measured build compiles this project only.
        var prebuildLog = Path.Combine(logs, entry.Name + ".prebuild.log");
        var prebuild = new List<string> { "build", project, "-c", "Release", "-f", entry.TargetFramework, "--no-restore",
            "-p:RunAnalyzers=false" };
        if (Dotnet(prebuild.Concat(common), prebuildLog, BuildTimeout) != 0)
        {
            result.Status = "build failed: " + string.Join(" | ", BuildLog.Errors(prebuildLog));
            return result;
        }

        // 3. The measured build: a rebuild of this project alone with the analyzers injected through the hook.
        //    With --runs N it is done N times and the run with the shortest Csc time is kept.
        var sarif = Path.Combine(_options.Out, entry.Name + ".sarif");
        var sources = Path.Combine(logs, entry.Name + ".sources.txt");
        var buildLog = Path.Combine(logs, entry.Name + ".build.log");
        if (_options.CompilerServer)
        {
            // A fresh server, warmed by one unmeasured build of this project: the measured builds find the compiler
            // and the analyzers loaded and compiled, as every build after the first of a session does.
            Dotnet(new List<string> { "build-server", "shutdown", "--vbcscompiler" }, Path.Combine(logs, entry.Name + ".server.log"), RestoreTimeout);
            var warmLog = Path.Combine(logs, entry.Name + ".build.warmup.log");
            var warmFailure = MeasuredBuild(entry, project, common, sarif, sources, warmLog, checkout);
            File.Delete(warmLog);
            if (warmFailure is not null)
            {
                result.Status = warmFailure;
                return result;
            }
        }

        for (var run = 1; run <= _options.Runs; run++)
        {
            var runLog = Path.Combine(logs, $"{entry.Name}.build.run{run}.log");
            var load = LoadAverage();
            var failure = MeasuredBuild(entry, project, common, sarif, sources, runLog, checkout);
            if (failure is not null)
            {
                result.Status = failure;
                return result;
            }

            var times = BuildLog.Read(runLog);
            if (run == 1 || times.CscSeconds < result.Times.CscSeconds)
            {
                result.Times = times;
                result.Load = load;
                File.Copy(runLog, buildLog, overwrite: true);
            }

            File.Delete(runLog);
        }

        result.Sarif = Sarif.Read(sarif, checkout);
        if (result.Sarif.AnalyzerErrors > 0)
        {
            var rules = string.Join(", ", result.Sarif.AnalyzerErrorRules.OrderByDescending(r => r.Value).Take(3).Select(r => $"{r.Key} x{r.Value}"));
            result.Notes.Add($"{result.Sarif.AnalyzerErrors} error-level analyzer diagnostics ({rules}); no assembly was written, but every analyzer ran, so the figures are kept");
        }

        (result.Files, result.Lines) = CountLines(sources, Path.GetDirectoryName(project)!);
        WriteReports(Path.Combine(_options.Out, entry.Name + ".reports.tsv"), result.Sarif.Reports);
        return result;
    }

    /// <summary>One measured build; returns null, or why it failed.</summary>
    /// <remarks>
    /// A build that fails only through error-level analyzer diagnostics (a peer rule's default severity, or the repository's
    /// own settings) still counts: the compiler ran every analyzer.
    /// </remarks>
    private string? MeasuredBuild(ProjectEntry entry, string project, List<string> common, string sarif, string sources, string buildLog, string checkout)
    {
        File.Delete(sarif);
        File.Delete(sources);
        var inputs = Path.Combine(_options.Out, "inputs", entry.Name);
        if (Directory.Exists(inputs))
        {
            Directory.Delete(inputs, recursive: true);
        }

        var measured = new List<string>
        {
            "build", project, "-c", "Release", "-f", entry.TargetFramework, "--no-restore", "--no-incremental",
            "-p:BuildProjectReferences=false",
            "-p:CustomAfterMicrosoftCommonTargets=" + _hook,
            $"-p:{Hook.SourcesListProperty}=" + sources,
            $"-p:{Hook.InputsProperty}=" + inputs,
            // The sources that generators add, written by the compiler, so the benchmark's --real mode needs no generators.
            "-p:EmitCompilerGeneratedFiles=true",
            "-p:CompilerGeneratedFilesOutputPath=" + Path.Combine(inputs, "generated"),
            "-p:ErrorLog=" + sarif + "%2Cversion=2.1",
            "-p:ReportAnalyzer=true",
            "-p:RunAnalyzers=true",
            "-p:UseSharedCompilation=" + (_options.CompilerServer ? "true" : "false"),
            "-v:q", "-nologo", "-clp:ErrorsOnly",
            "-flp:logfile=" + buildLog + ";verbosity=detailed;PerformanceSummary",
        };
        var consoleLog = Path.Combine(Path.GetDirectoryName(buildLog)!, entry.Name + ".build.console.log");
        var exitCode = Dotnet(measured.Concat(common), consoleLog, BuildTimeout);
        if (!File.Exists(sarif))
        {
            return exitCode != 0
                ? "measured build failed: " + string.Join(" | ", BuildLog.Errors(consoleLog))
                : "no SARIF written (was the project compiled?)";
        }

        if (exitCode != 0)
        {
            var content = Sarif.Read(sarif, checkout);
            if (content.CompilerErrors > 0 || content.AnalyzerErrors == 0)
            {
                return "measured build failed: " + string.Join(" | ", BuildLog.Errors(consoleLog));
            }
        }

        return null;
    }

    /// <summary>The 1-minute load average (Linux), to judge how busy the machine was; -1 elsewhere.</summary>
    private static double LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return -1;
        }
    }

    /// <summary>Lines of the .cs files the compiler was given (the Compile items), without the files generated under obj/.</summary>
    private static (int Files, int Lines) CountLines(string sourcesList, string projectFolder)
    {
        if (!File.Exists(sourcesList))
        {
            return (0, 0);
        }

        var obj = Path.Combine(projectFolder, "obj") + Path.DirectorySeparatorChar;
        var files = File.ReadAllLines(sourcesList)
            .Where(f => f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) && !f.StartsWith(obj, StringComparison.Ordinal) && File.Exists(f))
            .Distinct()
            .ToList();
        return (files.Count, files.Sum(f => File.ReadLines(f).Count()));
    }

    private static void WriteReports(string path, IEnumerable<Report> reports)
    {
        var lines = new List<string> { "rule\tfile\tline\tcolumn\tmessage" };
        lines.AddRange(reports.Select(r => $"{r.Rule}\t{r.File}\t{r.Line}\t{r.Column}\t{Clean(r.Message)}"));
        File.WriteAllLines(path, lines);
    }

    private static string Clean(string text) => text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');

    private int Dotnet(IEnumerable<string> arguments, string log, TimeSpan timeout) =>
        DotNet.Run(arguments.ToList(), _options.Out, log, timeout, _environment);

    private static string GitHead(string checkout)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-C", checkout, "rev-parse", "HEAD" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var head = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return head;
    }
}
