using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Concurrency
{
    /// <summary>
    /// Counter-evidence: types whose every instance one flow owns. That holds when no code outside the compilation can
    /// create one (the type is not visible outside its assembly and has no source-visible subclass), the compilation
    /// creates it at least once, and every creation initialises a local of a method body that is used only through
    /// awaited or plain member calls, member reads and writes, and <c>using</c>: never stored, returned, passed on,
    /// captured by a lambda or started without await. And the type never hands out <c>this</c>. Each such object is
    /// used by the one flow that made it, one call at a time. Read from syntax (creations found where the type's name
    /// occurs in a tree's text) and cached per type; anything it cannot account for leaves the type shared.
    /// </summary>
    internal sealed class OwnedTypes
    {
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _owned = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);

        public OwnedTypes(Compilation compilation)
        {
            _compilation = compilation;
        }

        public bool OwnedByOneFlow(INamedTypeSymbol? type, CancellationToken cancellationToken)
            => type is not null && _owned.GetOrAdd(type.OriginalDefinition, t => Decide(t, cancellationToken));

        private bool Decide(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            if (type.TypeKind != TypeKind.Class || type.IsStatic || IsVisibleOutside(type) || HandsOutThis(type))
            {
                return false;
            }

            var creations = 0;
            var name = new[] { type.Name };
            foreach (var tree in _compilation.SyntaxTrees)
            {
                if (!TextSearch.OccursIn(tree.GetText(cancellationToken), name))
                {
                    continue;
                }

                var root = tree.GetRoot(cancellationToken);
                SemanticModel? model = null;
                foreach (var node in root.DescendantNodes())
                {
                    switch (node)
                    {
                        case SimpleBaseTypeSyntax or PrimaryConstructorBaseTypeSyntax when NamesType(node, type.Name):
                            // A subclass could be created and shared elsewhere.
                            return false;
                        case BaseObjectCreationExpressionSyntax creation when MayCreate(creation, type.Name):
#pragma warning disable RS1030 // Only the trees that name the type, once per type, cached for the compilation.
                            model ??= _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                            if (!SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(creation, cancellationToken).Type?.OriginalDefinition, type))
                            {
                                continue;
                            }

                            if (!StaysWithItsFlow(creation))
                            {
                                return false;
                            }

                            creations++;
                            break;
                    }
                }
            }

            return creations > 0;
        }

        private static bool IsVisibleOutside(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.ContainingType)
            {
                if (current.DeclaredAccessibility is Accessibility.Private or Accessibility.Internal or Accessibility.ProtectedAndInternal)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool NamesType(SyntaxNode baseType, string name)
            => baseType.DescendantNodes().OfType<SimpleNameSyntax>().Any(n => n.Identifier.ValueText == name);

        private static bool MayCreate(BaseObjectCreationExpressionSyntax creation, string name)
            => creation is ImplicitObjectCreationExpressionSyntax
                || (creation is ObjectCreationExpressionSyntax { Type: var created } && created.DescendantNodesAndSelf().OfType<SimpleNameSyntax>().Any(n => n.Identifier.ValueText == name));

        /// <summary><c>var x = new T();</c> in a method body, and <c>x</c> is used only by its own flow, one call at a time.</summary>
        private static bool StaysWithItsFlow(BaseObjectCreationExpressionSyntax creation)
        {
            if (creation.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                || declarator.Parent?.Parent is not LocalDeclarationStatementSyntax
                || creation.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member)
            {
                return false;
            }

            var name = declarator.Identifier.ValueText;
            foreach (var use in member.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (use.Identifier.ValueText != name)
                {
                    continue;
                }

                if (use.Ancestors().TakeWhile(node => node != member).Any(node => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                    || !IsOwnUse(use))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A member read or write, a call whose task is awaited at once (or that returns no task), or a <c>using</c>.</summary>
        private static bool IsOwnUse(IdentifierNameSyntax use)
        {
            if (use.Parent is UsingStatementSyntax)
            {
                return true;
            }

            if (use.Parent is not MemberAccessExpressionSyntax access || access.Expression != use)
            {
                return false;
            }

            if (access.Parent is not InvocationExpressionSyntax call)
            {
                // A property or field of the object: read or written by this flow.
                return access.Parent is not AssignmentExpressionSyntax assignment || assignment.Left == access || !IsTaskLike(assignment);
            }

            SyntaxNode result = call;
            while (result.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: WellKnownNames.ConfigureAwait } configured
                && configured.Parent is InvocationExpressionSyntax configuredCall)
            {
                result = configuredCall;
            }

            // Awaited at once, or a synchronous call as a statement of its own (an async one there would run on unawaited).
            return result.Parent is AwaitExpressionSyntax
                || (result.Parent is ExpressionStatementSyntax && !access.Name.Identifier.ValueText.EndsWith("Async", System.StringComparison.Ordinal));
        }

        private static bool IsTaskLike(AssignmentExpressionSyntax assignment) => assignment.Left is IdentifierNameSyntax { Identifier.ValueText: "_" };

        /// <summary>True when a member of the type uses a bare <c>this</c> (passes, stores or returns it).</summary>
        private static bool HandsOutThis(INamedTypeSymbol type)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                foreach (var self in reference.GetSyntax().DescendantNodes().OfType<ThisExpressionSyntax>())
                {
                    if (self.Parent is not MemberAccessExpressionSyntax access || access.Expression != self)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
