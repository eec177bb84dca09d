using System.Collections.Concurrent;
using System.Linq;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>
    /// Whether every call of a method runs while its caller holds one and the same lock: a <c>lock</c> statement, a
    /// <c>SemaphoreSlim</c> taken just before a <c>try</c> whose <c>finally</c> releases it, or an awaited lock handle
    /// held by a <c>using</c>. Such a method (private, or a local function, so that every caller is visible) runs under
    /// the caller's lock from its first line to its last: its reads and writes cannot interleave with another run's.
    /// Read from syntax by name and cached per method; a call it cannot account for (a method group handed on, a call
    /// inside a lambda, which may run after the lock is given back) leaves the method unprotected.
    /// </summary>
    internal sealed class CallerLocks
    {
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _protected =
            new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);

        public bool AlwaysCalledUnderOneLock(IMethodSymbol method) => _protected.GetOrAdd(method, Decide);

        private static bool Decide(IMethodSymbol method)
        {
            if (!VisibleCallers.AreAllInCompilation(method))
            {
                return false;
            }

            string? commonLock = null;
            foreach (var call in VisibleCallers.CallSites(method))
            {
                if (call is null || HeldAt(call) is not { } held || (commonLock is not null && commonLock != held))
                {
                    return false;
                }

                commonLock = held;
            }

            return commonLock is not null;
        }

        /// <summary>The lock held at <paramref name="call"/>, as the text of what names it; null when none or unknown.</summary>
        public static string? HeldAt(SyntaxNode call)
        {
            SyntaxNode child = call;
            foreach (var node in call.Ancestors())
            {
                switch (node)
                {
                    case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax:
                        return null;
                    case LockStatementSyntax locked when locked.Statement == child:
                        return "lock " + locked.Expression.WithoutTrivia().ToString();
                    case TryStatementSyntax guarded when guarded.Block == child && SemaphoreTakenBefore(guarded) is { } semaphore:
                        return "semaphore " + semaphore;
                    case UsingStatementSyntax { Expression: AwaitExpressionSyntax handle } used when used.Statement == child && HandleSource(handle) is { } source:
                        return "handle " + source;
                    case BlockSyntax block when HandleDeclaredBefore(block, child) is { } handle:
                        return "handle " + handle;
                }

                child = node;
            }

            return null;
        }

        /// <summary>The semaphore a <c>try</c> runs under: taken (<c>await s.WaitAsync()</c>, <c>s.Wait()</c>) by the statement just before it and released in its <c>finally</c>.</summary>
        private static string? SemaphoreTakenBefore(TryStatementSyntax guarded)
        {
            if (guarded.Finally is null || guarded.Parent is not BlockSyntax block)
            {
                return null;
            }

            var index = block.Statements.IndexOf(guarded);
            if (index < 1 || block.Statements[index - 1] is not ExpressionStatementSyntax { Expression: var taking })
            {
                return null;
            }

            if (taking is AwaitExpressionSyntax awaited)
            {
                taking = awaited.Expression;
            }

            taking = SyntaxWalks.WithoutConfigureAwait(taking);

            if (taking is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" or "WaitAsync" } wait })
            {
                return null;
            }

            var semaphore = wait.Expression.WithoutTrivia().ToString();
            var released = guarded.Finally.Block.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(release =>
                release.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Release" } access
                && access.Expression.WithoutTrivia().ToString() == semaphore);
            return released ? semaphore : null;
        }

        /// <summary><c>using var h = await x.LockAsync();</c> earlier in <paramref name="block"/> than <paramref name="child"/>: held to the block's end.</summary>
        private static string? HandleDeclaredBefore(BlockSyntax block, SyntaxNode child)
        {
            foreach (var statement in block.Statements)
            {
                if (statement == child)
                {
                    return null;
                }

                if (statement is LocalDeclarationStatementSyntax { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword } declaration
                    && declaration.Declaration.Variables.Count == 1
                    && declaration.Declaration.Variables[0].Initializer?.Value is AwaitExpressionSyntax handle
                    && HandleSource(handle) is { } source)
                {
                    return source;
                }
            }

            return null;
        }

        /// <summary>
        /// What an awaited lock handle comes from: the call's receiver and name (<c>_lock.LockAsync</c>); null when the
        /// awaited call does not name a lock (an opened connection or file is disposable too, but no lock).
        /// </summary>
        private static string? HandleSource(AwaitExpressionSyntax handle)
        {
            return SyntaxWalks.WithoutConfigureAwait(handle.Expression) is InvocationExpressionSyntax invocation
                && SyntaxWalks.InvokedName(invocation) is { } name
                && name.IndexOf("Lock", System.StringComparison.Ordinal) >= 0
                ? invocation.Expression.WithoutTrivia().ToString()
                : null;
        }
    }
}
