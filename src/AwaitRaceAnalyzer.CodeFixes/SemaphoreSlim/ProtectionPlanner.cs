using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.CodeFixes.SemaphoreSlim
{
    /// <summary>
    /// Decides, for one diagnostic, which statements to protect and with which gate. Returns null (fix not offered)
    /// when no block holds both the read and the write, the body has no block, or wrapping would nest the same gate.
    /// </summary>
    internal static class ProtectionPlanner
    {
        public static ProtectionPlan? TryPlan(DiagnosticNodes nodes, SemanticModel model, CancellationToken cancellationToken)
        {
            var known = KnownSymbols.Create(model.Compilation);
            var writeStatement = nodes.WriteStatement;
            var readStatement = nodes.ReadStatement;
            if (known.SemaphoreSlim is not { } semaphoreType)
            {
                return null;
            }

            var waits = new SemaphoreWaits(model, known, cancellationToken);
            if (writeStatement is null || readStatement is null)
            {
                return TryPlanExpressionBody(nodes, model, semaphoreType, waits, cancellationToken);
            }

            if (FindRange(readStatement, writeStatement, waits) is not var (block, first, last))
            {
                return null;
            }

            var function = SyntaxFacts.EnclosingFunction(block);
            if (function is null || !Hoisting.CanWrap(block, first, last, model, cancellationToken))
            {
                return null;
            }

            var gate = PlanGate(nodes, model, block, semaphoreType, waits, cancellationToken);
            if (gate is null || waits.AnyWaitsOn(block, first, last, gate.Name))
            {
                return null;
            }

            return ProtectionPlan.ForStatements(block, first, last, new List<GatePlan> { gate }, FindCancellationToken(model, block.Statements[first].SpanStart), SyntaxFacts.UsesConfigureAwaitFalse(function));
        }

        /// <summary>
        /// A read and write inside one expression-bodied async lambda, method or local function: the whole body is
        /// protected, and becomes a block body.
        /// </summary>
        private static ProtectionPlan? TryPlanExpressionBody(DiagnosticNodes nodes, SemanticModel model, INamedTypeSymbol semaphoreType, SemaphoreWaits waits, CancellationToken cancellationToken)
        {
            var (owner, body) = ExpressionBodyOf(nodes.Write);
            if (owner is null || body is null || !body.Span.Contains(nodes.Read.Span))
            {
                return null;
            }

            var function = owner is AnonymousFunctionExpressionSyntax
                ? model.GetSymbolInfo(owner, cancellationToken).Symbol as IMethodSymbol
                : model.GetDeclaredSymbol(owner, cancellationToken) as IMethodSymbol;
            if (function is not { IsAsync: true })
            {
                return null;
            }

            var gate = PlanGate(nodes, model, owner, semaphoreType, waits, cancellationToken);
            if (gate is null || waits.WaitsOn(body, gate.Name))
            {
                return null;
            }

            var returnsValue = function.ReturnType is INamedTypeSymbol { IsGenericType: true, Name: "Task" or "ValueTask" };
            return ProtectionPlan.ForExpressionBody(owner, returnsValue, new List<GatePlan> { gate }, FindCancellationToken(model, body.SpanStart), SyntaxFacts.UsesConfigureAwaitFalse(owner));
        }

        /// <summary>The nearest function written with <c>=&gt;</c> around <paramref name="node"/>, and its body expression.</summary>
        private static (SyntaxNode? Owner, ExpressionSyntax? Body) ExpressionBodyOf(SyntaxNode node)
        {
            foreach (var ancestor in node.Ancestors())
            {
                switch (ancestor)
                {
                    case AnonymousFunctionExpressionSyntax { ExpressionBody: { } expression } lambda:
                        return (lambda, expression);
                    case AnonymousFunctionExpressionSyntax:
                        return (null, null);
                    case ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax } arrow:
                        return (arrow.Parent, arrow.Expression);
                    case StatementSyntax:
                    case MemberDeclarationSyntax:
                        return (null, null);
                }
            }

            return (null, null);
        }

        /// <summary>
        /// The closest block holding both statements, and the indices of its statements that contain them. A write
        /// textually before the read (a loop-carried value) makes the search climb to a block around the loop.
        /// </summary>
        internal static (BlockSyntax Block, int First, int Last)? FindRange(StatementSyntax read, StatementSyntax write, SemaphoreWaits waits)
        {
            foreach (var ancestor in write.AncestorsAndSelf())
            {
                if (ancestor != write && SyntaxFacts.IsFunctionBoundary(ancestor))
                {
                    return null;
                }

                if (ancestor is not BlockSyntax block || !block.Span.Contains(read.Span))
                {
                    continue;
                }

                var first = IndexContaining(block, read);
                var last = IndexContaining(block, write);
                if (first >= 0 && last >= 0 && first <= last)
                {
                    // Keep an existing "await gate.WaitAsync(); try { … } finally { gate.Release(); }" pair together.
                    if (first > 0 && block.Statements[first] is TryStatementSyntax { Finally: not null } && waits.IsAcquisition(block.Statements[first - 1]))
                    {
                        first--;
                    }

                    return (block, first, last);
                }
            }

            return null;
        }

        private static int IndexContaining(BlockSyntax block, SyntaxNode node)
        {
            for (var i = 0; i < block.Statements.Count; i++)
            {
                if (block.Statements[i].Span.Contains(node.Span))
                {
                    return i;
                }
            }

            return -1;
        }

        private static GatePlan? PlanGate(DiagnosticNodes nodes, SemanticModel model, SyntaxNode scope, INamedTypeSymbol semaphoreType, SemaphoreWaits waits, CancellationToken cancellationToken)
        {
            var target = SyntaxFacts.WriteTarget(nodes.Write);
            if (target is null)
            {
                return null;
            }

            var root = model.GetSymbolInfo(SyntaxFacts.RootOf(target), cancellationToken).Symbol;
            if (nodes.StateKind == DiagnosticProperties.StateKinds.CapturedVariable)
            {
                return root is null ? null : PlanLocalGate(root, model, cancellationToken);
            }

            var type = scope.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            var member = scope.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().FirstOrDefault(m => m.Parent is TypeDeclarationSyntax);
            if (type is null || member is null || model.GetDeclaredSymbol(type, cancellationToken) is not INamedTypeSymbol containingType)
            {
                return null;
            }

            var memberSymbol = model.GetDeclaredSymbol(member, cancellationToken);
            var isStatic = memberSymbol?.IsStatic == true || (root is IFieldSymbol or IPropertySymbol && root.IsStatic);
            var name = GateNaming.FieldName(nodes.StateName, root);

            if (FindExistingGate(containingType, name, root, isStatic, semaphoreType, type, member, model, waits, cancellationToken) is { } existing)
            {
                return GatePlan.ExistingField(existing, isStatic, type);
            }

            name = UniqueNames.Pick(name, n => !containingType.GetMembers(n).IsEmpty);
            var anchor = root is IFieldSymbol or IPropertySymbol
                ? DeclaringMember(root, type, cancellationToken)
                : null;
            return GatePlan.NewField(name, isStatic, type, anchor);
        }

        private static GatePlan? PlanLocalGate(ISymbol variable, SemanticModel model, CancellationToken cancellationToken)
        {
            var declaration = variable.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
            BlockSyntax? block;
            int afterIndex;
            switch (declaration)
            {
                case VariableDeclaratorSyntax { Parent.Parent: LocalDeclarationStatementSyntax { Parent: BlockSyntax declaringBlock } statement }:
                    block = declaringBlock;
                    afterIndex = declaringBlock.Statements.IndexOf(statement);
                    break;
                case ParameterSyntax parameter:
                    block = ParameterBody(parameter);
                    afterIndex = -1;
                    break;
                default:
                    return null;
            }

            if (block is null)
            {
                return null;
            }

            var position = block.Statements.Count > afterIndex + 1 ? block.Statements[afterIndex + 1].SpanStart : block.CloseBraceToken.SpanStart;
            var name = UniqueNames.InScopeAt(model, position, GateNaming.LocalName(variable.Name));
            return GatePlan.NewLocal(name, block, afterIndex);
        }

        private static BlockSyntax? ParameterBody(ParameterSyntax parameter)
            => parameter.Parent?.Parent switch
            {
                BaseMethodDeclarationSyntax method => method.Body,
                LocalFunctionStatementSyntax localFunction => localFunction.Body,
                ParenthesizedLambdaExpressionSyntax lambda => lambda.Block,
                _ => parameter.Parent is SimpleLambdaExpressionSyntax simple ? simple.Block : null,
            };

        /// <summary>
        /// A SemaphoreSlim field that already guards the state: one with the gate's name, or one that another member
        /// of the type waits on while it touches the state. (The fixed member itself is not evidence: a gate it already
        /// takes for other state would nest.)
        /// </summary>
        private static string? FindExistingGate(INamedTypeSymbol type, string name, ISymbol? root, bool isStatic, INamedTypeSymbol semaphoreType, TypeDeclarationSyntax declaration, MemberDeclarationSyntax fixedMember, SemanticModel model, SemaphoreWaits waits, CancellationToken cancellationToken)
        {
            var candidates = type.GetMembers().OfType<IFieldSymbol>()
                .Where(f => KnownSymbols.Is(f.Type, semaphoreType) && (!isStatic || f.IsStatic))
                .ToList();
            var named = candidates.FirstOrDefault(f => f.Name == name);
            if (named is not null)
            {
                return named.Name;
            }

            if (root is null)
            {
                return null;
            }

            foreach (var member in declaration.Members)
            {
                if (member == fixedMember)
                {
                    continue;
                }

                foreach (var candidate in candidates)
                {
                    if (waits.WaitsOn(member, candidate.Name) && SyntaxFacts.RefersTo(member, root, model, cancellationToken))
                    {
                        return candidate.Name;
                    }
                }
            }

            return null;
        }

        private static SyntaxNode? DeclaringMember(ISymbol symbol, TypeDeclarationSyntax type, CancellationToken cancellationToken)
        {
            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                var member = reference.GetSyntax(cancellationToken).FirstAncestorOrSelf<MemberDeclarationSyntax>();
                if (member?.Parent == type)
                {
                    return member;
                }
            }

            return null;
        }

        /// <summary>A CancellationToken in scope at <paramref name="position"/>: a parameter first, else an earlier local.</summary>
        private static string? FindCancellationToken(SemanticModel model, int position)
        {
            ISymbol? best = null;
            foreach (var symbol in model.LookupSymbols(position))
            {
                if (symbol is ILocalSymbol && !symbol.Locations.Any(l => l.SourceSpan.End <= position))
                {
                    continue;
                }

                var type = symbol switch
                {
                    IParameterSymbol parameter => parameter.Type,
                    ILocalSymbol local => local.Type,
                    _ => null,
                };
                if (type?.ToDisplayString() != WellKnownNames.CancellationToken)
                {
                    continue;
                }

                if (best is null || (best is ILocalSymbol && symbol is IParameterSymbol))
                {
                    best = symbol;
                }
            }

            return best?.Name;
        }
    }
}
