using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using AwaitRaceAnalyzer.Cli.Analysis;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Cli.Reports
{
    /// <summary>
    /// One self-contained HTML file (inline CSS and script, nothing fetched): a summary by rule and by project, then a
    /// card per finding with the member's source (read, suspension point and write highlighted), the interleaving of
    /// two tasks that breaks it, the fixes on offer and how to suppress it. Everything taken from the code is encoded.
    /// </summary>
    internal static class HtmlReport
    {
        public static void Write(string path, ScanResult result, string currentDirectory, string scanned)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Render(result, currentDirectory, scanned), new UTF8Encoding(false));
        }

        public static string Render(ScanResult result, string currentDirectory, string scanned)
        {
            var html = new StringBuilder();
            var title = "awaitrace report: " + Paths.Display(scanned, currentDirectory);
            html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
            html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
            html.Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(HtmlStyle.Css).Append("</style>\n</head>\n<body>\n");
            html.Append("<header><h1>awaitrace report</h1><p class=\"meta\">")
                .Append(E(Paths.Display(scanned, currentDirectory)))
                .Append(" · AwaitRaceAnalyzer ").Append(E(result.Version))
                .Append(" · ").Append(E(DateTime.Now.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)))
                .Append("</p></header>\n<main>\n");

            AppendSummary(html, result, currentDirectory);

            if (result.Findings.Count > 0)
            {
                html.Append("<nav class=\"filters\" aria-label=\"Filter findings\"><span>Show:</span>");
                foreach (var rule in result.Rules.Where(r => result.Findings.Any(f => f.Id == r.Id)))
                {
                    html.Append("<label><input type=\"checkbox\" checked data-rule=\"").Append(E(rule.Id)).Append("\"> ").Append(E(rule.Id)).Append("</label>");
                }

                html.Append("</nav>\n");
            }

            var number = 0;
            foreach (var finding in result.Findings)
            {
                AppendCard(html, ++number, finding, result, currentDirectory);
            }

            html.Append("</main>\n<script>\n").Append(HtmlStyle.Script).Append("</script>\n</body>\n</html>\n");
            return html.ToString();
        }

        private static void AppendSummary(StringBuilder html, ScanResult result, string currentDirectory)
        {
            var warnings = result.Findings.Count(f => f.Level >= FindingLevel.Warning);
            var suggestions = result.Findings.Count(f => f.Level == FindingLevel.Suggestion);
            var analysed = result.Projects.Count(p => p.Analysed);
            html.Append("<section class=\"summary\">\n<h2>Summary</h2>\n<p class=\"totals\"><span class=\"badge warning\">")
                .Append(warnings).Append(warnings == 1 ? " warning" : " warnings").Append("</span> <span class=\"badge suggestion\">")
                .Append(suggestions).Append(suggestions == 1 ? " suggestion" : " suggestions").Append("</span> in ")
                .Append(analysed).Append(" of ").Append(result.Projects.Count).Append(result.Projects.Count == 1 ? " project" : " projects").Append(" analysed</p>\n");

            html.Append("<div class=\"tables\">\n<table class=\"by-rule\"><caption>By rule</caption><thead><tr><th>Rule</th><th>Title</th><th class=\"n\">Warnings</th><th class=\"n\">Suggestions</th></tr></thead><tbody>\n");
            foreach (var rule in result.Rules)
            {
                html.Append("<tr><td>").Append(RuleLink(rule)).Append("</td><td>").Append(E(rule.Title.ToString())).Append("</td><td class=\"n\">")
                    .Append(result.Findings.Count(f => f.Id == rule.Id && f.Level >= FindingLevel.Warning)).Append("</td><td class=\"n\">")
                    .Append(result.Findings.Count(f => f.Id == rule.Id && f.Level == FindingLevel.Suggestion)).Append("</td></tr>\n");
            }

            html.Append("</tbody></table>\n<table class=\"by-project\"><caption>By project</caption><thead><tr><th>Project</th><th>Status</th><th class=\"n\">Warnings</th><th class=\"n\">Suggestions</th></tr></thead><tbody>\n");
            foreach (var project in result.Projects)
            {
                var mine = result.Findings.Where(f => f.ProjectName == project.Name).ToList();
                html.Append("<tr><td><span class=\"project\">").Append(E(project.Name)).Append("</span><br><span class=\"path\">")
                    .Append(E(Paths.Display(project.Path, currentDirectory))).Append("</span></td><td>");
                if (project.Analysed)
                {
                    html.Append("analysed");
                    foreach (var note in project.Notes)
                    {
                        html.Append("; ").Append(E(note));
                    }

                    if (project.UnlistedSuggestions > 0)
                    {
                        html.Append("; ").Append(project.UnlistedSuggestions).Append(" suggestion(s) not listed (<code>--include-suggestions</code>)");
                    }

                    html.Append("</td><td class=\"n\">").Append(mine.Count(f => f.Level >= FindingLevel.Warning))
                        .Append("</td><td class=\"n\">").Append(mine.Count(f => f.Level == FindingLevel.Suggestion)).Append("</td></tr>\n");
                }
                else
                {
                    html.Append("<span class=\"failed\">").Append(E(string.Join("; ", project.Notes))).Append("</span></td><td class=\"n\">–</td><td class=\"n\">–</td></tr>\n");
                }
            }

            html.Append("</tbody></table>\n</div>\n");
            if (result.Findings.Count > 0)
            {
                html.Append("<ol class=\"index\">\n");
                var number = 0;
                foreach (var finding in result.Findings)
                {
                    number++;
                    html.Append("<li><a href=\"#finding-").Append(number).Append("\"><span class=\"badge ").Append(Finding.LevelWord(finding.Level)).Append("\">")
                        .Append(E(finding.Id)).Append("</span> <code>").Append(E(finding.StateName)).Append("</code> ")
                        .Append(E(Paths.Display(finding.Write.Path, currentDirectory))).Append('(').Append(finding.Write.StartLine).Append(',').Append(finding.Write.StartColumn).Append(")</a></li>\n");
                }

                html.Append("</ol>\n");
            }
            else
            {
                html.Append("<p class=\"clean\">No findings.</p>\n");
            }

            html.Append("</section>\n");
        }

        private static void AppendCard(StringBuilder html, int number, Finding finding, ScanResult result, string currentDirectory)
        {
            var rule = result.Rules.FirstOrDefault(r => r.Id == finding.Id);
            var level = Finding.LevelWord(finding.Level);
            var where = $"{Paths.Display(finding.Write.Path, currentDirectory)}({finding.Write.StartLine},{finding.Write.StartColumn})";
            html.Append("<article class=\"card\" id=\"finding-").Append(number).Append("\" data-rule=\"").Append(E(finding.Id)).Append("\">\n");
            html.Append("<h3><span class=\"badge ").Append(level).Append("\">").Append(level).Append(' ').Append(E(finding.Id)).Append("</span> ")
                .Append(rule == null ? "" : E(rule.Title.ToString())).Append("</h3>\n");
            html.Append("<p class=\"message\">").Append(E(finding.Message)).Append("</p>\n");
            html.Append("<p class=\"where\"><span class=\"path\">").Append(E(where)).Append("</span> · project ").Append(E(finding.ProjectName));
            if (rule != null && !string.IsNullOrEmpty(rule.HelpLinkUri))
            {
                html.Append(" · <a href=\"").Append(E(rule.HelpLinkUri)).Append("\">rule page ").Append(E(finding.Id)).Append("</a>");
            }

            html.Append("</p>\n");

            html.Append("<div class=\"legend\"><span class=\"mark read\">")
                .Append(finding.Id is "AWR001" ? "stale read" : "check")
                .Append("</span><span class=\"mark await\">suspension point</span><span class=\"mark write\">write</span>");
            if (finding.Evidence.Length > 0)
            {
                html.Append("<span class=\"mark evidence\">evidence</span>");
            }

            html.Append("</div>\n");
            if (finding.Member != null)
            {
                AppendSource(html, finding.Member, finding, currentDirectory);
            }

            AppendInterleaving(html, finding);

            if (finding.Evidence.Length > 0)
            {
                html.Append("<section class=\"evidence\"><h4>Evidence of concurrent use</h4><ul>\n");
                foreach (var evidence in finding.Evidence)
                {
                    html.Append("<li><span class=\"path\">").Append(E(Paths.Display(evidence.Path, currentDirectory))).Append('(').Append(evidence.StartLine).Append(',').Append(evidence.StartColumn)
                        .Append(")</span>: <code>").Append(E(Interleaving.Code(evidence.Text))).Append("</code></li>\n");
                }

                html.Append("</ul></section>\n");
            }

            AppendFixes(html, finding, result, currentDirectory);
            html.Append("</article>\n");
        }

        /// <summary>
        /// The member's lines with numbers; each character takes the kind of the narrowest marked span over it, so a
        /// write that contains its own read and await (<c>_x ??= await F()</c>) still shows all three.
        /// </summary>
        private static void AppendSource(StringBuilder html, MemberSource member, Finding finding, string currentDirectory)
        {
            var marks = new List<(int Start, int End, string Kind)>();
            void Mark(SourcePlace? place, string kind)
            {
                if (place != null && place.Path == member.Path)
                {
                    var start = place.Span.Start - member.StartPosition;
                    var end = place.Span.End - member.StartPosition;
                    if (end > 0 && start < member.Text.Length)
                    {
                        marks.Add((Math.Max(0, start), Math.Min(member.Text.Length, end), kind));
                    }
                }
            }

            Mark(finding.Write, "write");
            Mark(finding.Read, "read");
            Mark(finding.Suspension, "await");
            foreach (var evidence in finding.Evidence)
            {
                Mark(evidence, "evidence");
            }

            var kinds = new string?[member.Text.Length];
            var widths = new int[member.Text.Length];
            foreach (var (start, end, kind) in marks)
            {
                for (var i = start; i < end; i++)
                {
                    if (kinds[i] == null || end - start < widths[i])
                    {
                        kinds[i] = kind;
                        widths[i] = end - start;
                    }
                }
            }

            html.Append("<figure class=\"source\"><figcaption>").Append(E(Paths.Display(member.Path, currentDirectory)))
                .Append(", lines ").Append(member.FirstLine).Append('–');
            var lines = member.Text.Split('\n');
            html.Append(member.FirstLine + lines.Length - 1).Append("</figcaption>\n<table class=\"code\"><tbody>\n");
            // Shift the member left by the indentation its lines share, so it reads as it would on its own.
            var indent = lines
                .Select(l => l.TrimEnd('\r'))
                .Where(l => l.Trim().Length > 0)
                .Select(l => l.Length - l.TrimStart(' ', '\t').Length)
                .DefaultIfEmpty(0)
                .Min();
            var offset = 0;
            for (var l = 0; l < lines.Length; l++)
            {
                var line = lines[l].TrimEnd('\r');
                var lineKinds = new SortedSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < line.Length; i++)
                {
                    if (kinds[offset + i] is { } kind)
                    {
                        lineKinds.Add(kind);
                    }
                }

                var rowClass = lineKinds.Count == 0 ? "" : " class=\"hl " + string.Join(" ", lineKinds.Select(k => "has-" + k)) + "\"";
                html.Append("<tr").Append(rowClass).Append("><td class=\"ln\">").Append(member.FirstLine + l).Append("</td><td class=\"tag\">");
                foreach (var kind in new[] { "read", "await", "write", "evidence" }.Where(lineKinds.Contains))
                {
                    html.Append("<span class=\"tag-").Append(kind).Append("\">").Append(TagLetter(kind, finding.Id)).Append("</span>");
                }

                html.Append("</td><td class=\"src\">");
                var i0 = Math.Min(indent, line.Length);
                while (i0 < line.Length)
                {
                    var kind = kinds[offset + i0];
                    var i1 = i0;
                    while (i1 < line.Length && kinds[offset + i1] == kind)
                    {
                        i1++;
                    }

                    var segment = E(line.Substring(i0, i1 - i0));
                    if (kind == null)
                    {
                        html.Append(segment);
                    }
                    else
                    {
                        html.Append("<mark class=\"").Append(kind).Append("\">").Append(segment).Append("</mark>");
                    }

                    i0 = i1;
                }

                html.Append("</td></tr>\n");
                offset += lines[l].Length + 1;
            }

            html.Append("</tbody></table></figure>\n");
        }

        private static string TagLetter(string kind, string id) => kind switch
        {
            "read" => id == "AWR001" ? "read" : "check",
            "await" => "await",
            "write" => "write",
            _ => "evidence",
        };

        private static void AppendInterleaving(StringBuilder html, Finding finding)
        {
            var interleaving = Interleaving.For(finding);
            html.Append("<section class=\"interleaving\"><h4>How two calls interleave</h4>\n<div class=\"lanes\" role=\"table\">\n")
                .Append("<div class=\"lane-head a\" role=\"columnheader\">Task A</div><div class=\"lane-head b\" role=\"columnheader\">Task B</div>\n");
            var number = 0;
            foreach (var step in interleaving.Steps)
            {
                number++;
                var lane = step.Lane == Lane.A ? "a" : "b";
                var empty = step.Lane == Lane.A ? "b" : "a";
                var cell = new StringBuilder();
                cell.Append("<div class=\"step ").Append(lane).Append("\" role=\"cell\"><span class=\"num\">").Append(number).Append("</span> <b>")
                    .Append(step.Lane).Append("</b> ").Append(E(step.Action));
                if (step.Code != null)
                {
                    cell.Append(" <code>").Append(E(step.Code)).Append("</code>");
                }

                if (step.Note != null)
                {
                    cell.Append(' ').Append(E(step.Note));
                }

                if (step.Line != null)
                {
                    cell.Append(" <span class=\"line\">line ").Append(step.Line).Append("</span>");
                }

                cell.Append("</div>");
                var gap = "<div class=\"gap " + empty + "\" role=\"cell\"></div>";
                html.Append(step.Lane == Lane.A ? cell + gap : gap + cell).Append('\n');
            }

            html.Append("<div class=\"outcome\" role=\"cell\">").Append(E(interleaving.Outcome)).Append("</div>\n</div></section>\n");
        }

        private static void AppendFixes(StringBuilder html, Finding finding, ScanResult result, string currentDirectory)
        {
            html.Append("<section class=\"fixes\"><div><h4>Fixes the IDE offers</h4>\n");
            if (finding.Fixes.Length > 0)
            {
                html.Append("<ol>");
                foreach (var fix in finding.Fixes)
                {
                    html.Append("<li>").Append(E(fix)).Append("</li>");
                }

                html.Append("</ol>\n");
            }
            else
            {
                html.Append("<p>None applies to this code as written; the rule's fixes are: ").Append(E(string.Join(", ", RuleFixes(finding.Id)))).Append(". See the rule page for a manual fix.</p>\n");
            }

            var project = result.Projects.FirstOrDefault(p => p.Name == finding.ProjectName);
            var target = project == null ? "" : " " + Quote(Paths.Display(project.Path, currentDirectory));
            var severity = finding.Level == FindingLevel.Suggestion ? " --severity info" : "";
            html.Append("<p>Apply the first one from the command line (the project must reference the AwaitRaceAnalyzer package; <code>await_race.preferred_code_fix</code> in <code>.editorconfig</code> picks which fix comes first):</p>\n")
                .Append("<pre class=\"cmd\">dotnet format analyzers").Append(E(target)).Append(" --diagnostics ").Append(E(finding.Id)).Append(severity).Append("</pre>\n</div>\n");

            html.Append("<div><h4>Suppress, with a justification</h4>\n<pre class=\"cmd\">[SuppressMessage(\"Reliability\", \"").Append(E(finding.Id))
                .Append("\", Justification = \"…\")]</pre>\n<p>on the member, or around the lines:</p>\n<pre class=\"cmd\">#pragma warning disable ")
                .Append(E(finding.Id)).Append(" // why this cannot race\n…\n#pragma warning restore ").Append(E(finding.Id)).Append("</pre>\n")
                .Append("<p>or for a whole folder in <code>.editorconfig</code>: <code>dotnet_diagnostic.").Append(E(finding.Id)).Append(".severity = none</code></p>\n</div></section>\n");
        }

        /// <summary>The fixes each rule has, for a finding whose shape none of them handles.</summary>
        private static IReadOnlyList<string> RuleFixes(string id) => id switch
        {
            "AWR001" => new[] { "Use Interlocked", "Protect with a SemaphoreSlim", "Read after the await" },
            "AWR002" or "AWR102" => new[] { "Claim before the await", "Protect with a SemaphoreSlim" },
            "AWR003" => new[] { "Share one load", "Protect with a SemaphoreSlim" },
            _ => Array.Empty<string>(),
        };

        private static string RuleLink(DiagnosticDescriptor rule)
            => string.IsNullOrEmpty(rule.HelpLinkUri)
                ? E(rule.Id)
                : "<a href=\"" + E(rule.HelpLinkUri) + "\">" + E(rule.Id) + "</a>";

        private static string Quote(string path) => path.IndexOfAny(new[] { ' ', '\'', '"' }) >= 0 ? "\"" + path + "\"" : path;

        /// <summary>Encodes the five characters that matter in text and attribute values; the rest stays readable.</summary>
        private static string E(string text)
        {
            var encoded = new StringBuilder(text.Length + 16);
            foreach (var c in text)
            {
                encoded.Append(c switch
                {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    '"' => "&quot;",
                    '\'' => "&#39;",
                    _ => c.ToString(),
                });
            }

            return encoded.ToString();
        }
    }
}
