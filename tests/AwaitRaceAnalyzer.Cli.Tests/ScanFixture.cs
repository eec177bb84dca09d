namespace AwaitRaceAnalyzer.Cli.Tests
{
    /// <summary>The output of one in-process run of the command.</summary>
    public sealed class CommandRun
    {
        public CommandRun(int exitCode, string stdout, string stderr)
        {
            ExitCode = exitCode;
            Stdout = stdout;
            Stderr = stderr;
        }

        public int ExitCode { get; }

        public string Stdout { get; }

        public string Stderr { get; }

        public IReadOnlyList<string> StdoutLines => Stdout.Replace("\r\n", "\n").Split('\n');

        public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

        /// <summary>Runs <c>awaitrace</c> through its entry point, in this process, from <paramref name="currentDirectory"/>.</summary>
        public static async Task<CommandRun> RunAsync(string currentDirectory, params string[] args)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var exitCode = await AwaitRaceCommand.RunAsync(args, stdout, stderr, interactive: false, currentDirectory);
            return new CommandRun(exitCode, stdout.ToString(), stderr.ToString());
        }
    }

    /// <summary>
    /// Writes the fixture solution once and scans it the ways the tests look at: the whole solution with both
    /// reports, the clean project alone, and the broken project alone. Loading projects dominates the time, so the
    /// scans run once and every test reads their output.
    /// </summary>
    public sealed class ScanFixture : IAsyncLifetime
    {
        internal FixtureSolution Solution { get; } = new FixtureSolution();

        public string ReportFolder { get; } = Path.Combine(Path.GetTempPath(), "awaitrace-reports-" + Guid.NewGuid().ToString("N").Substring(0, 8));

        public string SarifPath => Path.Combine(ReportFolder, "report.sarif");

        public string HtmlPath => Path.Combine(ReportFolder, "report.html");

        public IReadOnlyDictionary<string, string> HashesBefore { get; private set; } = new Dictionary<string, string>();

        public IReadOnlyDictionary<string, string> HashesAfter { get; private set; } = new Dictionary<string, string>();

        /// <summary><c>scan Fixture.slnx --sarif … --html …</c></summary>
        public CommandRun Whole { get; private set; } = null!;

        /// <summary><c>scan Clean</c> (a folder holding one project)</summary>
        public CommandRun Clean { get; private set; } = null!;

        /// <summary><c>scan Broken/Broken.csproj</c></summary>
        public CommandRun Broken { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            HashesBefore = Solution.HashSources();
            Whole = await CommandRun.RunAsync(Solution.Root, "scan", "Fixture.slnx", "--sarif", SarifPath, "--html", HtmlPath);
            Clean = await CommandRun.RunAsync(Solution.Root, "scan", "Clean");
            Broken = await CommandRun.RunAsync(Solution.Root, "scan", Path.Combine("Broken", "Broken.csproj"));
            HashesAfter = Solution.HashSources();
        }

        public Task DisposeAsync()
        {
            Solution.Dispose();
            try
            {
                Directory.Delete(ReportFolder, recursive: true);
            }
            catch (IOException)
            {
            }

            return Task.CompletedTask;
        }
    }
}
