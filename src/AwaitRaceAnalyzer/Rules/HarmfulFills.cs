using AwaitRaceAnalyzer.Flow;
using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>
    /// Lazy fills whose duplicate is not a harmless second load, so they stay check-then-acts (AWR002) and count as a
    /// sign of concurrent use:
    /// <list type="bullet">
    /// <item>the value goes into a shared collection that is not thread-safe (an indexer set on a <c>Dictionary</c>,
    /// <c>List</c>, <c>SortedList</c>… of <c>System.Collections(.Generic)</c>): concurrent fills corrupt it;</item>
    /// <item>the awaited call creates, registers, opens, connects, subscribes or starts something rather than
    /// fetching a value: the duplicate is an action (a second listener, connection, key or job), not a cache miss.</item>
    /// </list>
    /// </summary>
    internal static class HarmfulFills
    {
        /// <summary>Verbs that begin the names of calls that make something exist rather than fetch it.</summary>
        private static readonly string[] ActingVerbs =
        {
            "Create", "Register", "Open", "Connect", "Subscribe", "Start", "Schedule", "Add", "Insert", "Listen", "Bind",
            "Allocate", "Spawn", "Launch", "Provision", "Attach", "Join", "Enroll",
        };

        public static bool Show(in WriteFacts facts, StaleGuard stale)
            => StoresIntoPlainCollection(facts) || AwaitedCallActs(facts.SuspensionAt(stale.Entry.StaleAwait));

        /// <summary>
        /// An element store (<c>map[key] = value</c>) or an <c>Add</c> into a collection of the plain BCL kinds that
        /// every caller shares: a static one or a field of this object itself (a collection held by another object,
        /// <c>Client.Status.Cache</c>, is that object's, whose sharing this type does not show).
        /// </summary>
        public static bool StoresIntoPlainCollection(in WriteFacts facts)
        {
            var root = facts.Location.Root;
            if (root is not ITypeSymbol && (root != StateLocation.ThisRoot || facts.Location.Members.Length != 1))
            {
                return false;
            }

            var collection = facts.Write switch
            {
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } indexed } } => indexed,
                IInvocationOperation { TargetMethod.Name: "Add", Instance: { } receiver } => receiver,
                _ => null,
            };
            return collection is not null && IsPlainCollection(collection.Type);
        }

        /// <summary>True for the collections of System.Collections and System.Collections.Generic, none of which is thread-safe.</summary>
        public static bool IsPlainCollection(ITypeSymbol? type)
            => type?.ContainingNamespace?.ToDisplayString() is "System.Collections.Generic" or "System.Collections";

        /// <summary>
        /// The awaited call's name begins with a verb of <see cref="ActingVerbs"/> (<c>CreateListenerAsync</c>), read from
        /// the syntax, so a call that does not bind yet (a package missing, code being typed) is judged by its name all
        /// the same; or the call is a get-or-create that the compilation declares (<c>GetOrCreateKeyAsync</c>): a get
        /// followed by a create that a racer repeats. A library's get-or-create (a cache's <c>GetOrCreateAsync</c>) is
        /// that library's own single flight, a fetch.
        /// </summary>
        public static bool AwaitedCallActs(IOperation suspension)
            => suspension.Syntax is AwaitExpressionSyntax await
                && AwaitedCallActs(await, (suspension as IAwaitOperation)?.AwaitedOperation() is IInvocationOperation call ? call.TargetMethod : null);

        public static bool AwaitedCallActs(AwaitExpressionSyntax await, IMethodSymbol? target)
        {
            if (SyntaxWalks.WithoutConfigureAwait(await.Expression) is not InvocationExpressionSyntax call || SyntaxWalks.InvokedName(call) is not { } name)
            {
                return false;
            }

            return StartsWithVerb(name, 0) || (target is { DeclaringSyntaxReferences.IsEmpty: false } && OffersAVerb(name));
        }

        /// <summary><c>GetOrCreateKek</c>, <c>FindOrAddAsync</c>: the call makes the thing when it is missing.</summary>
        private static bool OffersAVerb(string name)
        {
            for (var at = name.IndexOf("Or", 1, System.StringComparison.Ordinal); at > 0; at = name.IndexOf("Or", at + 1, System.StringComparison.Ordinal))
            {
                if (char.IsLower(name[at - 1]) && StartsWithVerb(name, at + 2))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool StartsWithVerb(string name, int start)
        {
            foreach (var verb in ActingVerbs)
            {
                if (string.CompareOrdinal(name, start, verb, 0, verb.Length) == 0
                    && (name.Length == start + verb.Length || char.IsUpper(name[start + verb.Length])))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
