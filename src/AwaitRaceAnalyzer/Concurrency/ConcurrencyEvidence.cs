using System;
using Microsoft.CodeAnalysis;

namespace AwaitRaceAnalyzer.Concurrency
{
    /// <summary>
    /// Why the analysis believes that a method runs concurrently with another invocation on the same object: the code
    /// that runs it so (<see cref="How"/> in <see cref="Where"/>, at <see cref="Location"/>), or the user's option.
    /// </summary>
    internal sealed class ConcurrencyEvidence
    {
        public ConcurrencyEvidence(string method, string? onType, string how, string where, Location? location, string? through = null, bool propagates = true)
        {
            Propagates = propagates;
            Method = method;
            OnType = onType;
            How = how;
            Where = where;
            Location = location;
            Through = through;
        }

        /// <summary>The method that runs concurrently.</summary>
        public string Method { get; }

        /// <summary>The type of the one object the concurrent calls share; null for a static method.</summary>
        public string? OnType { get; }

        /// <summary>What runs it concurrently: <c>Task.WhenAll</c>, <c>Task.Run</c>, a timer callback, …</summary>
        public string How { get; }

        /// <summary>The member that does so, as <c>Type.Member</c>.</summary>
        public string Where { get; }

        /// <summary>The concurrent call site; null for evidence from the options.</summary>
        public Location? Location { get; }

        /// <summary>
        /// False for a method started once in the background (a <c>Task.Run</c> outside any loop): it runs alongside
        /// its starter, but what it calls on <c>this</c> is that one background flow's own, not a second flow.
        /// </summary>
        public bool Propagates { get; }

        /// <summary>
        /// Code of the method that runs once however often the method runs (a Blazor component's first render), which
        /// the evidence does not reach; null when it reaches the whole method.
        /// </summary>
        public Func<SyntaxNode, bool>? RunsOnce { get; set; }

        /// <summary>
        /// Evidence about every member of the type (the user's option), not about how a method is run: it reaches also
        /// the delegates a method hands out.
        /// </summary>
        public bool OfTheWholeType { get; set; }

        /// <summary>True when the evidence reaches <paramref name="node"/> of the method.</summary>
        public bool Reaches(SyntaxNode node) => RunsOnce is null || !RunsOnce(node);

        /// <summary>A whole clause that says why, for evidence that is not a concurrent call (a shared argument).</summary>
        public string? Explanation { get; private set; }

        /// <summary>Evidence that a parameter receives shared state: the call site that passes it.</summary>
        public static ConcurrencyEvidence SharedArgument(string method, string argument, string where, Location location)
            => new ConcurrencyEvidence(method, null, "a shared argument", where, location)
            {
                Explanation = method + " is called with the shared '" + argument + "' (in " + where + ")",
            };

        /// <summary>
        /// Evidence about every method of a class the compilation registers as a singleton service: the container hands
        /// its one instance to every consumer. <paramref name="registration"/> says how, e.g. <c>TryAddSingleton</c>.
        /// </summary>
        public static ConcurrencyEvidence Singleton(string type, string registration, string where, Location location)
            => new ConcurrencyEvidence("?", type, "a singleton service: " + registration, where, location) { OfTheWholeType = true };

        /// <summary>The evidence about a whole registered type, for one of its methods: the message names that method.</summary>
        public ConcurrencyEvidence ForMethod(IMethodSymbol method)
            => new ConcurrencyEvidence(method.Name, OnType, How, Where, Location, Through, Propagates)
            {
                OfTheWholeType = OfTheWholeType,
                Explanation = method.Name + " runs concurrently on the one " + OnType + " that every consumer shares (" + How + " in " + Where + ")",
            };

        /// <summary>A method callable from outside that writes <paramref name="state"/>, which a background flow also writes.</summary>
        public static ConcurrencyEvidence Alongside(IMethodSymbol method, IMethodSymbol background, ConcurrencyEvidence started, string state)
            => new ConcurrencyEvidence(method.Name, method.ContainingType.Name, started.How, started.Where, started.Location)
            {
                Explanation = method.Name + " runs while " + background.Name + ", started in the background (" + started.How + " in " + started.Where + "), also writes '" + state + "'",
            };

        /// <summary>A method of a background flow that writes <paramref name="state"/>, which a method callable from outside also writes.</summary>
        public static ConcurrencyEvidence InBackground(IMethodSymbol method, IMethodSymbol outside, ConcurrencyEvidence started, string state)
            => new ConcurrencyEvidence(method.Name, method.ContainingType.Name, started.How, started.Where, started.Location)
            {
                Explanation = method.Name + " runs in the background (" + started.How + " in " + started.Where + ") while " + outside.Name + ", callable from outside, also writes '" + state + "'",
            };

        /// <summary>The method this one is called from on <c>this</c>, when the evidence is that method's.</summary>
        public string? Through { get; }

        /// <summary>The same evidence for the implementation of an interface or base method that has it.</summary>
        public ConcurrencyEvidence ImplementedBy(IMethodSymbol implementation)
            => new ConcurrencyEvidence(implementation.Name, implementation.IsStatic ? null : implementation.ContainingType.Name, How, Where, Location, Through, Propagates);

        /// <summary>The same evidence for a method that <paramref name="caller"/> (which has it) calls on <c>this</c>.</summary>
        public ConcurrencyEvidence CalledBy(string method, string caller) => new ConcurrencyEvidence(method, OnType, How, Where, Location, caller);

        /// <summary>
        /// The same evidence for a method that <paramref name="caller"/> (which has it) calls on a field or property
        /// of <c>this</c>: it runs concurrently on that member's one <paramref name="onType"/>.
        /// </summary>
        public ConcurrencyEvidence CalledOnMember(string method, string onType, string caller) => new ConcurrencyEvidence(method, onType, How, Where, Location, caller);

        /// <summary>The clause the diagnostic's message ends with: <c>; GetAsync runs concurrently on one Cache (Task.WhenAll in Page.LoadAsync)</c>.</summary>
        public string MessageSuffix()
        {
            if (Explanation is not null)
            {
                return "; " + Explanation;
            }

            var on = OnType is null ? string.Empty : " on one " + OnType;
            var through = Through is null ? string.Empty : ", through " + Through;
            return Location is null
                ? "; " + Method + " runs concurrently on one " + OnType + " (" + How + through + ")"
                : "; " + Method + " runs concurrently" + on + " (" + How + " in " + Where + through + ")";
        }
    }
}
