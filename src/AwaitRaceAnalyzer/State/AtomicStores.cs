using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>
    /// Atomic reads, and stores that are atomic but unconditional: <c>Interlocked.Exchange(ref x, v)</c> and <c>Volatile.Write(ref x, v)</c>.
    /// Atomicity makes the store itself safe, not the decision behind it: a value computed, or a test made, before an
    /// await is as stale when stored this way. (A compare-and-swap is not one: it writes only when the state still
    /// holds what the method observed.)
    /// </summary>
    internal static class AtomicStores
    {
        private const string Exchange = "Exchange";
        private const string Write = "Write";

        /// <summary>The stored location's operation, or null when the call is not an atomic store.</summary>
        public static IOperation? TargetOf(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (invocation.Arguments.Length != 2 || method.ContainingType is not { } type
                || type.ContainingNamespace?.ToDisplayString() != "System.Threading")
            {
                return null;
            }

            var isStore = (method.Name == Exchange && type.Name == "Interlocked") || (method.Name == Write && type.Name == "Volatile");
            return isStore ? invocation.Arguments[0].Value : null;
        }

        /// <summary>
        /// The location an atomic read reads: <c>Interlocked.Read(ref x)</c>, or <c>Interlocked.CompareExchange(ref x,
        /// v, v)</c> with the same constant or variable as value and comparand (it never changes <c>x</c>: the idiom
        /// of an atomic read). Its result is a read of <c>x</c> like any other, and as stale after an await.
        /// </summary>
        public static IOperation? ReadOf(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.ContainingType is not { Name: "Interlocked" } type || type.ContainingNamespace?.ToDisplayString() != "System.Threading")
            {
                return null;
            }

            if (method.Name == "Read" && invocation.Arguments.Length == 1)
            {
                return invocation.Arguments[0].Value;
            }

            if (method.Name != "CompareExchange" || invocation.Arguments.Length != 3)
            {
                return null;
            }

            var value = invocation.Arguments[1].Value.WithoutConversions();
            var comparand = invocation.Arguments[2].Value.WithoutConversions();
            var sameConstant = value.ConstantValue is { HasValue: true } constant && comparand.ConstantValue is { HasValue: true } other && Equals(constant.Value, other.Value);
            var sameVariable = value is ILocalReferenceOperation local && comparand is ILocalReferenceOperation otherLocal && SymbolEqualityComparer.Default.Equals(local.Local, otherLocal.Local);
            return sameConstant || sameVariable ? invocation.Arguments[0].Value : null;
        }

        /// <summary>The value an atomic store writes (its second argument).</summary>
        public static IOperation ValueOf(IInvocationOperation invocation) => invocation.Arguments[1].Value;

        /// <summary>Before binding: a <c>ref</c> argument of a call named like an atomic store, which writes its target.</summary>
        public static bool IsStoredArgument(ArgumentSyntax argument)
            => argument.RefKindKeyword.IsKind(SyntaxKind.RefKeyword)
                && argument.Parent is ArgumentListSyntax { Parent: InvocationExpressionSyntax call }
                && call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: Exchange or Write };
    }
}
