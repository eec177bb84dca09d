using System;
using System.Collections.Generic;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AwaitRaceAnalyzer.Concurrency
{
    /// <summary>
    /// For one compilation, which source methods can run concurrently with another invocation on the same object,
    /// and why (<see cref="ConcurrencyEvidence"/>); every method of a class registered as a singleton service can
    /// (<see cref="SingletonServices"/>). Built once, on the first block that asks, from the trees whose text
    /// holds a trigger word (<see cref="FanOutSites.TriggerWords"/>): only those are bound. A method that a concurrently
    /// run method calls on <c>this</c>, or on a field or property of <c>this</c>, runs concurrently too; a flow
    /// started once in the background runs beside the methods callers use (<see cref="BackgroundFlows"/>). An edit in another file shows up in a file's diagnostics
    /// at its next analysis, as with any analysis that reads more than one file.
    /// </summary>
    internal sealed class ConcurrentUseIndex
    {
        private readonly Compilation _compilation;
        private readonly object _gate = new object();
        private Dictionary<IMethodSymbol, ConcurrencyEvidence>? _evidence;
        private readonly Dictionary<INamedTypeSymbol, ConcurrencyEvidence> _singletons = new Dictionary<INamedTypeSymbol, ConcurrencyEvidence>(SymbolEqualityComparer.Default);

        public ConcurrentUseIndex(Compilation compilation)
        {
            _compilation = compilation;
        }

        /// <summary>The evidence that <paramref name="method"/> runs concurrently on one object; null when the compilation shows none.</summary>
        public ConcurrencyEvidence? For(ISymbol? member, INamedTypeSymbol? type, AnalysisOptions options, CancellationToken cancellationToken)
        {
            if (options.IsDeclaredConcurrent(type))
            {
                return new ConcurrencyEvidence(member?.Name ?? "?", type!.Name, "listed in " + AnalysisOptions.ConcurrentTypesKey, string.Empty, location: null)
                {
                    OfTheWholeType = true,
                };
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

            // A method of a singleton service (or of a base class of one) runs on the one instance every consumer shares.
            if (!method.IsStatic && _singletons.TryGetValue(method.ContainingType.OriginalDefinition, out var shared))
            {
                return shared.ForMethod(method);
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

        /// <summary>The words of every kind of evidence that is read from the trees.</summary>
        private static readonly string[] TriggerWords = Concatenated(FanOutSites.TriggerWords, BackgroundFlows.TriggerWords, ComponentLifecycles.TriggerWords, SingletonServices.TriggerWords);

        private static string[] Concatenated(params string[][] lists)
        {
            var all = new List<string>();
            foreach (var list in lists)
            {
                all.AddRange(list);
            }

            return all.ToArray();
        }

        /// <summary>The positions among <paramref name="found"/> where one of <paramref name="words"/> occurs.</summary>
        private static List<int> PositionsOf(SourceText text, List<int> found, string[] words)
        {
            var positions = new List<int>();
            foreach (var position in found)
            {
                foreach (var word in words)
                {
                    if (TextSearch.OccursAt(text, position, word))
                    {
                        positions.Add(position);
                        break;
                    }
                }
            }

            return positions;
        }

        private Dictionary<IMethodSymbol, ConcurrencyEvidence> Collect(CancellationToken cancellationToken)
        {
            var evidence = new Dictionary<IMethodSymbol, ConcurrencyEvidence>(SymbolEqualityComparer.Default);
            _singletons.Clear();
            var hostedLoops = new List<(IMethodSymbol, ConcurrencyEvidence)>();
            var taskMethods = new TaskMethodNames(_compilation, cancellationToken);
            foreach (var tree in _compilation.SyntaxTrees)
            {
                // One search of the file for every kind's words; the positions are then told apart by word.
                var text = tree.GetText(cancellationToken);
                var found = new List<int>();
                TextSearch.AddOccurrences(text, new TextSpan(0, text.Length), TriggerWords, found);
                if (found.Count == 0)
                {
                    continue;
                }

                var fanOutWords = PositionsOf(text, found, FanOutSites.TriggerWords);
                var singletonWords = PositionsOf(text, found, SingletonServices.TriggerWords);
                var fansOut = fanOutWords.Count > 0;
                var singletons = singletonWords.Count > 0;
                var hosts = PositionsOf(text, found, BackgroundFlows.TriggerWords).Count > 0;
                var components = PositionsOf(text, found, ComponentLifecycles.TriggerWords).Count > 0;

#pragma warning disable RS1030 // Built once per compilation from the few trees that fan out, then shared by every block.
                var model = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                if (fansOut)
                {
                    FanOutSites.Collect(model, fanOutWords, taskMethods, AddFirst, cancellationToken);
                }

                if (components)
                {
                    ComponentLifecycles.Collect(model, AddFirst, cancellationToken);
                }

                if (singletons)
                {
                    SingletonServices.Collect(model, singletonWords, AddSingleton, cancellationToken);
                }

                if (hosts)
                {
                    BackgroundFlows.CollectHostedLoops(model, (method, found) => hostedLoops.Add((method, found)), cancellationToken);
                }
            }

            AddCalledOnThis(evidence, SingletonMethods(), cancellationToken);
            BackgroundFlows.AddAlongside(evidence, hostedLoops, cancellationToken);
            return evidence;

            // The registered class and its source base classes: an inherited method runs on the singleton too.
            void AddSingleton(INamedTypeSymbol type, ConcurrencyEvidence found)
            {
                for (var declaring = type; declaring is not null && !declaring.DeclaringSyntaxReferences.IsEmpty; declaring = declaring.BaseType)
                {
                    if (!_singletons.ContainsKey(declaring.OriginalDefinition))
                    {
                        _singletons.Add(declaring.OriginalDefinition, found);
                    }
                }
            }

            // The first evidence found for a method is the one its diagnostics show.
            void AddFirst(IMethodSymbol method, ConcurrencyEvidence found)
            {
                if (!evidence.ContainsKey(method))
                {
                    evidence.Add(method, found);
                }
            }
        }

        /// <summary>
        /// Transitively: what a concurrently run method calls on <c>this</c> (by name, every overload) runs
        /// concurrently too, and so does what it calls on an instance field or property of <c>this</c>
        /// (<c>_stats.OnTick()</c>): every concurrent run reaches that member's one object.
        /// </summary>
        /// <remarks>
        /// The methods of singleton services (<paramref name="singletonMethods"/>) start the walk too, for what they call
        /// on their members (<c>_repository.Save()</c> runs concurrently on the one repository the singleton holds);
        /// what they call on <c>this</c> has the singleton's own evidence already.
        /// </remarks>
        private void AddCalledOnThis(Dictionary<IMethodSymbol, ConcurrencyEvidence> evidence, List<(IMethodSymbol Method, ConcurrencyEvidence Evidence)> singletonMethods, CancellationToken cancellationToken)
        {
            var work = new Queue<(IMethodSymbol Method, ConcurrencyEvidence Evidence, bool OfSingleton)>();
            foreach (var pair in evidence)
            {
                work.Enqueue((pair.Key, pair.Value, false));
            }

            foreach (var (method, found) in singletonMethods)
            {
                work.Enqueue((method, found, true));
            }

            while (work.Count > 0)
            {
                var (caller, callerEvidence, ofSingleton) = work.Dequeue();
                if (!callerEvidence.Propagates || SerialisesItself(caller))
                {
                    continue;
                }

                foreach (var reference in caller.DeclaringSyntaxReferences)
                {
                    foreach (var call in reference.GetSyntax(cancellationToken).DescendantNodes())
                    {
                        if (call is not InvocationExpressionSyntax invocation || !callerEvidence.Reaches(invocation))
                        {
                            continue;
                        }

                        if (HelperWrites.CalledName(invocation) is { } name)
                        {
                            if (!ofSingleton)
                            {
                                foreach (var callee in SourceMethods(caller.ContainingType, name))
                                {
                                    Add(callee, callerEvidence.CalledBy(callee.Name, caller.Name), ofSingleton);
                                }
                            }
                        }
                        else if (CalledOnMemberOfThis(invocation, caller.ContainingType) is { } target)
                        {
                            foreach (var callee in SourceMethods(target.Type, target.Method))
                            {
                                Add(callee, callerEvidence.CalledOnMember(callee.Name, target.Type.Name, caller.Name), ofSingleton);
                            }
                        }
                    }
                }
            }

            void Add(IMethodSymbol callee, ConcurrencyEvidence found, bool ofSingleton)
            {
                // A method of a singleton service keeps the singleton's own evidence, which a message names first.
                if (!evidence.ContainsKey(callee) && (!ofSingleton || !_singletons.ContainsKey(callee.ContainingType.OriginalDefinition)))
                {
                    evidence.Add(callee, found);
                    work.Enqueue((callee, found, false));
                }
            }
        }

        /// <summary>Every source instance method of the singleton services (and their source base classes), with that evidence.</summary>
        private List<(IMethodSymbol Method, ConcurrencyEvidence Evidence)> SingletonMethods()
        {
            var methods = new List<(IMethodSymbol, ConcurrencyEvidence)>();
            foreach (var pair in _singletons)
            {
                foreach (var member in pair.Key.GetMembers())
                {
                    if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false, DeclaringSyntaxReferences.IsEmpty: false } method)
                    {
                        methods.Add((method, pair.Value.ForMethod(method)));
                    }
                }
            }

            return methods;
        }

        /// <summary>
        /// A method that takes a lock, waits on a semaphore or claims with a compare-and-swap serialises (part of) its
        /// runs: what it calls is not taken to run concurrently through it.
        /// </summary>
        private static bool SerialisesItself(IMethodSymbol method)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is MethodDeclarationSyntax declaration && HelperWrites.SynchronisesItself(declaration))
                {
                    return true;
                }
            }

            return false;
        }

        private static IEnumerable<IMethodSymbol> SourceMethods(INamedTypeSymbol type, string name)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } method && !method.DeclaringSyntaxReferences.IsEmpty)
                {
                    yield return method;
                }
            }
        }

        /// <summary>The <c>?.</c> whose receiver a call through a member binding is made on.</summary>
        private static ConditionalAccessExpressionSyntax? BoundBy(InvocationExpressionSyntax invocation)
        {
            foreach (var ancestor in invocation.Ancestors())
            {
                if (ancestor is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull.Span.Contains(invocation.Span))
                {
                    return conditional;
                }
            }

            return null;
        }

        /// <summary>
        /// <c>F.M()</c>, <c>this.F.M()</c> or <c>F?.M()</c> where F is an instance field or property of
        /// <paramref name="type"/> (or a base type) whose type is declared in source: that type and M.
        /// </summary>
        private static (INamedTypeSymbol Type, string Method)? CalledOnMemberOfThis(InvocationExpressionSyntax invocation, INamedTypeSymbol type)
        {
            ExpressionSyntax? receiver;
            SimpleNameSyntax method;
            switch (invocation.Expression)
            {
                case MemberAccessExpressionSyntax access:
                    receiver = access.Expression;
                    method = access.Name;
                    break;
                case MemberBindingExpressionSyntax binding when BoundBy(invocation) is { } conditional:
                    // _stats?.OnTick(), also inside a longer chain (_stats?.OnTick().Forget()).
                    receiver = conditional.Expression;
                    method = binding.Name;
                    break;
                default:
                    return null;
            }

            var memberName = receiver switch
            {
                IdentifierNameSyntax name => name.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax name } => name.Identifier.ValueText,
                _ => null,
            };
            if (memberName is null)
            {
                return null;
            }

            for (var declaring = type; declaring is not null; declaring = declaring.BaseType)
            {
                foreach (var member in declaring.GetMembers(memberName))
                {
                    var memberType = member switch
                    {
                        IFieldSymbol { IsStatic: false } field => field.Type,
                        IPropertySymbol { IsStatic: false } property => property.Type,
                        _ => null,
                    };
                    if (memberType is INamedTypeSymbol named && !named.DeclaringSyntaxReferences.IsEmpty)
                    {
                        return (named, method.Identifier.ValueText);
                    }
                }
            }

            return null;
        }
    }
}
