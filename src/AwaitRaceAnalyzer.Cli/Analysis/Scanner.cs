using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;

namespace AwaitRaceAnalyzer.Cli.Analysis
{
    /// <summary>
    /// Loads the target's projects with <see cref="MSBuildWorkspace"/> (design-time evaluation only: nothing is built
    /// or written, except the obj/ folder of a project that had to be restored first) and runs the analyzers on each
    /// project's compilation with that project's own analyzer config options.
    /// </summary>
    internal sealed class Scanner
    {
        private static readonly object LocatorGate = new object();

        private readonly AnalyzerCatalog _catalog;
        private readonly ImmutableArray<DiagnosticDescriptor> _rules;
        private readonly bool _includeSuggestions;
        private readonly IScanProgress _progress;

        public Scanner(AnalyzerCatalog catalog, ImmutableArray<DiagnosticDescriptor> rules, bool includeSuggestions, IScanProgress progress)
        {
            _catalog = catalog;
            _rules = rules;
            _includeSuggestions = includeSuggestions;
            _progress = progress;
        }

        /// <summary>Registers the .NET SDK's MSBuild once per process, before any MSBuild type is loaded.</summary>
        public static void RegisterMSBuild()
        {
            lock (LocatorGate)
            {
                if (!MSBuildLocator.IsRegistered && MSBuildLocator.CanRegister)
                {
                    MSBuildLocator.RegisterDefaults();
                }
            }
        }

