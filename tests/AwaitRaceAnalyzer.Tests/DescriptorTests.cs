using System.Reflection;
using AwaitRaceAnalyzer.LostUpdate;

namespace AwaitRaceAnalyzer.Tests;

/// <summary>Every rule has consistent metadata and a docs page that exists where its help link points.</summary>
public class DescriptorTests
{
    private static readonly string RepositoryRoot = Infrastructure.DotnetCli.RepositoryRoot();

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            data.Add((string)field.GetValue(null)!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_HasDescriptorWithHelpLinkToExistingPage(string id)
    {
        var descriptor = Assert.Single(new LostUpdateAnalyzer().SupportedDiagnostics, d => d.Id == id);
        Assert.Equal("Reliability", descriptor.Category);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, descriptor.DefaultSeverity);
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
