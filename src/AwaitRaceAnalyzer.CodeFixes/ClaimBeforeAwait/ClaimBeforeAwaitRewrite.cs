using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AwaitRaceAnalyzer.CodeFixes.SemaphoreSlim;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace AwaitRaceAnalyzer.CodeFixes.ClaimBeforeAwait
{
    /// <summary>
    /// "Claim before the await" for an AWR002 (or AWR102) guard whose write stores a constant (a flag, a state enum) into the
    /// state its test reads: the write moves to directly after the test (inside the same <c>lock</c> when the test is in
    /// one), saving the previous value, and the work between the claim and the old write runs in a <c>try</c> whose
    /// <c>catch</c> restores the previous value and rethrows. A second caller then sees the claim at the test.
    /// Not offered when the write stores a computed value (the SemaphoreSlim fix applies), when the work between can
    /// leave by <c>return</c>/<c>break</c>/<c>continue</c>/<c>goto</c>/<c>yield</c> (the claim would stay), when it
    /// declares locals used after the write, or when the test is not an <c>if</c> in the write's block or around it.
    /// </summary>
    internal sealed class ClaimBeforeAwaitRewrite : IFixPlan
    {
        private readonly ExpressionStatementSyntax _write;
        private readonly BlockSyntax _claimBlock;
        private readonly int _claimIndex;
        private readonly BlockSyntax _workBlock;
        private readonly int _workFirst;
        private readonly int _workLast;
        private readonly bool _declareBefore;
        private readonly SyntaxNode? _declareBeforeStatement;
        private readonly ITypeSymbol _stateType;
        private readonly string _previous;

        private ClaimBeforeAwaitRewrite(ExpressionStatementSyntax write, BlockSyntax claimBlock, int claimIndex, BlockSyntax workBlock, int workFirst, int workLast, SyntaxNode? declareBeforeStatement, ITypeSymbol stateType, string previous)
        {
            _write = write;
            _claimBlock = claimBlock;
            _claimIndex = claimIndex;
            _workBlock = workBlock;
            _workFirst = workFirst;
            _workLast = workLast;
            _declareBefore = declareBeforeStatement is not null;
            _declareBeforeStatement = declareBeforeStatement;
            _stateType = stateType;
            _previous = previous;
        }

        public static ClaimBeforeAwaitRewrite? TryPlan(DiagnosticNodes nodes, SemanticModel model, CancellationToken cancellationToken)
        {
            if (nodes.Diagnostic.Id is not (DiagnosticIds.CheckThenAct or DiagnosticIds.AdvisoryCheckThenAct)
                || nodes.Write is not AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment
                || assignment.Parent is not ExpressionStatementSyntax { Parent: BlockSyntax writeBlock } writeStatement
                || assignment.Left is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })
                || !IsConstant(assignment.Right, model, cancellationToken)
                || model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is not { } state
                || state is not (IFieldSymbol or IPropertySymbol { IsIndexer: false })
                || !SyntaxFacts.RefersTo(nodes.Read, state, model, cancellationToken)
                || nodes.Read.FirstAncestorOrSelf<IfStatementSyntax>() is not { } test
                || !test.Condition.Span.Contains(nodes.Read.Span)
                || !CanBeNamed(state is IFieldSymbol field ? field.Type : ((IPropertySymbol)state).Type))
            {
                return null;
            }

            var stateType = state is IFieldSymbol f ? f.Type : ((IPropertySymbol)state).Type;
            var writeIndex = writeBlock.Statements.IndexOf(writeStatement);
            BlockSyntax claimBlock;
            int claimIndex;
            int workFirst;
            SyntaxNode? declareBefore = null;
            if (test.Statement == writeBlock)
            {
                // if (!_started) { …await…; _started = true; }: claim first thing in the body.
                claimBlock = writeBlock;
                claimIndex = 0;
                workFirst = 0;
            }
            else if (test.Else is null && test.Parent is BlockSyntax testBlock)
            {
                // if (_done) return/throw; …await…; _done = true; — the test possibly inside a lock.
                StatementSyntax guard = test;
                if (testBlock != writeBlock && testBlock.Parent is LockStatementSyntax @lock && @lock.Parent == writeBlock)
                {
                    guard = @lock;
                    declareBefore = @lock;
                }
                else if (testBlock != writeBlock)
                {
                    return null;
                }

                claimBlock = testBlock;
                claimIndex = testBlock.Statements.IndexOf(test) + 1;
                workFirst = writeBlock.Statements.IndexOf(guard) + 1;
            }
            else
            {
                return null;
            }

            var workLast = writeIndex - 1;
            if (workFirst > workLast)
            {
                return null;
            }

            var work = writeBlock.Statements.Skip(workFirst).Take(workLast - workFirst + 1).ToList();
            if (!work.Any(s => s.Span.Contains(nodes.Suspension.Span))
                || work.Any(s => s.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                    .Any(n => n is ReturnStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax or YieldStatementSyntax or LabeledStatementSyntax)))
            {
                return null;
            }

            // Locals of the work used after it would be out of scope once the work moves into the try block.
            var after = writeBlock.Statements.Skip(writeIndex + 1).ToList();
            var declared = work.SelectMany(s => s.DescendantNodesAndSelf())
                .Where(n => n is VariableDeclaratorSyntax or SingleVariableDesignationSyntax or LocalFunctionStatementSyntax)
                .Select(n => model.GetDeclaredSymbol(n, cancellationToken))
                .Where(symbol => symbol is not null);
            if (declared.Any(symbol => after.Any(s => SyntaxFacts.RefersTo(s, symbol!, model, cancellationToken))))
            {
                return null;
            }

            var position = (declareBefore ?? claimBlock.Statements[claimIndex - (claimIndex > 0 ? 1 : 0)]).SpanStart;
            var previous = UniqueNames.InScopeAt(model, position, "previous" + Pascal(GateNaming.CamelCase(state.Name)));
            return new ClaimBeforeAwaitRewrite(writeStatement, claimBlock, claimIndex, writeBlock, workFirst, workLast, declareBefore, stateType, previous);
        }

        private static string Pascal(string camel) => camel.Length == 0 ? camel : char.ToUpperInvariant(camel[0]) + camel.Substring(1);

        private static bool IsConstant(ExpressionSyntax value, SemanticModel model, CancellationToken cancellationToken)
            => model.GetConstantValue(value, cancellationToken).HasValue
                || model.GetSymbolInfo(value, cancellationToken).Symbol is IFieldSymbol { HasConstantValue: true };

        private static bool CanBeNamed(ITypeSymbol type)
            => type.TypeKind != TypeKind.Error && !type.IsAnonymousType;

        public void Apply(DocumentEditSession session)
        {
            var editor = session.Editor;
            var generator = editor.Generator;
            var assignment = (AssignmentExpressionSyntax)_write.Expression;
            var state = assignment.Left.WithoutTrivia();

            // The claim: save the previous value, store the constant.
            var claim = new List<StatementSyntax>();
            if (_declareBefore)
            {
                claim.Add(SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName(_previous), state)));
            }
            else
            {
                claim.Add((StatementSyntax)generator.LocalDeclarationStatement(_previous, state));
            }

            claim.Add(_write.WithoutTrivia());
            var endOfLine = _write.SyntaxTree.GetRoot().DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            var newLine = endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.EndOfLine("\n");
            claim = claim.ConvertAll(s => s.WithTrailingTrivia(newLine).WithAdditionalAnnotations(Formatter.Annotation));

            // The work, in try { … } catch { restore; throw; }.
            var work = _workBlock.Statements.Skip(_workFirst).Take(_workLast - _workFirst + 1).ToList();
            var leading = work[0].GetLeadingTrivia();
            work[0] = work[0].WithoutLeadingTrivia();
            var restore = SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, state, SyntaxFactory.IdentifierName(_previous)));
            var tryStatement = SyntaxFactory.TryStatement(
                    SyntaxFactory.Block(work),
                    SyntaxFactory.SingletonList(SyntaxFactory.CatchClause().WithBlock(SyntaxFactory.Block(restore, SyntaxFactory.ThrowStatement()))),
                    null)
                .WithLeadingTrivia(leading)
                .WithAdditionalAnnotations(Formatter.Annotation);

            var writeTrivia = _write.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia)).ToList();

            editor.ReplaceNode(_workBlock, (current, _) =>
            {
                var block = (BlockSyntax)current;
                var statements = block.Statements.ToList();
                var before = statements.Take(_workFirst).ToList();
                var rest = statements.Skip(_workLast + 2).ToList();
                if (_claimBlock == _workBlock)
                {
                    // The claim goes at _claimIndex of the same block (before the work).
                    // directly followed by the try: the claim takes the work's blank lines and comments.
                    var leadingClaim = before.Take(_claimIndex).ToList();
                    var claimed = claim.ToList();
                    claimed[0] = claimed[0].WithLeadingTrivia(leading);
                    before = leadingClaim.Concat(claimed).Concat(before.Skip(_claimIndex)).ToList();
                    tryStatement = tryStatement.WithLeadingTrivia(SyntaxFactory.ElasticMarker);
                }
                else if (_declareBefore)
                {
                    // The guard (a lock) is the last statement before the work: declare the saved value before it and
                    // claim inside it, directly after the test.
                    var guardIndex = _workFirst - 1;
                    var guard = (LockStatementSyntax)before[guardIndex];
                    var lockBlock = (BlockSyntax)guard.Statement;
                    var inner = lockBlock.Statements.ToList();
                    inner.InsertRange(_claimIndex, claim);
                    var guardTrivia = guard.GetLeadingTrivia();
                    var newGuard = guard.WithStatement(lockBlock.WithStatements(SyntaxFactory.List(inner))).WithLeadingTrivia(guardTrivia);
                    var declaration = ((StatementSyntax)generator.LocalDeclarationStatement(generator.TypeExpression(_stateType), _previous))
                        .WithLeadingTrivia(guardTrivia)
                        .WithAdditionalAnnotations(Formatter.Annotation, Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation);
                    before[guardIndex] = newGuard.WithLeadingTrivia(SyntaxFactory.ElasticMarker);
                    before.Insert(guardIndex, declaration);
                }

                if (rest.Count > 0 && writeTrivia.Count > 0)
                {
                    rest[0] = rest[0].WithLeadingTrivia(rest[0].GetLeadingTrivia().AddRange(writeTrivia));
                }

                return block.WithStatements(SyntaxFactory.List(before.Append(tryStatement).Concat(rest)));
            });
        }
    }
}
