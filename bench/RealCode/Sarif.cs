// Reads the AWR reports and the AD0001 analyzer failures out of the compiler's SARIF v2.1 error log.
using System.Text.Json;

namespace AwaitRaceAnalyzer.RealCode;

/// <param name="File">Path relative to the checkout (absolute if outside it).</param>
internal sealed record Report(string Rule, string File, int Line, int Column, string Message);

internal sealed class SarifContent
{
    public List<Report> Reports { get; } = new();

    public List<Report> AnalyzerFailures { get; } = new();

    /// <summary>Error-level results from the compiler itself (CS....); their presence means the compilation really failed.</summary>
    public int CompilerErrors { get; set; }

    /// <summary>Error-level results from analyzers (a peer rule's default severity, or a repository's own settings).</summary>
    public int AnalyzerErrors => AnalyzerErrorRules.Values.Sum();

    /// <summary>How many error-level results each analyzer rule gave.</summary>
    public Dictionary<string, int> AnalyzerErrorRules { get; } = new(StringComparer.Ordinal);

    /// <summary>AWR reports that the code suppresses (#pragma, SuppressMessage); not counted.</summary>
    public int Suppressed { get; set; }
}

internal static class Sarif
{
    public static SarifContent Read(string sarifFile, string checkout)
    {
        var content = new SarifContent();
        using var document = JsonDocument.Parse(File.ReadAllBytes(sarifFile));
        foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
        {
            if (!run.TryGetProperty("results", out var results))
            {
                continue;
            }

            foreach (var result in results.EnumerateArray())
            {
                var rule = result.TryGetProperty("ruleId", out var id) ? id.GetString() ?? "" : "";
                if (result.TryGetProperty("level", out var level) && level.GetString() == "error")
                {
                    if (rule.StartsWith("CS", StringComparison.Ordinal))
                    {
                        content.CompilerErrors++;
                    }
                    else
                    {
                        content.AnalyzerErrorRules[rule] = content.AnalyzerErrorRules.GetValueOrDefault(rule) + 1;
                    }
                }

                var isOurs = rule.StartsWith("AWR", StringComparison.Ordinal);
                if (!isOurs && rule != "AD0001")
                {
                    continue;
                }

                if (result.TryGetProperty("suppressions", out var suppressions) && suppressions.GetArrayLength() > 0)
                {
                    content.Suppressed += isOurs ? 1 : 0;
                    continue;
                }

                var report = ToReport(rule, result, checkout);
                (isOurs ? content.Reports : content.AnalyzerFailures).Add(report);
            }
        }

        // One tfm is built, so duplicates should not arise; drop them anyway.
        var distinct = content.Reports.Distinct().OrderBy(r => r.File, StringComparer.Ordinal).ThenBy(r => r.Line).ThenBy(r => r.Column).ToList();
        content.Reports.Clear();
        content.Reports.AddRange(distinct);
        return content;
    }

    private static Report ToReport(string rule, JsonElement result, string checkout)
    {
        var message = result.TryGetProperty("message", out var m) && m.TryGetProperty("text", out var text) ? text.GetString() ?? "" : "";
        string file = "";
        int line = 0, column = 0;
        if (result.TryGetProperty("locations", out var locations) && locations.GetArrayLength() > 0
            && locations[0].TryGetProperty("physicalLocation", out var physical))
        {
            if (physical.TryGetProperty("artifactLocation", out var artifact) && artifact.TryGetProperty("uri", out var uri))
            {
                file = RelativePath(uri.GetString() ?? "", checkout);
            }

            if (physical.TryGetProperty("region", out var region))
            {
                line = region.TryGetProperty("startLine", out var l) ? l.GetInt32() : 0;
                column = region.TryGetProperty("startColumn", out var c) ? c.GetInt32() : 0;
            }
        }

        return new Report(rule, file, line, column, message);
    }

    private static string RelativePath(string uri, string checkout)
    {
        var path = Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : uri;
        var relative = Path.GetRelativePath(checkout, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
