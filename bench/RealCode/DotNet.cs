// Runs the dotnet command line and finds the SDK it uses (version, Sdks folder, compiler's Roslyn version).
using System.Diagnostics;
using System.Reflection;

namespace AwaitRaceAnalyzer.RealCode;

internal sealed record SdkInfo(string Version, string SdksFolder, Version RoslynVersion);

internal static class DotNet
{
    /// <summary>Runs dotnet with the arguments in a folder; all output goes to the log file. Returns the exit code, or -1 after a timeout.</summary>
    public static int Run(IReadOnlyList<string> arguments, string workingDirectory, string logFile, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var log = new StreamWriter(logFile, append: false);
        log.WriteLine("> dotnet " + string.Join(" ", arguments.Select(Quote)));
        log.Flush();
        var gate = new object();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { log.WriteLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (gate)
            {
                log.WriteLine($"*** killed after {timeout.TotalMinutes:0} minutes");
            }

            return -1;
        }

        process.WaitForExit(); // drains the output
        return process.ExitCode;
    }

    /// <summary>The SDK that `dotnet` picks in the given folder (which must have no global.json above it that pins another).</summary>
    public static SdkInfo FindSdk(string workingDirectory)
    {
        var version = Capture(new[] { "--version" }, workingDirectory).Trim();
        foreach (var line in Capture(new[] { "--list-sdks" }, workingDirectory).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "10.0.401 [/usr/share/dotnet/sdk]"
            var open = line.IndexOf('[');
            if (open < 0 || line.Substring(0, open).Trim() != version)
            {
                continue;
            }

            var sdkFolder = Path.Combine(line.Substring(open + 1).TrimEnd(']', '\r', ' '), version);
            var compiler = Path.Combine(sdkFolder, "Roslyn", "bincore", "Microsoft.CodeAnalysis.dll");
            var roslyn = AssemblyName.GetAssemblyName(compiler).Version ?? new Version(0, 0);
            return new SdkInfo(version, Path.Combine(sdkFolder, "Sdks"), roslyn);
        }

        throw new InvalidOperationException($"dotnet --list-sdks does not list the SDK {version}");
    }

    private static string Capture(IReadOnlyList<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    private static string Quote(string argument) => argument.Contains(' ') ? "\"" + argument + "\"" : argument;
}
