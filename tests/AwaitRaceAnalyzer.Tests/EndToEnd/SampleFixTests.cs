using System.Text.RegularExpressions;
using AwaitRaceAnalyzer.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = AwaitRaceAnalyzer.Tests.Verifiers.CodeFixVerifier<AwaitRaceAnalyzer.Rules.LostUpdateAnalyzer, AwaitRaceAnalyzer.CodeFixes.LostUpdateCodeFixProvider>;

namespace AwaitRaceAnalyzer.Tests.EndToEnd;

/// <summary>
/// The sample's fixed files are what the code fixes produce from its unsafe files, so they cannot drift apart. What is
/// compared: the fix (chosen by its equivalence key) is applied to the "before" file, compiled with the sample files it
/// depends on, the sample's .editorconfig and nullable enabled; the result must equal the "after" file byte for byte once the one type name that
/// differs is swapped back (<c>UnsafeInteraction</c> for <c>ClaimBeforeAwaitInteraction</c>, <c>UnsafeSettingsCache</c>
/// for <c>SingleFlightSettingsCache</c>). The harness also checks that the fixed code compiles without warnings and
/// carries no diagnostic. To regenerate an "after" file, apply the fix to the "before" file and rename the type.
/// </summary>
public class SampleFixTests
{
    [Fact]
    public Task ClaimBeforeAwaitInteraction_IsTheClaimBeforeAwaitFixOfUnsafeInteraction()
        => VerifyBeforeAndAfter(
            before: "UnsafeInteraction", after: "ClaimBeforeAwaitInteraction", FixKinds.ClaimBeforeAwaitKey,
            Verify.Diagnostic(DiagnosticIds.CheckThenAct).WithSeverity(DiagnosticSeverity.Warning)
                .WithSpan("/UnsafeInteraction.cs", 28, 13, 28, 32).WithSpan("/UnsafeInteraction.cs", 21, 21, 21, 33).WithSpan("/UnsafeInteraction.cs", 27, 13, 27, 34)
                .WithArguments("HasResponded", "await SendAsync(text)", string.Empty),
            "IInteraction");

    [Fact]
    public Task SingleFlightSettingsCache_IsTheSingleFlightFixOfUnsafeSettingsCache()
        => VerifyBeforeAndAfter(
            before: "UnsafeSettingsCache", after: "SingleFlightSettingsCache", FixKinds.SingleFlightKey,
            Verify.Diagnostic(DiagnosticIds.LazyInitialization).WithSeverity(DiagnosticSeverity.Warning)
                .WithSpan("/UnsafeSettingsCache.cs", 15, 16, 15, 47).WithSpan("/UnsafeSettingsCache.cs", 15, 16, 15, 25).WithSpan("/UnsafeSettingsCache.cs", 15, 30, 15, 47)
                .WithArguments("_settings", "await LoadAsync()", string.Empty),
            "ISettingsCache", "Settings");

    private static async Task VerifyBeforeAndAfter(string before, string after, string equivalenceKey, DiagnosticResult expected, params string[] dependencies)
    {
        var beforeText = await ReadSampleAsync(before);
        var afterText = await ReadSampleAsync(after);

        // The rename is the only other difference: each file names its own type once, and never the other's.
        Assert.Equal(1, CountWord(beforeText, before));
        Assert.Equal(0, CountWord(beforeText, after));
        Assert.Equal(1, CountWord(afterText, after));
        Assert.Equal(0, CountWord(afterText, before));

        var test = new Verify.Test
        {
            CodeActionEquivalenceKey = equivalenceKey,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        test.SolutionTransforms.Add(SampleTests.EnableNullable);
        test.DisabledDiagnostics.Add("CS1591"); // the harness turns on documentation mode; the sample's build does not

        // As in the sample's build: its .editorconfig makes AWR003 a warning.
        var editorconfig = await File.ReadAllTextAsync(Path.Combine(SampleTests.SampleDirectory, ".editorconfig"));
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", editorconfig));
        test.FixedState.AnalyzerConfigFiles.Add(("/.editorconfig", editorconfig));
        test.TestState.Sources.Add(("/" + before + ".cs", beforeText));
        test.FixedState.Sources.Add(("/" + before + ".cs", Regex.Replace(afterText, $@"\b{after}\b", before)));
        foreach (var dependency in dependencies)
        {
            var text = await ReadSampleAsync(dependency);
            test.TestState.Sources.Add(("/" + dependency + ".cs", text));
            test.FixedState.Sources.Add(("/" + dependency + ".cs", text));
        }

        test.ExpectedDiagnostics.Add(expected);
        await test.RunAsync();
    }

    private static Task<string> ReadSampleAsync(string typeName)
        => File.ReadAllTextAsync(Path.Combine(SampleTests.SampleDirectory, typeName + ".cs"));

    private static int CountWord(string text, string word) => Regex.Matches(text, $@"\b{word}\b").Count;
}
