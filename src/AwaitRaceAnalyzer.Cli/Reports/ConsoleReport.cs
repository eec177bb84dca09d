using System.Linq;
using AwaitRaceAnalyzer.Cli.Analysis;
using Spectre.Console;

namespace AwaitRaceAnalyzer.Cli.Reports
{
    /// <summary>
    /// The console output: one <c>path(line,col): severity ID: message</c> line per finding (the compiler's format, so
    /// editors and CI problem matchers pick them up), then a table of projects by rule.
    /// </summary>
    internal static class ConsoleReport
    {
        public static void Write(IAnsiConsole console, System.IO.TextWriter stdout, ScanResult result, string currentDirectory, bool interactive)
        {
            console.WriteLine();

            // Straight to the writer, never wrapped: one finding is one line, for editors, grep and problem matchers.
            foreach (var finding in result.Findings)
            {
                var line = FormatLine(finding, currentDirectory);
                if (interactive)
                {
                    var word = $"{Finding.LevelWord(finding.Level)} {finding.Id}";
                    var color = finding.Level >= FindingLevel.Warning ? "\u001b[33m" : "\u001b[36m";
                    line = line.Replace(": " + word + ": ", ": " + color + word + "\u001b[0m: ");
                }

                stdout.WriteLine(line);
            }

            stdout.Flush();

            if (result.Findings.Count > 0)
            {
                console.WriteLine();
            }

            var table = new Table().Border(interactive ? TableBorder.Rounded : TableBorder.Markdown);
            table.AddColumn("Project");
            foreach (var rule in result.Rules)
            {
                table.AddColumn(new TableColumn(rule.Id).RightAligned());
            }

            table.AddColumn(new TableColumn("Warnings").RightAligned());
            table.AddColumn(new TableColumn("Suggestions").RightAligned());
            table.AddColumn("Status");

            foreach (var project in result.Projects)
            {
                var mine = result.Findings.Where(f => f.ProjectName == project.Name).ToList();
                var cells = new System.Collections.Generic.List<string> { Markup.Escape(project.Name) };
                cells.AddRange(result.Rules.Select(r => project.Analysed ? mine.Count(f => f.Id == r.Id).ToString() : "-"));
                cells.Add(project.Analysed ? mine.Count(f => f.Level >= FindingLevel.Warning).ToString() : "-");
                cells.Add(project.Analysed ? mine.Count(f => f.Level == FindingLevel.Suggestion).ToString() : "-");
                cells.Add(Markup.Escape(Status(project)));
                table.AddRow(cells.ToArray());
            }

            var analysed = result.Projects.Count(p => p.Analysed);
            var total = new System.Collections.Generic.List<string> { "Total" };
            total.AddRange(result.Rules.Select(r => result.Findings.Count(f => f.Id == r.Id).ToString()));
            total.Add(result.Findings.Count(f => f.Level >= FindingLevel.Warning).ToString());
            total.Add(result.Findings.Count(f => f.Level == FindingLevel.Suggestion).ToString());
            total.Add($"{analysed} of {result.Projects.Count} analysed");
            table.AddRow(total.ToArray());
            console.Write(table);
            console.WriteLine();

            foreach (var project in result.Projects.Where(p => !p.Analysed))
            {
                console.WriteLine($"{Paths.Display(project.Path, currentDirectory)}: {string.Join("; ", project.Notes)}", Style.Plain);
            }

            var unlisted = result.Projects.Sum(p => p.UnlistedSuggestions);
            if (unlisted > 0)
            {
                console.WriteLine($"{unlisted} suggestion(s) not listed; add --include-suggestions to see them.", Style.Plain);
            }
        }

        /// <summary>The compiler's diagnostic format: <c>path(line,col): warning AWR001: message</c>.</summary>
        public static string FormatLine(Finding finding, string currentDirectory)
            => $"{Paths.Display(finding.Write.Path, currentDirectory)}({finding.Write.StartLine},{finding.Write.StartColumn}): {Finding.LevelWord(finding.Level)} {finding.Id}: {finding.Message}";

        private static string Status(ProjectOutcome project)
        {
            if (!project.Analysed)
            {
                // "not loaded" says more than "not restored" when both happened.
                return (project.Notes.FirstOrDefault(n => n.StartsWith("not loaded", System.StringComparison.Ordinal))
                        ?? project.Notes.FirstOrDefault(n => n.StartsWith("not ", System.StringComparison.Ordinal))) is { } reason
                    ? reason.Substring(0, reason.IndexOf(':') is var colon and > 0 ? colon : reason.Length)
                    : "not analysed";
            }

            var status = "analysed";
            if (project.Notes.Contains("restored first (dotnet restore)"))
            {
                status += ", restored first";
            }

            if (project.UnlistedSuggestions > 0)
            {
                status += $", {project.UnlistedSuggestions} suggestion(s) not listed";
            }

            return status;
        }
    }
}
