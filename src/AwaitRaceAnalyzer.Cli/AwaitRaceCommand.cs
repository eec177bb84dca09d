using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AwaitRaceAnalyzer.Cli.Analysis;
using AwaitRaceAnalyzer.Cli.Reports;
using Spectre.Console;

namespace AwaitRaceAnalyzer.Cli
{
    /// <summary>
    /// <c>awaitrace scan</c>: the whole command, with its writers and current directory passed in so that tests can
    /// run it in-process.
    /// </summary>
    internal static class AwaitRaceCommand
    {
        public const int ExitClean = 0;
        public const int ExitFindings = 1;
        public const int ExitNothingAnalysed = 2;

        public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, bool interactive, string currentDirectory, CancellationToken cancellationToken = default)
        {
            var options = ScanOptions.Parse(args, currentDirectory, out var error, out var info);
            if (options == null)
            {
                if (info == "help")
                {
                    await stdout.WriteAsync(ScanOptions.Usage).ConfigureAwait(false);
                    return ExitClean;
                }

                if (info == "version")
                {
                    await stdout.WriteLineAsync(AnalyzerCatalog.Load().Version).ConfigureAwait(false);
                    return ExitClean;
                }

                await stderr.WriteLineAsync($"awaitrace: {error}").ConfigureAwait(false);
                await stderr.WriteLineAsync().ConfigureAwait(false);
                await stderr.WriteAsync(ScanOptions.Usage).ConfigureAwait(false);
                return ExitNothingAnalysed;
            }

            var catalog = AnalyzerCatalog.Load();
            var rules = catalog.Rules;
            if (options.Rules != null)
            {
                var unknown = options.Rules.Where(id => !rules.Any(r => r.Id == id)).ToList();
                if (unknown.Count > 0)
                {
                    await stderr.WriteLineAsync($"awaitrace: unknown rule {string.Join(", ", unknown)}; the rules are {string.Join(", ", rules.Select(r => r.Id))}").ConfigureAwait(false);
                    await stderr.WriteLineAsync().ConfigureAwait(false);
                    await stderr.WriteAsync(ScanOptions.Usage).ConfigureAwait(false);
                    return ExitNothingAnalysed;
                }

                rules = rules.Where(r => options.Rules.Contains(r.Id)).ToImmutableArray();
            }

            var (target, targetError) = await ScanTarget.ResolveAsync(options.Path, cancellationToken).ConfigureAwait(false);
            if (target == null)
            {
                await stderr.WriteLineAsync($"awaitrace: {targetError}").ConfigureAwait(false);
                return ExitNothingAnalysed;
            }

            Scanner.RegisterMSBuild();
            var console = CreateConsole(stdout, interactive);
            ScanResult result;
            if (interactive)
            {
                result = await console.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
                    .StartAsync(async context =>
                    {
                        var progress = new SpectreProgress(context, console);
                        return await new Scanner(catalog, rules, options.IncludeSuggestions, progress).ScanAsync(target, cancellationToken).ConfigureAwait(false);
                    }).ConfigureAwait(false);
            }
            else
            {
                result = await new Scanner(catalog, rules, options.IncludeSuggestions, new QuietProgress(stderr)).ScanAsync(target, cancellationToken).ConfigureAwait(false);
            }

            ConsoleReport.Write(console, stdout, result, currentDirectory, interactive);

            if (options.SarifPath != null)
            {
                SarifReport.Write(options.SarifPath, result, currentDirectory);
                await stdout.WriteLineAsync($"SARIF log: {Paths.Display(options.SarifPath, currentDirectory)}").ConfigureAwait(false);
            }

            if (options.HtmlPath != null)
            {
                HtmlReport.Write(options.HtmlPath, result, currentDirectory, target.SolutionPath ?? options.Path);
                await stdout.WriteLineAsync($"HTML report: {Paths.Display(options.HtmlPath, currentDirectory)}").ConfigureAwait(false);
            }

            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (!result.Projects.Any(p => p.Analysed))
            {
                var reasons = result.Projects.Select(p => $"{Paths.Display(p.Path, currentDirectory)}: {string.Join("; ", p.Notes)}");
                await stderr.WriteLineAsync($"awaitrace: nothing could be analysed ({string.Join(" | ", reasons)})").ConfigureAwait(false);
                return ExitNothingAnalysed;
            }

            var failing = options.FailOn switch
            {
                FailOn.Warning => result.Findings.Count(f => f.Level >= FindingLevel.Warning),
                FailOn.Suggestion => result.Findings.Count,
                _ => 0,
            };
            return failing > 0 ? ExitFindings : ExitClean;
        }

        private static IAnsiConsole CreateConsole(TextWriter stdout, bool interactive)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(stdout),
                Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
            });
            if (!interactive)
            {
                console.Profile.Width = 400; // plain text for logs: never wrap a table row
            }

            return console;
        }

        /// <summary>Progress as a live Spectre.Console display, one task per project.</summary>
        private sealed class SpectreProgress : IScanProgress
        {
            private readonly ProgressContext _context;
            private readonly IAnsiConsole _console;
            private readonly Dictionary<string, ProgressTask> _tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);

            public SpectreProgress(ProgressContext context, IAnsiConsole console)
            {
                _context = context;
                _console = console;
            }

            public void Report(string project, string status, double percent)
            {
                lock (_tasks)
                {
                    if (!_tasks.TryGetValue(project, out var task))
                    {
                        task = _context.AddTask(project, maxValue: 100);
                        _tasks.Add(project, task);
                    }

                    task.Description = $"{Markup.Escape(project)} [grey]{Markup.Escape(status)}[/]";
                    task.Value = Math.Max(task.Value, percent);
                    if (percent >= 100)
                    {
                        task.StopTask();
                    }
                }
            }

            public void Note(string text) => _console.MarkupLine($"[yellow]{Markup.Escape(text)}[/]");
        }

        /// <summary>No live display when the output is redirected; notes go to standard error.</summary>
        private sealed class QuietProgress : IScanProgress
        {
            private readonly TextWriter _stderr;

            public QuietProgress(TextWriter stderr) => _stderr = stderr;

            public void Report(string project, string status, double percent)
            {
            }

            public void Note(string text)
            {
                lock (_stderr)
                {
                    _stderr.WriteLine("awaitrace: " + text);
                }
            }
        }
    }
}
