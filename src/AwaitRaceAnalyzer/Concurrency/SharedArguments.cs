using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AwaitRaceAnalyzer.Concurrency
{
    /// <summary>
    /// A collection handed to a helper: a parameter whose argument at some call site of the compilation is shared
    /// state (a static field or property, or a field or property of the caller's object). At that call site the helper's
    /// check-then-act on the parameter is one on shared state. Call sites are found where the method's name occurs in a
    /// tree's text, then bound; cached per parameter.
    /// </summary>
    internal sealed class SharedArguments
    {
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<IParameterSymbol, ConcurrencyEvidence?> _shared =
            new ConcurrentDictionary<IParameterSymbol, ConcurrencyEvidence?>(SymbolEqualityComparer.Default);

        public SharedArguments(Compilation compilation)
        {
            _compilation = compilation;
        }

        public ConcurrencyEvidence? For(IParameterSymbol parameter, CancellationToken cancellationToken)
            => _shared.GetOrAdd(parameter, p => Find(p, cancellationToken));

        private ConcurrencyEvidence? Find(IParameterSymbol parameter, CancellationToken cancellationToken)
        {
            if (parameter.ContainingSymbol is not IMethodSymbol method || parameter.Type.IsValueType)
            {
                return null;
            }

            var name = new[] { method.Name };
            var found = new List<int>();
            foreach (var tree in _compilation.SyntaxTrees)
            {
                var text = tree.GetText(cancellationToken);
                found.Clear();
                TextSearch.AddOccurrences(text, new TextSpan(0, text.Length), name, found);
                if (found.Count == 0)
                {
                    continue;
                }

#pragma warning disable RS1030 // Only for a finding on a parameter, only the trees that name the method, cached per parameter.
                var model = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                var root = tree.GetRoot(cancellationToken);
                foreach (var position in found)
                {
                    if (root.FindToken(position).Parent is not SimpleNameSyntax called
                        || called.Identifier.ValueText != method.Name
                        || VisibleCallers.InvocationOf(called) is not { } call
                        || model.GetOperation(call, cancellationToken) is not IInvocationOperation invocation
                        || !SymbolEqualityComparer.Default.Equals((invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod).OriginalDefinition, method.OriginalDefinition))
                    {
                        continue;
                    }

                    foreach (var argument in invocation.Arguments)
                    {
                        if (SymbolEqualityComparer.Default.Equals(argument.Parameter?.OriginalDefinition, parameter.OriginalDefinition)
                            && SharedState(argument.Value.WithoutConversions()) is { } shared)
                        {
                            return ConcurrencyEvidence.SharedArgument(method.Name, shared, FanOutSites.Where(model, call.SpanStart), call.GetLocation());
                        }
                    }
                }
            }

            return null;
        }

        /// <summary>The display of a static member, or of a member of the caller's own object; null for anything else.</summary>
        private static string? SharedState(IOperation argument)
            => argument switch
            {
                IFieldReferenceOperation { Field: var field, Instance: null or IInstanceReferenceOperation } => field.Name,
                IPropertyReferenceOperation { Property: { IsIndexer: false } property, Instance: null or IInstanceReferenceOperation } => property.Name,
                _ => null,
            };
    }
}
