// Decides whether a bug is caught: finds the racy line's statement and the recorded method, and picks the best diagnostic in them.
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.RealBugs;

internal enum Catch
{
    /// <summary>No AWR diagnostic in the method.</summary>
    Missed,

    /// <summary>An AWR diagnostic in the method, not on the racy write's statement.</summary>
    Method,

    /// <summary>An AWR diagnostic on the racy write's line or statement.</summary>
    Line,
}

/// <param name="Best">The diagnostic shown: on the line first, then warnings before suggestions, then the first.</param>
/// <param name="Warns">A warning on the line or in the method (the best one may be a suggestion on the line).</param>
internal sealed record ParentMatch(Catch Catch, Diagnostic? Best, bool Warns, bool MethodFound);

internal static class BugMatch
{
    /// <summary>The tree of the file (path relative to the tree's root), or null.</summary>
    public static SyntaxTree? FindTree(Compilation compilation, string root, string file)
    {
        var path = Path.GetFullPath(Path.Combine(root, file));
        return compilation.SyntaxTrees.FirstOrDefault(t => string.Equals(Path.GetFullPath(t.FilePath), path, StringComparison.Ordinal));
    }

    public static ParentMatch AtParent(SyntaxTree tree, IEnumerable<Diagnostic> reports, string method, int line)
    {
        var racyStatement = StatementAtLine(tree, line);
        var members = Members(tree, method);
        var containing = members.Where(m => Lines(m).Start <= line && line <= Lines(m).End).ToList();
        if (containing.Count > 0)
        {
            members = containing.OrderBy(m => m.Span.Length).Take(1).ToList();
        }

        var inTree = reports.Where(d => d.Location.SourceTree == tree).ToList();
        var onLine = inTree.Where(d => d.Location.GetLineSpan().StartLinePosition.Line + 1 == line
            || (racyStatement is not null && Statement(tree.GetRoot().FindToken(d.Location.SourceSpan.Start)) == racyStatement)).ToList();
        var inMethod = inTree.Where(d => members.Any(m => m.Span.Contains(d.Location.SourceSpan.Start))).ToList();
        var best = Best(onLine) ?? Best(inMethod);
        var verdict = onLine.Count > 0 ? Catch.Line : inMethod.Count > 0 ? Catch.Method : Catch.Missed;
        var warns = onLine.Concat(inMethod).Any(d => d.Severity == DiagnosticSeverity.Warning);
        return new ParentMatch(verdict, best, warns, members.Count > 0);
    }

    /// <summary>"silent", "warns AWRnnn", "suggests AWRnnn" (the best diagnostic in the method), or "method not found".</summary>
    public static string AtFix(SyntaxTree? tree, IEnumerable<Diagnostic> reports, string method)
    {
        var members = tree is null ? new List<SyntaxNode>() : Members(tree, method);
        if (members.Count == 0)
        {
            return "method not found";
        }

        var best = Best(reports.Where(d => d.Location.SourceTree == tree && members.Any(m => m.Span.Contains(d.Location.SourceSpan.Start))));
        return best is null ? "silent" : $"{(best.Severity == DiagnosticSeverity.Warning ? "warns" : "suggests")} {best.Id}";
    }

    /// <summary>warning, suggestion (Info), error or hidden.</summary>
    public static string SeverityName(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Info => "suggestion",
        _ => severity.ToString().ToLowerInvariant(),
    };

    private static Diagnostic? Best(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.OrderByDescending(d => d.Severity).ThenBy(d => d.Location.SourceSpan.Start).FirstOrDefault();

    /// <summary>
    /// Methods, local functions, properties, indexers, accessors, constructors, operators and events whose name is the
    /// recorded one ("Type.Method", "Method&lt;T&gt;" and "Method(...)" are cut to "Method"; a constructor also answers to ".ctor").
    /// </summary>
    private static List<SyntaxNode> Members(SyntaxTree tree, string method)
    {
        var name = method;
        foreach (var cut in new[] { '(', '<' })
        {
            name = name.Split(cut)[0];
        }

        name = name.EndsWith(".ctor", StringComparison.Ordinal) ? ".ctor" : name.Substring(name.LastIndexOf('.') + 1);
        return tree.GetRoot().DescendantNodes().Where(node => NameOf(node) is { } n && (n == name || (name == ".ctor" && node is ConstructorDeclarationSyntax))).ToList();
    }

    private static string? NameOf(SyntaxNode node) => node switch
    {
        MethodDeclarationSyntax m => m.Identifier.ValueText,
        LocalFunctionStatementSyntax f => f.Identifier.ValueText,
        PropertyDeclarationSyntax p => p.Identifier.ValueText,
        IndexerDeclarationSyntax => "this",
        ConstructorDeclarationSyntax c => c.Identifier.ValueText,
        DestructorDeclarationSyntax d => "~" + d.Identifier.ValueText,
        OperatorDeclarationSyntax o => "op_" + o.OperatorToken.ValueText,
        EventDeclarationSyntax e => e.Identifier.ValueText,
        AccessorDeclarationSyntax a => a.Keyword.ValueText,
        _ => null,
    };

    /// <summary>The innermost statement (not a block) holding the first token of the line, or null.</summary>
    private static SyntaxNode? StatementAtLine(SyntaxTree tree, int line)
    {
        var text = tree.GetText();
        if (line < 1 || line > text.Lines.Count)
        {
            return null;
        }

        var span = text.Lines[line - 1].Span;
        var token = tree.GetRoot().FindToken(span.Start + (text.ToString(span).Length - text.ToString(span).TrimStart().Length));
        return Statement(token);
    }

    private static SyntaxNode? Statement(SyntaxToken token) =>
        token.Parent?.AncestorsAndSelf().FirstOrDefault(n => n is StatementSyntax and not BlockSyntax
            || n is ArrowExpressionClauseSyntax || n is MemberDeclarationSyntax);

    private static (int Start, int End) Lines(SyntaxNode node)
    {
        var span = node.GetLocation().GetLineSpan();
        return (span.StartLinePosition.Line + 1, span.EndLinePosition.Line + 1);
    }
}
