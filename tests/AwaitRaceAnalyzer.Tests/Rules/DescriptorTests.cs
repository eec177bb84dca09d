using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AwaitRaceAnalyzer.Tests.Rules;

/// <summary>
/// Every analyzer type of the analyzer assembly, and every descriptor it supports, has consistent metadata and a docs
/// page where its help link points; every rule ID is supported by exactly one analyzer.
/// </summary>
public class DescriptorTests
{
    private static readonly string RepositoryRoot = Infrastructure.DotnetCli.RepositoryRoot();

    private static IEnumerable<DiagnosticAnalyzer> Analyzers()
        => typeof(DiagnosticIds).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!);

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            data.Add((string)field.GetValue(null)!);
        }

        return data;
    }

    public static TheoryData<string, string> SupportedDescriptors()
    {
        var data = new TheoryData<string, string>();
        foreach (var analyzer in Analyzers())
        {
            foreach (var descriptor in analyzer.SupportedDiagnostics)
            {
                data.Add(analyzer.GetType().FullName!, descriptor.Id);
            }
        }

        return data;
    }

    [Fact]
    public void AnalyzerAssembly_HasAnalyzersThatSupportEveryRuleIdOnce()
    {
        var supported = Analyzers().SelectMany(analyzer => analyzer.SupportedDiagnostics).Select(descriptor => descriptor.Id).ToList();
        var ids = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(field => (string)field.GetValue(null)!).ToList();
        Assert.NotEmpty(ids);
        Assert.Equal(ids.OrderBy(id => id), supported.OrderBy(id => id));
    }

    [Theory]
    [MemberData(nameof(SupportedDescriptors))]
    public void Descriptor_HasConsistentMetadataAndHelpLinkToExistingPage(string analyzerType, string id)
    {
        var analyzer = Analyzers().Single(candidate => candidate.GetType().FullName == analyzerType);
        var descriptor = Assert.Single(analyzer.SupportedDiagnostics, d => d.Id == id);
        Assert.Equal("Reliability", descriptor.Category);
        // Correctness rules warn; AWR003 (a racing lazy initialisation usually only duplicates a load) and the advisory
        // 1xx rules (AWR102: no sign of concurrent use) suggest.
        var suggests = id == DiagnosticIds.LazyInitialization || id.StartsWith("AWR1", StringComparison.Ordinal);
        Assert.Equal(suggests ? DiagnosticSeverity.Info : DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
        Assert.True(descriptor.IsEnabledByDefault);
        Assert.EndsWith($"/docs/rules/{id}.md", descriptor.HelpLinkUri);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot, "docs", "rules", id + ".md")), $"docs/rules/{id}.md is missing");

        var title = descriptor.Title.ToString();
        var message = descriptor.MessageFormat.ToString();
        Assert.False(string.IsNullOrWhiteSpace(title));
        Assert.False(title.EndsWith('.'), "Titles have no trailing period (RS1033)");
        Assert.False(message.EndsWith('.'), "Messages have no trailing period (RS1032)");
        Assert.Contains("{0}", message);
        Assert.Contains("{1}", message);
        Assert.EndsWith(".", descriptor.Description.ToString());
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_IsListedInReleaseTrackingAndReadme(string id)
    {
        var unshipped = File.ReadAllText(Path.Combine(RepositoryRoot, "src", "AwaitRaceAnalyzer", "AnalyzerReleases.Unshipped.md"));
        var shipped = File.ReadAllText(Path.Combine(RepositoryRoot, "src", "AwaitRaceAnalyzer", "AnalyzerReleases.Shipped.md"));
        Assert.True(unshipped.Contains(id + " ") || shipped.Contains(id + " "), $"{id} is not in release tracking");
        Assert.Contains($"docs/rules/{id}.md", File.ReadAllText(Path.Combine(RepositoryRoot, "README.md")));
    }
}