        public async Task<ScanResult> ScanAsync(ScanTarget target, CancellationToken cancellationToken)
        {
            var outcomes = target.ProjectPaths.ToDictionary(
                p => p,
                p => new ProjectOutcome(Path.GetFileNameWithoutExtension(p), p),
                StringComparer.Ordinal);

            foreach (var projectPath in target.ProjectPaths)
            {
                await EnsureRestoredAsync(outcomes[projectPath], cancellationToken).ConfigureAwait(false);
            }

            var failures = new List<string>();
            using var workspace = MSBuildWorkspace.Create();
            using var failureHandler = workspace.RegisterWorkspaceFailedHandler(e =>
            {
                if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
                {
                    lock (failures)
                    {
                        failures.Add(e.Diagnostic.Message);
                    }
                }
            });

            var loadErrors = new Dictionary<string, string>(StringComparer.Ordinal);
            if (target.SolutionPath != null)
            {
                _progress.Report(Path.GetFileName(target.SolutionPath), "loading the solution", 0);
                try
                {
                    await workspace.OpenSolutionAsync(target.SolutionPath, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    foreach (var path in target.ProjectPaths)
                    {
                        loadErrors[path] = e.Message;
                    }
                }

                _progress.Report(Path.GetFileName(target.SolutionPath), "loaded", 100);
            }
            else
            {
                foreach (var path in target.ProjectPaths)
                {
                    if (workspace.CurrentSolution.Projects.Any(p => SamePath(p.FilePath, path)))
                    {
                        continue; // already loaded as a reference of an earlier project
                    }

                    _progress.Report(outcomes[path].Name, "loading", 10);
                    try
                    {
                        await workspace.OpenProjectAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        loadErrors[path] = e.Message;
                    }
                }
            }

            var findings = new List<Finding>();
            var seen = new HashSet<(string, string, int, int)>();
            var ruleIds = _rules.Select(r => r.Id).ToImmutableHashSet(StringComparer.Ordinal);
            var analyzers = _catalog.AnalyzersFor(ruleIds);
            foreach (var path in target.ProjectPaths)
            {
                var outcome = outcomes[path];
                var projects = workspace.CurrentSolution.Projects
                    .Where(p => SamePath(p.FilePath, path) && p.Language == LanguageNames.CSharp)
                    .ToList();
                if (projects.Count == 0)
                {
                    outcome.Notes.Add("not loaded: " + LoadFailureReason(path, loadErrors, failures));
                    _progress.Report(outcome.Name, "not loaded", 100);
                    continue;
                }

                var restoreFailed = outcome.Notes.Any(n => n.StartsWith("not restored", StringComparison.Ordinal));
                var reported = FailuresOf(path, failures);
                if (restoreFailed || (reported.Count > 0 && projects.All(p => !p.HasDocuments)))
                {
                    // MSBuildWorkspace keeps a shell of a project it could not evaluate; say why it is empty.
                    if (reported.Count > 0)
                    {
                        // The restore failed for the same reason: keep its command, drop its copy of the message.
                        outcome.Notes.RemoveAll(n => n.StartsWith("not restored", StringComparison.Ordinal));
                        outcome.Notes.Insert(0, "not loaded: " + string.Join(" ", reported));
                        if (restoreFailed)
                        {
                            outcome.Notes.Add($"once it loads, run dotnet restore \"{path}\" and scan again");
                        }
                    }

                    _progress.Report(outcome.Name, reported.Count > 0 ? "not loaded" : "not restored", 100);
                    continue;
                }

                foreach (var project in projects)
                {
                    _progress.Report(outcome.Name, "compiling " + (projects.Count > 1 ? project.Name : ""), 40);
                    var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
                    if (compilation == null)
                    {
                        outcome.Notes.Add($"not loaded: no compilation for {project.Name}");
                        continue;
                    }

                    _progress.Report(outcome.Name, "analysing " + (projects.Count > 1 ? project.Name : ""), 70);
                    var withAnalyzers = compilation.WithAnalyzers(
                        analyzers,
                        new CompilationWithAnalyzersOptions(project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
                    var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
                    outcome.Analysed = true;
                    foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
                    {
                        if (diagnostic.Id.StartsWith("AD", StringComparison.Ordinal))
                        {
                            _progress.Note($"{outcome.Name}: {diagnostic.GetMessage()}");
                            continue;
                        }

                        if (!ruleIds.Contains(diagnostic.Id) || diagnostic.IsSuppressed || !diagnostic.Location.IsInSource)
                        {
                            continue;
                        }

                        FindingLevel level;
                        switch (diagnostic.Severity)
                        {
                            case DiagnosticSeverity.Error:
                                level = FindingLevel.Error;
                                break;
                            case DiagnosticSeverity.Warning:
                                level = FindingLevel.Warning;
                                break;
                            case DiagnosticSeverity.Info:
                                level = FindingLevel.Suggestion;
                                break;
                            default:
                                continue; // silent: the project's config keeps it out of sight
                        }

                        var span = diagnostic.Location.SourceSpan;
                        if (!seen.Add((diagnostic.Id, diagnostic.Location.SourceTree!.FilePath, span.Start, span.Length)))
                        {
                            continue; // the same code seen again through another target framework
                        }

                        if (level == FindingLevel.Suggestion && !_includeSuggestions)
                        {
                            outcome.UnlistedSuggestions++;
                            continue;
                        }

                        var document = project.GetDocument(diagnostic.Location.SourceTree);
                        var fixes = document == null
                            ? ImmutableArray<string>.Empty
                            : await FixTitlesAsync(document, diagnostic, cancellationToken).ConfigureAwait(false);
                        findings.Add(await FindingFactory.ToFindingAsync(diagnostic, level, outcome.Name, fixes, cancellationToken).ConfigureAwait(false));
                    }
                }

                _progress.Report(outcome.Name, outcome.Analysed ? "done" : "not analysed", 100);
            }

            var ordered = findings
                .OrderBy(f => f.Write.Path, StringComparer.Ordinal)
                .ThenBy(f => f.Write.StartLine)
                .ThenBy(f => f.Write.StartColumn)
                .ThenBy(f => f.Id, StringComparer.Ordinal)
                .ToList();
            return new ScanResult(target.ProjectPaths.Select(p => outcomes[p]).ToList(), ordered, _rules, _catalog.Version);
        }

        /// <summary>
        /// A project with no obj/project.assets.json is restored first (the only write the scan makes), since
        /// MSBuildWorkspace needs the restore's output to resolve references.
        /// </summary>
        private async Task EnsureRestoredAsync(ProjectOutcome outcome, CancellationToken cancellationToken)
        {
            var assets = Path.Combine(Path.GetDirectoryName(outcome.Path)!, "obj", "project.assets.json");
            if (File.Exists(assets))
            {
                return;
            }

            var command = $"dotnet restore \"{outcome.Path}\"";
            _progress.Note($"{outcome.Name} is not restored (no obj/project.assets.json): running {command}");
            _progress.Report(outcome.Name, "restoring", 5);
            var (exitCode, output) = await RunDotnetAsync(new[] { "restore", outcome.Path }, cancellationToken).ConfigureAwait(false);
            if (exitCode == 0 && File.Exists(assets))
            {
                outcome.Notes.Add("restored first (dotnet restore)");
                return;
            }

            var firstError = output
                .Split('\n')
                .Select(l => l.Trim())
                .FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase));
            outcome.Notes.Add($"not restored: the restore failed; run {command} to see why and scan again" + (firstError == null ? "" : $" ({firstError})"));
            _progress.Note($"{outcome.Name}: the restore failed; run {command} to see why, then scan again");
        }

        private static async Task<(int ExitCode, string Output)> RunDotnetAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
        {
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            var start = new ProcessStartInfo(string.IsNullOrEmpty(host) || !File.Exists(host) ? "dotnet" : host)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add("--nologo");
            try
            {
                using var process = Process.Start(start)!;
                var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
                var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                return (-1, "error: " + e.Message);
            }
        }

        private static string LoadFailureReason(string path, Dictionary<string, string> loadErrors, List<string> failures)
        {
            if (loadErrors.TryGetValue(path, out var error))
            {
                return error;
            }

            var mine = FailuresOf(path, failures);
            if (mine.Count > 0)
            {
                return string.Join(" ", mine.Distinct());
            }

            return failures.Count > 0 ? string.Join(" ", failures.Distinct()) : "MSBuild did not load it";
        }

        /// <summary>The workspace failures that name the project file.</summary>
        private static List<string> FailuresOf(string path, List<string> failures)
        {
            lock (failures)
            {
                return failures.Where(f => f.Contains(path, StringComparison.Ordinal)).Distinct().ToList();
            }
        }

        private static bool SamePath(string? a, string b)
            => a != null && string.Equals(Path.GetFullPath(a), b, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

        private async Task<ImmutableArray<string>> FixTitlesAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var titles = ImmutableArray.CreateBuilder<string>();
            foreach (var fixer in _catalog.Fixers)
            {
                if (!fixer.FixableDiagnosticIds.Contains(diagnostic.Id))
                {
                    continue;
                }

                try
                {
                    var context = new CodeFixContext(
                        document,
                        diagnostic,
                        (action, _) =>
                        {
                            lock (titles)
                            {
                                if (!titles.Contains(action.Title))
                                {
                                    titles.Add(action.Title);
                                }
                            }
                        },
                        cancellationToken);
                    await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A fixer that cannot handle this shape offers nothing; the report still lists the finding.
                }
            }

            return titles.ToImmutable();
        }
    }
}
