// Analyses one bug: the project at the parent of the fix and at the fix, each from a temporary copy of the commit's tree.
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.RealBugs;

/// <summary>One AWR diagnostic in the bug's file, for diagnostics.tsv.</summary>
internal sealed record Report(string Side, string Commit, string Rule, string Severity, int Line, string Message);

/// <summary>What the analyzer said about the project at one commit.</summary>
/// <param name="FileErrors">Compile errors in the bug's file.</param>
/// <param name="SemaphoreSlim">"binds", "UNBOUND" (the file names SemaphoreSlim and it does not bind) or "-" (not named).</param>
/// <param name="CommonErrors">The most frequent compile errors: count, ID and one message, TAB-separated.</param>
internal sealed record CommitResult(
    string Commit, int CompileErrors, int FileErrors, string SemaphoreSlim, IReadOnlyList<string> AnalyzerFailures,
    IReadOnlyList<string> CommonErrors);

internal sealed record BugResult(Bug Bug, string? Failure, CommitResult? Parent, ParentMatch? Match, CommitResult? Fix, string FixVerdict, IReadOnlyList<Report> Reports, double Seconds)
{
    public bool Ok => Failure is null;

    public bool CaughtAsWarning => Match is { Warns: true };

    public bool Caught => Match is { Catch: not Catch.Missed };
}

internal sealed class BugRun
{
    private readonly AnalyzerRun _analyzer;
    private readonly string _checkouts;

    public BugRun(AnalyzerRun analyzer, string checkouts)
    {
        _analyzer = analyzer;
        _checkouts = checkouts;
    }

    public async Task<BugResult> RunAsync(Bug bug)
    {
        var clock = Stopwatch.StartNew();
        var reports = new List<Report>();
        BugResult Failed(string why) => new(bug, why, null, null, null, "-", reports, clock.Elapsed.TotalSeconds);

        var clone = Path.Combine(_checkouts, bug.CheckoutFolder);
        if (!Directory.Exists(clone))
        {
            return Failed($"no clone at {clone}");
        }

        var parent = TreeExport.Parent(clone, bug.FixCommit);
        if (parent is null)
        {
            return Failed($"the clone has no commit {bug.FixCommit} (or it has no parent)");
        }

        try
        {
            var (atParent, parentTree) = await AnalyseAsync(bug, clone, parent, "parent", bug.File, reports);
            if (parentTree is null)
            {
                return Failed($"{bug.File} is not among the project's sources at the parent");
            }

            var match = BugMatch.AtParent(parentTree.Tree, parentTree.Reports, bug.Method, bug.Line);
            var (atFix, fixTree) = await AnalyseAsync(bug, clone, bug.FixCommit, "fix", bug.FileAtFix, reports);
            var verdict = BugMatch.AtFix(fixTree?.Tree, fixTree?.Reports ?? Enumerable.Empty<Diagnostic>(), bug.MethodAtFix);
            return new BugResult(bug, null, atParent, match, atFix, verdict, reports, clock.Elapsed.TotalSeconds);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            return Failed(e.Message);
        }
    }

    private sealed record FileTree(SyntaxTree Tree, IReadOnlyList<Diagnostic> Reports);

    private async Task<(CommitResult Result, FileTree? File)> AnalyseAsync(Bug bug, string clone, string commit, string side, string file, List<Report> reports)
    {
        using var export = TreeExport.Create(clone, commit);
        var project = Path.Combine(export.Root, bug.Project);
        if (!File.Exists(project))
        {
            throw new FileNotFoundException($"no {bug.Project} at the {side} ({commit.Substring(0, 10)})");
        }

        var sources = ProjectSources.Read(project, export.Root);
        var compilation = CompilationBuilder.Create(Path.GetFileNameWithoutExtension(project), sources);
        var analysis = await _analyzer.RunAsync(compilation);
        var tree = BugMatch.FindTree(compilation, export.Root, file);
        var inFile = analysis.Reports.Where(d => d.Location.SourceTree == tree && tree is not null).OrderBy(d => d.Location.SourceSpan.Start).ToList();
        reports.AddRange(inFile.Select(d => new Report(
            side, commit, d.Id, BugMatch.SeverityName(d.Severity), d.Location.GetLineSpan().StartLinePosition.Line + 1, d.GetMessage())));
        var result = new CommitResult(
            commit,
            analysis.CompileErrors.Length,
            analysis.CompileErrors.Count(d => d.Location.SourceTree == tree && tree is not null),
            tree is null ? "-" : SemaphoreSlimBinding(compilation, tree),
            analysis.AnalyzerFailures,
            analysis.CompileErrors.GroupBy(d => d.Id).OrderByDescending(g => g.Count()).Take(8)
                .Select(g => $"{g.Count()}\t{g.Key}\t{g.First().GetMessage().Replace('\t', ' ')}").ToList());
        return (result, tree is null ? null : new FileTree(tree, analysis.Reports));
    }

    /// <summary>Whether the name SemaphoreSlim, where the file uses it, binds to System.Threading.SemaphoreSlim (without it, held locks go unseen).</summary>
    private static string SemaphoreSlimBinding(Compilation compilation, SyntaxTree tree)
    {
        var names = tree.GetRoot().DescendantNodes().OfType<IdentifierNameSyntax>().Where(n => n.Identifier.ValueText == "SemaphoreSlim").ToList();
        if (names.Count == 0)
        {
            return "-";
        }

        var model = compilation.GetSemanticModel(tree);
        return names.Any(n => model.GetSymbolInfo(n).Symbol is ITypeSymbol { ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } })
            ? "binds"
            : "UNBOUND";
    }
}
