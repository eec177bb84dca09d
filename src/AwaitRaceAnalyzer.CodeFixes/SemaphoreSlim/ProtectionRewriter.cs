using System.Collections.Generic;
using System.Linq;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AwaitRaceAnalyzer.CodeFixes.SemaphoreSlim
{
    /// <summary>
    /// Applies a set of protection plans to one document: merges overlapping ranges, drops protection that an outer
    /// range already gives (a SemaphoreSlim is not re-entrant), declares each gate once, hoists locals that are used
    /// after a wrapped range, and wraps each range in <c>await gate.WaitAsync(); try { … } finally { gate.Release(); }</c>.
    /// </summary>
    internal static class ProtectionRewriter
    {
        /// <summary>Writes every protection collected in <paramref name="session"/>.</summary>
        public static void Apply(DocumentEditSession session)
        {
            var editor = session.Editor;
            var model = session.Model;
            var cancellationToken = session.CancellationToken;
            var merged = MergeWithinBlocks(session.Protections);
            RemoveProtectionGivenByOuterRanges(merged);
            merged.RemoveAll(plan => plan.Gates.Count == 0);
            if (merged.Count == 0)
            {
                return;
            }

            var semaphoreType = session.Known.SemaphoreSlim!;
            var gates = merged.SelectMany(plan => plan.Gates).GroupBy(gate => gate.Key).Select(group => group.First()).ToList();
            DeclareFieldGates(editor, semaphoreType, gates.Where(gate => !gate.IsLocal && !gate.Exists));

            var edits = new Dictionary<BlockSyntax, BlockEdit>();
            foreach (var plan in merged.Where(plan => plan.Block is not null))
            {
                Edit(edits, plan.Block!).Ranges.Add(new RangeEdit(plan, Hoisting.Plan(plan.Block!, plan.First, plan.Last, model, cancellationToken)));
            }

            foreach (var gate in gates.Where(gate => gate.IsLocal))
            {
                Edit(edits, gate.LocalBlock!).LocalGates.Add(gate);
            }

            // Inner nodes first: an outer rewrite then sees (and keeps) the inner one.
            var rewrites = edits.Select(pair => (Node: (SyntaxNode)pair.Key, Rewrite: (System.Func<SyntaxNode, SyntaxGenerator, SyntaxNode>)((current, generator) => Rewrite((BlockSyntax)current, pair.Value, semaphoreType, generator))))
                .Concat(merged.Where(plan => plan.ExpressionBodyOwner is not null).Select(plan => (Node: plan.ExpressionBodyOwner!, Rewrite: (System.Func<SyntaxNode, SyntaxGenerator, SyntaxNode>)((current, generator) => ExpressionBodies.Protect(current, plan, Wrap(plan, generator), generator)))));
            foreach (var (node, rewrite) in rewrites.OrderByDescending(edit => edit.Node.Ancestors().Count()).ToList())
            {
                editor.ReplaceNode(node, rewrite);
            }
        }

        /// <summary>The statements that take the plan's gates around <paramref name="inner"/>, in name order.</summary>
        private static System.Func<List<StatementSyntax>, List<StatementSyntax>> Wrap(ProtectionPlan plan, SyntaxGenerator generator)
            => inner => Protect(inner, plan.Gates.OrderBy(gate => gate.Name, System.StringComparer.Ordinal).ToList(), 0, plan, generator);

        private static BlockEdit Edit(Dictionary<BlockSyntax, BlockEdit> edits, BlockSyntax block)
        {
            if (!edits.TryGetValue(block, out var edit))
            {
                edit = new BlockEdit();
                edits.Add(block, edit);
            }

            return edit;
        }

        private static List<ProtectionPlan> MergeWithinBlocks(IReadOnlyList<ProtectionPlan> plans)
        {
            var result = new List<ProtectionPlan>();
            foreach (var group in plans.GroupBy(plan => plan.Target))
            {
                ProtectionPlan? current = null;
                foreach (var plan in group.OrderBy(plan => plan.First))
                {
                    if (current is not null && plan.First <= current.Last)
                    {
                        current.Last = System.Math.Max(current.Last, plan.Last);
                        foreach (var gate in plan.Gates)
                        {
                            if (!current.Gates.Any(g => g.Key == gate.Key))
                            {
                                current.Gates.Add(gate);
                            }
                        }

                        continue;
                    }

                    current = plan.WithGates(new List<GatePlan>(plan.Gates));
                    result.Add(current);
                }
            }

            return result;
        }

        private static void RemoveProtectionGivenByOuterRanges(List<ProtectionPlan> plans)
        {
            foreach (var inner in plans)
            {
                foreach (var outer in plans)
                {
                    if (!ReferenceEquals(inner, outer) && inner.Target != outer.Target && outer.Contains(inner.Target))
                    {
                        inner.Gates.RemoveAll(gate => outer.Gates.Any(g => g.Key == gate.Key));
                    }
                }
            }
        }

        private static void DeclareFieldGates(DocumentEditor editor, INamedTypeSymbol semaphoreType, IEnumerable<GatePlan> gates)
        {
            var generator = editor.Generator;
            foreach (var group in gates.GroupBy(gate => (SyntaxNode?)gate.FieldAnchor ?? gate.Type!))
            {
                var fields = group.Select(gate => generator.FieldDeclaration(
                        gate.Name,
                        TypeOf(generator, semaphoreType),
                        Accessibility.Private,
                        DeclarationModifiers.ReadOnly.WithIsStatic(gate.IsStatic),
                        NewSemaphore(generator, semaphoreType))
                    .WithAdditionalAnnotations(Formatter.Annotation))
                    .ToList();
                if (group.Key is TypeDeclarationSyntax type)
                {
                    editor.InsertMembers(type, 0, fields);
                }
                else
                {
                    editor.InsertBefore(group.Key, fields);
                }
            }
        }

        private static BlockSyntax Rewrite(BlockSyntax block, BlockEdit edit, INamedTypeSymbol semaphoreType, SyntaxGenerator generator)
        {
            var statements = new List<StatementSyntax>();
            var ranges = edit.Ranges.OrderBy(range => range.Plan.First).ToList();
            var next = 0;
            EmitLocalGates(-1, statements, edit, semaphoreType, generator);
            for (var index = 0; index < block.Statements.Count;)
            {
                if (next < ranges.Count && ranges[next].Plan.First == index)
                {
                    var range = ranges[next++];
                    statements.AddRange(Wrap(block, range, edit, semaphoreType, generator));
                    index = range.Plan.Last + 1;
                    continue;
                }

                statements.Add(block.Statements[index]);
                EmitLocalGates(index, statements, edit, semaphoreType, generator);
                index++;
            }

            return block.WithStatements(SyntaxFactory.List(statements));
        }

        private static void EmitLocalGates(int afterIndex, List<StatementSyntax> statements, BlockEdit edit, INamedTypeSymbol semaphoreType, SyntaxGenerator generator)
        {
            foreach (var gate in edit.LocalGates.Where(gate => gate.LocalAfterIndex == afterIndex))
            {
                statements.Add(((StatementSyntax)generator.LocalDeclarationStatement(
                        TypeOf(generator, semaphoreType),
                        gate.Name,
                        NewSemaphore(generator, semaphoreType)))
                    .WithAdditionalAnnotations(Formatter.Annotation));
            }
        }

        private static IEnumerable<StatementSyntax> Wrap(BlockSyntax block, RangeEdit range, BlockEdit edit, INamedTypeSymbol semaphoreType, SyntaxGenerator generator)
        {
            var plan = range.Plan;
            var inner = new List<StatementSyntax>();
            for (var index = plan.First; index <= plan.Last; index++)
            {
                inner.AddRange(range.Hoisting.RewriteInside(index, block.Statements[index], generator));
                EmitLocalGates(index, inner, edit, semaphoreType, generator);
            }

            // Comments and blank lines above the range stay above it.
            var leading = inner[0].GetLeadingTrivia();
            inner[0] = inner[0].WithoutLeadingTrivia();

            var wrapped = Wrap(plan, generator)(inner);
            var result = range.Hoisting.Declarations(generator).Concat(wrapped).ToList();
            result[0] = result[0].WithLeadingTrivia(leading.Concat(result[0].GetLeadingTrivia()));
            return result;
        }

        private static List<StatementSyntax> Protect(List<StatementSyntax> inner, List<GatePlan> gates, int index, ProtectionPlan plan, SyntaxGenerator generator)
        {
            if (index == gates.Count)
            {
                return inner;
            }

            var gate = generator.IdentifierName(gates[index].Name);
            var arguments = plan.CancellationToken is null ? new SyntaxNode[0] : new[] { generator.IdentifierName(plan.CancellationToken) };
            var wait = generator.InvocationExpression(generator.MemberAccessExpression(gate, WellKnownNames.WaitAsync), arguments);
            if (plan.ConfigureAwaitFalse)
            {
                wait = generator.InvocationExpression(generator.MemberAccessExpression(wait, WellKnownNames.ConfigureAwait), generator.FalseLiteralExpression());
            }

            var acquire = (StatementSyntax)generator.ExpressionStatement(generator.AwaitExpression(wait));
            var release = generator.ExpressionStatement(generator.InvocationExpression(generator.MemberAccessExpression(gate, WellKnownNames.Release)));
            var body = Protect(inner, gates, index + 1, plan, generator);
            var tryFinally = (StatementSyntax)generator.TryFinallyStatement(body, new[] { release });
            return new List<StatementSyntax>
            {
                acquire.WithAdditionalAnnotations(Formatter.Annotation),
                tryFinally.WithAdditionalAnnotations(Formatter.Annotation),
            };
        }

        private static SyntaxNode TypeOf(SyntaxGenerator generator, INamedTypeSymbol type)
            => generator.TypeExpression(type).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

        private static SyntaxNode NewSemaphore(SyntaxGenerator generator, INamedTypeSymbol type)
            => generator.ObjectCreationExpression(TypeOf(generator, type), generator.LiteralExpression(1), generator.LiteralExpression(1));

        private sealed class BlockEdit
        {
            public List<RangeEdit> Ranges { get; } = new List<RangeEdit>();

            public List<GatePlan> LocalGates { get; } = new List<GatePlan>();
        }

        private sealed class RangeEdit
        {
            public RangeEdit(ProtectionPlan plan, Hoisting hoisting)
            {
                Plan = plan;
                Hoisting = hoisting;
            }

            public ProtectionPlan Plan { get; }

            public Hoisting Hoisting { get; }
        }
    }
}
