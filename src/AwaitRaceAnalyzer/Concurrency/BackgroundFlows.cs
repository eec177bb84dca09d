using System;
using System.Collections.Generic;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Concurrency
{
    /// <summary>
    /// Two flows on one object: a method started once in the background (a <c>Task.Run</c> or thread outside any
    /// loop, a discarded task, a hosted service's <c>ExecuteAsync</c>), with what it calls on <c>this</c>, runs while
    /// callers from outside use the object's other methods. Where a method callable from outside and the background
    /// flow write the same member, each runs concurrently with the other. Written members are read from syntax by
    /// name (<see cref="HelperWrites"/>).
    /// </summary>
    internal static class BackgroundFlows
    {
        /// <summary>Words one of which a tree's text must hold to be bound for hosted services.</summary>
        public static readonly string[] TriggerWords = { "BackgroundService" };

        /// <summary>Overrides of <c>BackgroundService.ExecuteAsync</c>: loops the host starts once, beside every other caller.</summary>
        public static void CollectHostedLoops(SemanticModel model, Action<IMethodSymbol, ConcurrencyEvidence> found, CancellationToken cancellationToken)
        {
            // The overrides are members of types: their bodies are not walked.
            foreach (var node in SyntaxWalks.Declarations(model.SyntaxTree.GetRoot(cancellationToken)))
            {
                if (node is MethodDeclarationSyntax { Identifier.ValueText: "ExecuteAsync" } declaration
                    && model.GetDeclaredSymbol(declaration, cancellationToken) is IMethodSymbol { IsOverride: true } method
                    && IsHostedServiceLoop(method))
                {
                    var where = method.ContainingType.Name + "." + method.Name;
                    found(method, new ConcurrencyEvidence(method.Name, method.ContainingType.Name, "a hosted service's ExecuteAsync", where, declaration.Identifier.GetLocation(), propagates: false));
                }
            }
        }

        /// <summary>Adds the evidence of every background flow that writes what a method callable from outside writes.</summary>
        public static void AddAlongside(Dictionary<IMethodSymbol, ConcurrencyEvidence> evidence, List<(IMethodSymbol Loop, ConcurrencyEvidence Started)> hostedLoops, CancellationToken cancellationToken)
        {
            var starts = new List<(IMethodSymbol, ConcurrencyEvidence)>(hostedLoops);
            foreach (var pair in evidence)
            {
                if (!pair.Value.Propagates)
                {
                    starts.Add((pair.Key, pair.Value));
                }
            }

            var added = new Dictionary<IMethodSymbol, ConcurrencyEvidence>(SymbolEqualityComparer.Default);
            foreach (var (start, started) in starts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var flow = CalledOnThisFrom(start);
                var flowWrites = new Dictionary<string, IMethodSymbol>();
                foreach (var member in flow)
                {
                    foreach (var name in Written(member))
                    {
                        flowWrites[name] = member;
                    }
                }

                if (flowWrites.Count == 0)
                {
                    continue;
                }

                var writtenNames = new List<string>(flowWrites.Keys);
                foreach (var candidate in start.ContainingType.GetMembers())
                {
                    if (candidate is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } outside
                        || outside.DeclaredAccessibility == Accessibility.Private
                        || outside.DeclaringSyntaxReferences.IsEmpty
                        || flow.Contains(outside)
                        || !MentionsAny(outside, writtenNames, cancellationToken))
                    {
                        continue;
                    }

                    foreach (var name in Written(outside))
                    {
                        if (!flowWrites.TryGetValue(name, out var background))
                        {
                            continue;
                        }

                        Add(added, outside, ConcurrencyEvidence.Alongside(outside, start, started, name));
                        Add(added, background, ConcurrencyEvidence.InBackground(background, outside, started, name));
                        break;
                    }
                }
            }

            foreach (var pair in added)
            {
                if (!evidence.ContainsKey(pair.Key) || evidence[pair.Key].Propagates == false)
                {
                    evidence[pair.Key] = pair.Value;
                }
            }
        }

        private static void Add(Dictionary<IMethodSymbol, ConcurrencyEvidence> added, IMethodSymbol method, ConcurrencyEvidence found)
        {
            if (!added.ContainsKey(method))
            {
                added.Add(method, found);
            }
        }

        private static bool IsHostedServiceLoop(IMethodSymbol method)
        {
            for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                if (overridden.ContainingType is { Name: "BackgroundService", ContainingNamespace.Name: "Hosting" })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The method and, transitively, what it calls on <c>this</c> (by name, every overload).</summary>
        private static HashSet<IMethodSymbol> CalledOnThisFrom(IMethodSymbol start)
        {
            var flow = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { start };
            var work = new Queue<IMethodSymbol>(flow);
            while (work.Count > 0)
            {
                foreach (var reference in work.Dequeue().DeclaringSyntaxReferences)
                {
                    foreach (var node in reference.GetSyntax().DescendantNodes())
                    {
                        if (node is InvocationExpressionSyntax call && HelperWrites.CalledName(call) is { } name)
                        {
                            foreach (var member in start.ContainingType.GetMembers(name))
                            {
                                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } callee && !callee.DeclaringSyntaxReferences.IsEmpty && flow.Add(callee))
                                {
                                    work.Enqueue(callee);
                                }
                            }
                        }
                    }
                }
            }

            return flow;
        }

        /// <summary>
        /// Before its writes are summarised: the method's text names one of <paramref name="names"/> (most methods of a
        /// large type write none of what a background flow writes).
        /// </summary>
        private static bool MentionsAny(IMethodSymbol method, List<string> names, CancellationToken cancellationToken)
        {
            var found = new List<int>();
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                TextSearch.AddOccurrences(reference.SyntaxTree.GetText(cancellationToken), reference.Span, names, found);
                if (found.Count > 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static IEnumerable<string> Written(IMethodSymbol method)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is MethodDeclarationSyntax declaration)
                {
                    foreach (var name in HelperWrites.Of(declaration).Written.Keys)
                    {
                        yield return name;
                    }
                }
            }
        }
    }
}
