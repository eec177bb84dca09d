using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.Flow
{
    [System.Flags]
    internal enum QueryKind
    {
        None = 0,
        OfReceiver = 1,
        OfArguments = 2,
    }

    /// <summary>
    /// Calls whose result is a view of their inputs rather than something computed elsewhere: a synchronous method
    /// asked of a value (<c>_expiry.AddMinutes(5)</c>, <c>_token.IsValid()</c>) and a synchronous predicate
    /// (<c>string.IsNullOrEmpty(_token)</c>). Testing their result tests the state they were given. A call that is
    /// awaited or returns a task is not a query: its result comes from work that runs elsewhere
    /// (<c>await ReceiveAsync(_buffer)</c>), so testing it is not a test of the state.
    /// </summary>
    internal static class QueryCalls
    {
        public static QueryKind Classify(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.ReturnsVoid || IsAwaitable(method.ReturnType) || invocation.Parent is IAwaitOperation)
            {
                return QueryKind.None;
            }

            var ofReceiver = invocation.Instance is not null && !method.IsStatic ? QueryKind.OfReceiver : QueryKind.None;
            return method.ReturnType.SpecialType == SpecialType.System_Boolean ? ofReceiver | QueryKind.OfArguments : ofReceiver;
        }

        /// <summary>Task, ValueTask and any type with a parameterless <c>GetAwaiter</c>.</summary>
        private static bool IsAwaitable(ITypeSymbol type)
        {
            foreach (var member in type.GetMembers("GetAwaiter"))
            {
                if (member is IMethodSymbol { Parameters.Length: 0 })
                {
                    return true;
                }
            }

            return false;
        }
    }
}
