using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>
    /// A per-type summary, built once per type from its syntax and only when a rule asks: does the code of the type
    /// (every partial declaration, nested types aside) use synchronisation? Signs: a <c>lock</c> statement, a
    /// <c>volatile</c> field, <c>[MethodImpl(MethodImplOptions.Synchronized)]</c>, a use of a synchronisation or
    /// concurrent collection type by name (<see cref="SynchronisationTypeNames"/>: members, locals, creations, static
    /// calls such as <c>Interlocked.Increment</c>), a <c>System.Threading.Lock</c> member, and an awaited lock handle
    /// (<c>using (await x.M())</c> where M is a lock method of <c>await_race.lock_methods</c>). A type shows
    /// synchronisation when it or a base type declared in source does. Read by name, without a semantic model: a
    /// user type that reuses one of these names counts too, which keeps a warning rather than hiding one.
    /// </summary>
    internal sealed class TypeSynchronisation
    {
        /// <summary>Types whose use in a type's code shows that its author expects concurrent callers.</summary>
        internal static readonly ImmutableHashSet<string> SynchronisationTypeNames = ImmutableHashSet.Create(
            SimpleName(WellKnownNames.Monitor), SimpleName(WellKnownNames.SemaphoreSlim), "Semaphore", "Mutex",
            "ReaderWriterLockSlim", "ReaderWriterLock", "SpinLock",
            SimpleName(WellKnownNames.Interlocked), SimpleName(WellKnownNames.Volatile),
            "ConcurrentDictionary", "ConcurrentQueue", "ConcurrentStack", "ConcurrentBag", "BlockingCollection");

        /// <summary>
        /// Words of which every sign holds one in some token: the <c>lock</c> and <c>volatile</c> keywords, the
        /// <c>Lock</c> type, <c>Synchronized</c>, the <c>using</c> of an awaited lock handle, and a part of each name of
        /// <see cref="SynchronisationTypeNames"/> (<c>Interlocked</c> and <c>BlockingCollection</c> hold "lock",
        /// <c>SpinLock</c> and <c>ReaderWriterLock</c> "Lock", <c>Volatile</c> "olatile").
        /// </summary>
        internal static readonly string[] SignWords =
        {
            "lock", "Lock", "olatile", "Synchronized", "Monitor", "Semaphore", "Mutex", "Concurrent", "using",
        };

        /// <summary>Base types are followed at most this far (a guard for broken code).</summary>
        private const int MaxBaseDepth = 32;

        private readonly ConcurrentDictionary<INamedTypeSymbol, Summary> _summaries =
            new ConcurrentDictionary<INamedTypeSymbol, Summary>(SymbolEqualityComparer.Default);

        /// <summary>True when <paramref name="type"/> or a base type declared in source shows synchronisation.</summary>
        public bool Shows(INamedTypeSymbol? type, AnalysisOptions options)
        {
            var depth = 0;
            for (var current = type; current is not null && depth < MaxBaseDepth; current = current.BaseType, depth++)
            {
                if (current.DeclaringSyntaxReferences.IsEmpty)
                {
                    // Metadata from here on: nothing of its code to read.
                    return false;
                }

                var summary = _summaries.GetOrAdd(current.OriginalDefinition, Summarise);
                if (summary.UsesPrimitive || summary.AwaitsLockHandle(options))
                {
                    return true;
                }
            }

            return false;
        }

        private static string SimpleName(string metadataName) => metadataName.Substring(metadataName.LastIndexOf('.') + 1);

        private static Summary Summarise(INamedTypeSymbol type)
        {
            var handleMethods = new List<string>();
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is not TypeDeclarationSyntax declaration)
                {
                    continue;
                }

                foreach (var node in TypeNodesByWord.Around(declaration, SignWords))
                {
                    if (IsPrimitive(node))
                    {
                        return Summary.Primitive;
                    }

                    if (AwaitedHandleMethod(node) is { } method)
                    {
                        handleMethods.Add(method);
                    }
                }
            }

            return new Summary(usesPrimitive: false, handleMethods.ToImmutableArray());
        }

        private static bool IsPrimitive(SyntaxNode node)
            => node switch
            {
                LockStatementSyntax => true,
                FieldDeclarationSyntax field => field.Modifiers.Any(SyntaxKind.VolatileKeyword) || NamesLockType(field.Declaration.Type),
                PropertyDeclarationSyntax property => NamesLockType(property.Type),
                ObjectCreationExpressionSyntax creation => NamesLockType(creation.Type),
                SimpleNameSyntax name => SynchronisationTypeNames.Contains(name.Identifier.ValueText),
                MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Synchronized" } access => SyntaxWalks.RightmostName(access.Expression) == "MethodImplOptions",
                _ => false,
            };

        /// <summary><c>System.Threading.Lock</c> (C# 13): its name is too common to match anywhere but as a member's or a creation's type.</summary>
        private static bool NamesLockType(TypeSyntax type)
            => type switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText == "Lock",
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText == "Lock",
                NullableTypeSyntax nullable => NamesLockType(nullable.ElementType),
                _ => false,
            };

        /// <summary>The method name of <c>using (await x.M(…))</c> or <c>using var h = await x.M(…)</c> (a <c>ConfigureAwait</c> allowed).</summary>
        private static string? AwaitedHandleMethod(SyntaxNode node)
        {
            var acquired = node switch
            {
                UsingStatementSyntax { Expression: { } expression } => expression,
                UsingStatementSyntax { Declaration.Variables: { Count: 1 } variables } => variables[0].Initializer?.Value,
                LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword, Declaration.Variables: { Count: 1 } variables } => variables[0].Initializer?.Value,
                _ => null,
            };
            if (acquired is not AwaitExpressionSyntax { Expression: InvocationExpressionSyntax call })
            {
                return null;
            }

            if (call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: WellKnownNames.ConfigureAwait, Expression: InvocationExpressionSyntax configured })
            {
                call = configured;
            }

            return SyntaxWalks.InvokedName(call);
        }

        private sealed class Summary
        {
            public static readonly Summary Primitive = new Summary(usesPrimitive: true, ImmutableArray<string>.Empty);

            private readonly ImmutableArray<string> _handleMethods;

            public Summary(bool usesPrimitive, ImmutableArray<string> handleMethods)
            {
                UsesPrimitive = usesPrimitive;
                _handleMethods = handleMethods;
            }

            public bool UsesPrimitive { get; }

            /// <summary>Options are per file, so the names found are kept and matched against the caller's options.</summary>
            public bool AwaitsLockHandle(AnalysisOptions options)
            {
                foreach (var method in _handleMethods)
                {
                    if (options.IsLockMethodName(method))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
