using System.Diagnostics;

namespace AwaitRaceAnalyzer.Tests.Infrastructure;

/// <summary>Runs the <c>dotnet</c> CLI in a folder and returns what it printed.</summary>
internal static class DotnetCli
{
    public static (int ExitCode, string Output) Run(string directory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var pair in environment ?? new Dictionary<string, string>())
        {
            start.Environment[pair.Key] = pair.Value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(4)), "dotnet " + string.Join(' ', arguments) + " timed out");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Runs and asserts success.</summary>
    public static string Succeed(string directory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var (exitCode, output) = Run(directory, environment, arguments);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)} exited {exitCode}:\n{output}");
        return output;
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AwaitRaceAnalyzer.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("AwaitRaceAnalyzer.sln not found above " + AppContext.BaseDirectory);
    }

    public static string NewTemporaryDirectory(string prefix)
    {
        var directory = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }
}
