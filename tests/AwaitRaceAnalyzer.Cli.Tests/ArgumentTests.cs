namespace AwaitRaceAnalyzer.Cli.Tests
{
    /// <summary>Bad arguments end with exit code 2, the reason and the usage on standard error, before anything is loaded.</summary>
    public sealed class ArgumentTests
    {
        [Theory]
        [InlineData(new string[0], "missing command")]
        [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
        [InlineData(new[] { "scan" }, "missing path")]
        [InlineData(new[] { "scan", "does-not-exist.sln" }, "'does-not-exist.sln' does not exist")]
        [InlineData(new[] { "scan", ".", "--fail-on", "sometimes" }, "--fail-on 'sometimes' is not one of warning, suggestion, none")]
        [InlineData(new[] { "scan", ".", "--rules", "AWR001,AWR999" }, "unknown rule AWR999")]
        [InlineData(new[] { "scan", ".", "--bogus" }, "unknown option '--bogus'")]
        [InlineData(new[] { "scan", ".", "--sarif" }, "--sarif needs a file name")]
        [InlineData(new[] { "scan", "a", "b" }, "one path expected")]
        public async Task BadArguments_ExitTwo_WithReasonAndUsage(string[] args, string reason)
        {
            var folder = Directory.CreateTempSubdirectory("awaitrace-args-").FullName;
            try
            {
                Directory.CreateDirectory(Path.Combine(folder, "a"));
                Directory.CreateDirectory(Path.Combine(folder, "b"));
                var run = await CommandRun.RunAsync(folder, args);
                Assert.True(run.ExitCode == 2, run.ToString());
                Assert.Contains(reason, run.Stderr);
                Assert.Contains("Usage: awaitrace scan <path> [options]", run.Stderr);
                Assert.Equal("", run.Stdout);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public async Task FolderWithNothingToScan_ExitsTwo()
        {
            var folder = Directory.CreateTempSubdirectory("awaitrace-empty-").FullName;
            try
            {
                var run = await CommandRun.RunAsync(folder, "scan", ".");
                Assert.True(run.ExitCode == 2, run.ToString());
                Assert.Contains("holds no .sln, .slnx or .csproj file", run.Stderr);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public async Task FolderWithTwoSolutions_ExitsTwo_AskingWhichOne()
        {
            var folder = Directory.CreateTempSubdirectory("awaitrace-two-").FullName;
            try
            {
                File.WriteAllText(Path.Combine(folder, "One.sln"), "");
                File.WriteAllText(Path.Combine(folder, "Two.slnx"), "<Solution />");
                var run = await CommandRun.RunAsync(folder, "scan", ".");
                Assert.True(run.ExitCode == 2, run.ToString());
                Assert.Contains("holds several solutions (One.sln, Two.slnx): pass the one to scan", run.Stderr);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public async Task Help_ExitsZero_WithUsage()
        {
            var run = await CommandRun.RunAsync(Path.GetTempPath(), "--help");
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("--fail-on <level>", run.Stdout);
        }
    }
}
