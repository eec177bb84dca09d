using System.Collections.Generic;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Filters
{
    /// <summary>
    /// For the syntax pre-filters, the names of a code block that a lambda, local function or query may capture: every
    /// name (declared or used) that occurs under more than one function of the block, the block itself being one. A
    /// local whose name stays under one function is that function's own, whatever the block declares elsewhere.
    /// </summary>
    internal static class CapturedNames
    {
        /// <summary>Fills <paramref name="captured"/> with the names found under two functions, and returns it.</summary>
        public static HashSet<string> Find(SyntaxNode codeBlock, HashSet<string> captured)
        {
            var walk = PerThread<Walk>.Rent();
            try
            {
                walk.Run(codeBlock, captured);
                return captured;
            }
            finally
            {
                PerThread<Walk>.Return(walk);
            }
        }

        /// <summary>A lambda, a local function, or a query (whose clauses are lambdas).</summary>
        public static bool IsFunction(SyntaxNode node)
            => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or QueryExpressionSyntax;

        /// <summary>A name used, or declared (<see cref="SyntaxWalks.DeclaredName"/>), at the node.</summary>
        private static string? NameAt(SyntaxNode node)
            => node is IdentifierNameSyntax identifier ? identifier.Identifier.ValueText : SyntaxWalks.DeclaredName(node);

        /// <summary>
        /// Walked with an explicit stack: expressions can nest too deep for recursion. Reused per thread (it holds
        /// syntax only while a block is walked).
        /// </summary>
        private sealed class Walk : IReusable
        {
            private readonly Dictionary<string, SyntaxNode> _firstFunction = new Dictionary<string, SyntaxNode>();
            private readonly Stack<(SyntaxNode Node, SyntaxNode Function)> _pending = new Stack<(SyntaxNode Node, SyntaxNode Function)>();

            public void Run(SyntaxNode codeBlock, HashSet<string> captured)
            {
                _pending.Push((codeBlock, codeBlock));
                while (_pending.Count > 0)
                {
                    var (node, function) = _pending.Pop();
                    foreach (var child in node.ChildNodes())
                    {
                        var owner = IsFunction(child) ? child : function;
                        if (NameAt(child) is { } name)
                        {
                            if (!_firstFunction.TryGetValue(name, out var first))
                            {
                                _firstFunction.Add(name, owner);
                            }
                            else if (first != owner)
                            {
                                captured.Add(name);
                            }
                        }

                        _pending.Push((child, owner));
                    }
                }
            }

            public bool Clear()
            {
                _firstFunction.Clear();
                _pending.Clear();
                return true;
            }
        }
    }
}
