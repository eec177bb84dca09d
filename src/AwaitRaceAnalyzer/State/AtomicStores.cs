using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>
    /// Stores that are atomic but unconditional: <c>Interlocked.Exchange(ref x, v)</c> and <c>Volatile.Write(ref x, v)</c>.
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

        /// <summary>The value an atomic store writes (its second argument).</summary>
        public static IOperation ValueOf(IInvocationOperation invocation) => invocation.Arguments[1].Value;

        /// <summary>Before binding: a <c>ref</c> argument of a call named like an atomic store, which writes its target.</summary>
        public static bool IsStoredArgument(ArgumentSyntax argument)
            => argument.RefKindKeyword.IsKind(SyntaxKind.RefKeyword)
                && argument.Parent is ArgumentListSyntax { Parent: InvocationExpressionSyntax call }
                && call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: Exchange or Write };
    }
}
