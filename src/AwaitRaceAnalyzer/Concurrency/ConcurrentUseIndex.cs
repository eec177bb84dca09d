using System.Collections.Generic;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Concurrency
{
    /// <summary>
    /// For one compilation, which source methods can run concurrently with another invocation on the same object,
    /// and why (<see cref="ConcurrencyEvidence"/>). Built once, on the first block that asks, from the trees whose text
    /// holds a trigger word (<see cref="FanOutSites.TriggerWords"/>): only those are bound. A method that a concurrently
    /// run method calls on <c>this</c> runs concurrently too. An edit in another file shows up in a file's diagnostics
    /// at its next analysis, as with any analysis that reads more than one file.
    /// </summary>
    internal sealed class ConcurrentUseIndex
    {
        private readonly Compilation _compilation;
        private readonly object _gate = new object();
        private Dictionary<IMethodSymbol, ConcurrencyEvidence>? _evidence;

        public ConcurrentUseIndex(Compilation compilation)
        {
            _compilation = compilation;
        }

        /// <summary>The evidence that <paramref name="method"/> runs concurrently on one object; null when the compilation shows none.</summary>
        public ConcurrencyEvidence? For(ISymbol? member, INamedTypeSymbol? type, AnalysisOptions options, CancellationToken cancellationToken)
        {
            if (options.IsDeclaredConcurrent(type))
            {
                return new ConcurrencyEvidence(member?.Name ?? "?", type!.Name, "listed in " + AnalysisOptions.ConcurrentTypesKey, string.Empty, location: null);
            }

            if (member is not IMethodSymbol method)
            {
                return null;
            }

            var evidence = Build(cancellationToken);
            method = method.OriginalDefinition;
            if (evidence.TryGetValue(method, out var found))
            {
                return found;
            }

            // Called through an interface or a base method: the concurrent calls reach this implementation.
            foreach (var implemented in ImplementedMembers(method))
            {
                if (evidence.TryGetValue(implemented.OriginalDefinition, out var throughContract))
                {
                    return throughContract.ImplementedBy(method);
                }
            }

            return null;
        }

        private static IEnumerable<IMethodSymbol> ImplementedMembers(IMethodSymbol method)
        {
            for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                yield return overridden;
            }

            foreach (var explicitly in method.ExplicitInterfaceImplementations)
            {
                yield return explicitly;
            }

            foreach (var contract in method.ContainingType.AllInterfaces)
            {
                foreach (var member in contract.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol candidate
                        && SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(candidate), method))
                    {
                        yield return candidate;
                    }
                }
            }
        }

        private Dictionary<IMethodSymbol, ConcurrencyEvidence> Build(CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                // Not cached on cancellation: the next block builds it again.
                return _evidence ??= Collect(cancellationToken);
            }
        }

        private Dictionary<IMethodSymbol, ConcurrencyEvidence> Collect(CancellationToken cancellationToken)
        {
            var evidence = new Dictionary<IMethodSymbol, ConcurrencyEvidence>(SymbolEqualityComparer.Default);
            foreach (var tree in _compilation.SyntaxTrees)
            {
                if (!HoldsTriggerWord(tree, cancellationToken))
                {
                    continue;
                }

#pragma warning disable RS1030 // Built once per compilation from the few trees that fan out, then shared by every block.
                var model = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                FanOutSites.Collect(model, (method, found) =>
                {
                    if (!evidence.ContainsKey(method))
                    {
                        evidence.Add(method, found);
                    }
                }, cancellationToken);
            }

            AddCalledOnThis(evidence, cancellationToken);
            return evidence;
        }

        private static bool HoldsTriggerWord(SyntaxTree tree, CancellationToken cancellationToken)
        {
            return TextSearch.OccursIn(tree.GetText(cancellationToken), FanOutSites.TriggerWords);
        }

        /// <summary>Transitively inside each type: what a concurrently run method calls on <c>this</c> (by name, every overload) runs concurrently too.</summary>
        private static void AddCalledOnThis(Dictionary<IMethodSymbol, ConcurrencyEvidence> evidence, CancellationToken cancellationToken)
        {
            var work = new Queue<IMethodSymbol>(evidence.Keys);
            while (work.Count > 0)
            {
                var caller = work.Dequeue();
                if (!evidence[caller].Propagates)
                {
                    continue;
                }

                foreach (var reference in caller.DeclaringSyntaxReferences)
                {
                    foreach (var call in reference.GetSyntax(cancellationToken).DescendantNodes())
                    {
                        if (call is not InvocationExpressionSyntax invocation || CalledOnThis(invocation) is not { } name)
                        {
                            continue;
                        }

                        foreach (var member in caller.ContainingType.GetMembers(name))
                        {
                            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } callee
                                && !callee.DeclaringSyntaxReferences.IsEmpty
                                && !evidence.ContainsKey(callee))
                            {
                                evidence.Add(callee, evidence[caller].CalledBy(callee.Name, caller.Name));
                                work.Enqueue(callee);
                            }
                        }
                    }
                }
            }
        }

        private static string? CalledOnThis(InvocationExpressionSyntax invocation)
            => invocation.Expression switch
            {
                IdentifierNameSyntax name => name.Identifier.ValueText,
                GenericNameSyntax name => name.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
                _ => null,
            };
    }
}
