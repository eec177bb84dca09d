using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AwaitRaceAnalyzer.Cli.Tests
{
    /// <summary>
    /// <c>awaitrace scan</c> on the fixture solution, run in-process: console lines and summary, exit codes, the SARIF
    /// log, the HTML report, and that the scan leaves the sources as they were.
    /// </summary>
    public sealed class EndToEndTests : IClassFixture<ScanFixture>
    {
        private const string LostUpdateLine =
            "Racy/Counter.cs(15,13): warning AWR001: '_count' is written from a value read before 'await Task.Delay(1)'; updates made by other tasks during the await are lost; IncrementAsync runs concurrently on one Counter (Task.WhenAll in Driver.RunAsync)";

        private const string CheckThenActLine =
            "Racy/Interaction.cs(23,13): warning AWR002: 'HasResponded' is written under a check of it made before 'await SendAsync(text)'; other tasks can change it during the await, so the check no longer holds";

        private readonly ScanFixture _fixture;

        public EndToEndTests(ScanFixture fixture) => _fixture = fixture;

        [Fact]
        public void Solution_WithFindings_ExitsOneAndPrintsEachFindingInCompilerFormat()
        {
            var run = _fixture.Whole;
            Assert.True(run.ExitCode == 1, run.ToString());
            var findingLines = run.StdoutLines.Where(l => Regex.IsMatch(l, @"^\S.*\(\d+,\d+\): (warning|suggestion|error) AWR\d{3}: ")).ToList();
            Assert.Equal(new[] { LostUpdateLine, CheckThenActLine }, findingLines);
        }

        [Fact]
        public void Solution_Summary_CountsByProjectAndRule_AndNamesTheProjectThatDidNotLoad()
        {
            var rows = TableRows(_fixture.Whole.Stdout);
            Assert.Equal(new[] { "Project", "AWR001", "AWR002", "AWR003", "AWR101", "AWR102", "Warnings", "Suggestions", "Status" }, rows[0]);
            Assert.Equal(new[] { "Racy", "1", "1", "0", "0", "0", "2", "0", "analysed, restored first" }, rows.Single(r => r[0] == "Racy"));
            Assert.Equal(new[] { "Clean", "0", "0", "0", "0", "0", "0", "0", "analysed, restored first, 1 suggestion(s) not listed" }, rows.Single(r => r[0] == "Clean"));
            Assert.Equal(new[] { "Broken", "-", "-", "-", "-", "-", "-", "-", "not loaded" }, rows.Single(r => r[0] == "Broken"));
            Assert.Equal(new[] { "Total", "1", "1", "0", "0", "0", "2", "0", "2 of 3 analysed" }, rows.Single(r => r[0] == "Total"));

            // The project that did not load is named with MSBuild's reason, and the restore command to run.
            var brokenLine = _fixture.Whole.StdoutLines.Single(l => l.StartsWith("Broken/Broken.csproj: ", StringComparison.Ordinal));
            Assert.Contains("dotnet restore", brokenLine);
            Assert.Contains("not loaded: ", brokenLine);
            Assert.Contains("Broken.csproj", brokenLine.Substring("Broken/Broken.csproj: ".Length));
            Assert.Contains("1 suggestion(s) not listed; add --include-suggestions to see them.", _fixture.Whole.StdoutLines);

            // Restoring is said, not done silently.
            Assert.Contains("Racy is not restored (no obj/project.assets.json): running dotnet restore", _fixture.Whole.Stderr);
        }

        [Fact]
        public void ProjectConfig_SeverityNone_TurnsTheRuleOff()
        {
            // Two lazy initialisations in Clean; the one under Quiet/.editorconfig (AWR003 = none) is not counted.
            Assert.Contains("analysed, restored first, 1 suggestion(s) not listed", _fixture.Whole.Stdout);
            Assert.DoesNotContain("QuietCache", _fixture.Whole.Stdout + File.ReadAllText(_fixture.SarifPath) + File.ReadAllText(_fixture.HtmlPath));
        }

        [Fact]
        public void CleanProject_ExitsZero_AndListsNoFinding()
        {
            var run = _fixture.Clean;
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.DoesNotContain(run.StdoutLines, l => l.Contains(" AWR0", StringComparison.Ordinal) && l.Contains("): ", StringComparison.Ordinal));
            Assert.Equal(new[] { "Clean", "0", "0", "0", "0", "0", "0", "0", "analysed, 1 suggestion(s) not listed" }, TableRows(run.Stdout).Single(r => r[0] == "Clean"));
        }

        [Fact]
        public void BrokenProjectAlone_ExitsTwo_WithTheReasonOnStandardError()
        {
            var run = _fixture.Broken;
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Contains("awaitrace: nothing could be analysed", run.Stderr);
            Assert.Contains("Broken/Broken.csproj", run.Stderr);
        }

        [Fact]
        public void Scan_LeavesEverySourceFileByteIdentical()
        {
            // Only obj/ may appear (the restore of a project that had none); HashSources leaves obj/ and bin/ out.
            Assert.Equal(_fixture.HashesBefore, _fixture.HashesAfter);
            Assert.Equal(11, _fixture.HashesAfter.Count);
            // Nothing is built: MSBuild's design-time evaluation may create the empty output folder (as an IDE does
            // when it opens the project), but no file appears in it.
            var bin = _fixture.Solution.PathOf("Racy/bin");
            Assert.Empty(Directory.Exists(bin) ? Directory.GetFiles(bin, "*", SearchOption.AllDirectories) : Array.Empty<string>());
        }

        [Fact]
        public void Sarif_HasVersionRulesLocationsAndRelatedLocations()
        {
            var log = JsonNode.Parse(File.ReadAllText(_fixture.SarifPath))!;
            Assert.Equal("2.1.0", (string?)log["version"]);
            Assert.Contains("sarif-2.1.0", (string?)log["$schema"]);
            var run = log["runs"]![0]!;
            var driver = run["tool"]!["driver"]!;
            Assert.Equal("AwaitRaceAnalyzer", (string?)driver["name"]);
            Assert.False(string.IsNullOrEmpty((string?)driver["version"]));
            var rules = driver["rules"]!.AsArray();
            Assert.Equal(new[] { "AWR001", "AWR002", "AWR003", "AWR101", "AWR102" }, rules.Select(r => (string?)r!["id"]));
            foreach (var rule in rules)
            {
                Assert.False(string.IsNullOrEmpty((string?)rule!["shortDescription"]!["text"]));
                Assert.EndsWith($"docs/rules/{(string?)rule["id"]}.md", (string?)rule["helpUri"]);
            }

            var results = run["results"]!.AsArray();
            Assert.Equal(new[] { "AWR001", "AWR002" }, results.Select(r => (string?)r!["ruleId"]));
            Assert.All(results, r => Assert.Equal("warning", (string?)r!["level"]));

            var lostUpdate = results[0]!;
            AssertRegion(lostUpdate["locations"]![0]!, "Racy/Counter.cs", 15, 13, "_count = current + 1");
            var related = lostUpdate["relatedLocations"]!.AsArray();
            Assert.Equal(3, related.Count);
            AssertRegion(related[0]!, "Racy/Counter.cs", 13, 27, "_count");
            AssertRegion(related[1]!, "Racy/Counter.cs", 14, 13, "await Task.Delay(1)");
            AssertRegion(related[2]!, "Racy/Driver.cs", 9, 16, "Task.WhenAll(Enumerable.Range(0, 10).Select(_ => counter.IncrementAsync()))");
            Assert.Equal("evidence of concurrent use", (string?)related[2]!["message"]!["text"]);
            Assert.All(related, r => Assert.False(string.IsNullOrEmpty((string?)r!["message"]!["text"])));
            Assert.Contains("stale read", (string?)related[0]!["message"]!["text"]);

            var checkThenAct = results[1]!;
            AssertRegion(checkThenAct["locations"]![0]!, "Racy/Interaction.cs", 23, 13, "HasResponded = true");
            AssertRegion(checkThenAct["relatedLocations"]![0]!, "Racy/Interaction.cs", 16, 21, "HasResponded");
            AssertRegion(checkThenAct["relatedLocations"]![1]!, "Racy/Interaction.cs", 22, 13, "await SendAsync(text)");
        }

        [Fact]
        public void Html_HasOneCardPerFinding_WithHighlightedLinesAndBothLanes()
        {
            var html = File.ReadAllText(_fixture.HtmlPath);
            Assert.DoesNotContain("http://", html.Replace("https://github.com/", ""));
            Assert.DoesNotContain("<link", html);
            Assert.DoesNotContain(" src=", html);

            var cards = Regex.Matches(html, "<article class=\"card\".*?</article>", RegexOptions.Singleline).Select(m => m.Value).ToList();
            Assert.Equal(2, cards.Count);

            var lostUpdate = cards[0];
            Assert.Contains("data-rule=\"AWR001\"", lostUpdate);
            Assert.Matches("<tr class=\"hl has-read\"><td class=\"ln\">13</td>.*var current = <mark class=\"read\">_count</mark>;", lostUpdate);
            Assert.Matches("<tr class=\"hl has-await\"><td class=\"ln\">14</td>.*<mark class=\"await\">await Task.Delay\\(1\\)</mark>;", lostUpdate);
            Assert.Matches("<tr class=\"hl has-write\"><td class=\"ln\">15</td>.*<mark class=\"write\">_count = current \\+ 1</mark>;", lostUpdate);
            Assert.Contains("<td class=\"ln\">11</td><td class=\"tag\"></td><td class=\"src\">public async Task IncrementAsync()</td>", lostUpdate);
            Assert.Contains(">Task A</div>", lostUpdate);
            Assert.Contains(">Task B</div>", lostUpdate);
            Assert.Equal(
                new[]
                {
                    "A reads _count line 13",
                    "A awaits Task.Delay(1) and is suspended line 14",
                    "B reads _count (same value) line 13",
                    "B writes _count = current + 1 line 15",
                    "A resumes and writes _count = current + 1 from its stale read line 15",
                },
                Steps(lostUpdate));
            Assert.Contains("B&#39;s update of &#39;_count&#39; is lost", lostUpdate);
            Assert.Contains("Use Interlocked to update &#39;_count&#39;", lostUpdate);
            Assert.Contains("dotnet format analyzers Racy/Racy.csproj --diagnostics AWR001", lostUpdate);
            Assert.Contains("[SuppressMessage(\"Reliability\", \"AWR001\", Justification = \"…\")]", lostUpdate);
            Assert.Contains("#pragma warning disable AWR001", lostUpdate);
            Assert.Contains("docs/rules/AWR001.md", lostUpdate);
            Assert.Contains("<h4>Evidence of concurrent use</h4>", lostUpdate);
            Assert.Contains("Racy/Driver.cs(9,16)</span>: <code>Task.WhenAll(Enumerable.Range(0, 10).Select(_ =&gt; counter.IncrementAsync()))</code>", lostUpdate);

            var checkThenAct = cards[1];
            Assert.Matches("<tr class=\"hl has-read\"><td class=\"ln\">16</td>.*if \\(<mark class=\"read\">HasResponded</mark>\\)", checkThenAct);
            Assert.Matches("<tr class=\"hl has-await\"><td class=\"ln\">22</td>.*<mark class=\"await\">await SendAsync\\(text\\)</mark>;", checkThenAct);
            Assert.Matches("<tr class=\"hl has-write\"><td class=\"ln\">23</td>.*<mark class=\"write\">HasResponded = true</mark>;", checkThenAct);
            Assert.Equal(
                new[]
                {
                    "A checks HasResponded and passes line 16",
                    "A awaits SendAsync(text) and is suspended line 22",
                    "B checks HasResponded and passes too: A has not acted yet line 16",
                    "B acts: HasResponded = true line 23",
                    "A resumes and acts: HasResponded = true on its stale check line 23",
                },
                Steps(checkThenAct));
            Assert.Contains("Claim &#39;HasResponded&#39; before the await", checkThenAct);

            // The summary names the project that did not load.
            Assert.Contains("Broken/Broken.csproj", html);
            Assert.Contains("not loaded: ", html);
        }

        private static void AssertRegion(JsonNode location, string uri, int line, int column, string text)
        {
            var physical = location["physicalLocation"]!;
            Assert.Equal(uri, (string?)physical["artifactLocation"]!["uri"]);
            Assert.Equal("SRCROOT", (string?)physical["artifactLocation"]!["uriBaseId"]);
            Assert.Equal(line, (int)physical["region"]!["startLine"]!);
            Assert.Equal(column, (int)physical["region"]!["startColumn"]!);
            Assert.Equal(text, (string?)physical["region"]!["snippet"]!["text"]);
        }

        /// <summary>The interleaving's steps as plain text, in order.</summary>
        private static IReadOnlyList<string> Steps(string card)
            => Regex.Matches(card, "<div class=\"step (a|b)\" role=\"cell\">(.*?)</div>")
                .Select(m => System.Net.WebUtility.HtmlDecode(Regex.Replace(m.Groups[2].Value, "<span class=\"num\">\\d+</span> |<[^>]+>", "")).Trim())
                .ToList();

        /// <summary>The cells of the summary table (Markdown borders when the output is redirected).</summary>
        private static List<string[]> TableRows(string stdout)
            => stdout.Replace("\r\n", "\n").Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.StartsWith("|", StringComparison.Ordinal) && !l.StartsWith("| -", StringComparison.Ordinal))
                .Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray())
                .ToList();
    }
}
