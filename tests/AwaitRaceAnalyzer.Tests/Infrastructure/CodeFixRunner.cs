using System.Collections.Immutable;
using AwaitRaceAnalyzer.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AwaitRaceAnalyzer.Tests.Infrastructure;

/// <summary>Applies every code action the fix provider offers for one diagnostic, in a workspace, and returns the fixed compilations.</summary>
internal static class CodeFixRunner
{
    public static async Task<IReadOnlyList<(string Title, Compilation Fixed)>> ApplyEachAsync(Compilation compilation, Diagnostic diagnostic)
        => (await ApplyEachWithKeyAsync(compilation, diagnostic)).Select(result => (result.Title, result.Fixed)).ToList();

    /// <summary>As <see cref="ApplyEachAsync"/>, with each action's equivalence key.</summary>
    public static async Task<IReadOnlyList<(string Title, string Key, Compilation Fixed)>> ApplyEachWithKeyAsync(Compilation compilation, Diagnostic diagnostic)
    {
        using var workspace = new AdhocWorkspace();
        var tree = compilation.SyntaxTrees.Single();
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "Fuzz", "Fuzz", LanguageNames.CSharp,
                compilationOptions: compilation.Options,
                parseOptions: tree.Options,
                metadataReferences: compilation.References))
            .AddDocument(documentId, "Test.cs", await tree.GetTextAsync());
        var document = solution.GetDocument(documentId)!;

        var actions = new List<CodeAction>();
        var provider = new LostUpdateCodeFixProvider();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);

        var results = new List<(string, string, Compilation)>();
        foreach (var action in actions)
        {
            var operations = await action.GetOperationsAsync(CancellationToken.None);
            var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            var fixedCompilation = await changed.GetProject(projectId)!.GetCompilationAsync();
            results.Add((action.Title, action.EquivalenceKey ?? string.Empty, fixedCompilation!));
        }

        return results;
    }
}
