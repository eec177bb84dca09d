// Reads the compiler's analyzer timing report (ReportAnalyzer) and the Csc task time from a detailed MSBuild log.
using System.Globalization;
using System.Text.RegularExpressions;

namespace AwaitRaceAnalyzer.RealCode;

internal sealed class BuildTimes
{
    /// <summary>Seconds per analyzer assembly (simple name), summed over the compilations in the log.</summary>
    public Dictionary<string, double> AnalyzerAssemblies { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>"Total analyzer execution time", summed over the compilations in the log.</summary>
    public double TotalAnalyzerSeconds { get; set; }

    /// <summary>The Csc task's time from the task performance summary (the whole compilation, analyzers included).</summary>
    public double CscSeconds { get; set; }

    public int Compilations { get; set; }

    public double SecondsOf(IEnumerable<string> assemblyNames) =>
        assemblyNames.Distinct(StringComparer.OrdinalIgnoreCase).Sum(n => AnalyzerAssemblies.TryGetValue(n, out var s) ? s : 0);
}

internal static class BuildLog
{
    // "         Total analyzer execution time: 1.728 seconds."
    private static readonly Regex TotalAnalyzers = new(@"Total analyzer execution time: ([0-9.]+) seconds");

    // "         Total generator execution time: 0.947 seconds." (its table lists generators, not analyzers)
    private static readonly Regex TotalGenerators = new(@"Total generator execution time: ([0-9.]+) seconds");

    // "            0.126    7   AwaitRaceAnalyzer, Version=0.1.0.0, Culture=neutral, PublicKeyToken=null"
    // (the lines for single analyzers below it have no ", Version=")
    private static readonly Regex AssemblyLine = new(@"^\s*(?:\d+>)?\s*([0-9]+\.[0-9]+)\s+(?:<1|\d+)\s+([^\s,][^,]*), Version=");

    // "     4383 ms  Csc                                        1 calls"
    private static readonly Regex CscLine = new(@"^\s*(?:\d+>)?\s*(\d+) ms\s+Csc\s+\d+ calls");

    public static BuildTimes Read(string logFile)
    {
        var times = new BuildTimes();
        var inAnalyzerTable = false;
        foreach (var line in File.ReadLines(logFile))
        {
            if (TotalAnalyzers.Match(line) is { Success: true } total)
            {
                times.TotalAnalyzerSeconds += Number(total.Groups[1].Value);
                times.Compilations++;
                inAnalyzerTable = true;
            }
            else if (TotalGenerators.IsMatch(line))
            {
                inAnalyzerTable = false;
            }
            else if (inAnalyzerTable && AssemblyLine.Match(line) is { Success: true } assembly)
            {
                var name = assembly.Groups[2].Value.Trim();
                times.AnalyzerAssemblies[name] = times.AnalyzerAssemblies.GetValueOrDefault(name) + Number(assembly.Groups[1].Value);
            }
            else if (CscLine.Match(line) is { Success: true } csc)
            {
                times.CscSeconds += Number(csc.Groups[1].Value) / 1000.0;
                inAnalyzerTable = false;
            }
        }

        return times;
    }

    /// <summary>Up to <paramref name="count"/> distinct error lines of a log, for saying why a step failed.</summary>
    public static List<string> Errors(string logFile, int count = 3) =>
        File.Exists(logFile)
            ? File.ReadLines(logFile)
                .Where(l => l.Contains(": error ", StringComparison.Ordinal) || l.StartsWith("*** killed", StringComparison.Ordinal))
                .Select(l => l.Trim())
                .Distinct()
                .Take(count)
                .ToList()
            : new List<string>();

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
