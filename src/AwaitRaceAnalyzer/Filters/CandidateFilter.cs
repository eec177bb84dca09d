using System;
using System.Collections.Generic;
using System.Linq;
using AwaitRaceAnalyzer.Flow;
using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Filters
{
    /// <summary>
    /// A syntax-only pre-filter run before any semantic work: a code block can only hold a lost update if it has a
    /// suspension point in an async body (its own, or an async lambda's or local function's: the flow engine runs on
    /// nothing else, so a plain iterator's <c>yield</c> does not count) and writes something that may be shared (not a plain local of its own, unless a lambda or
    /// local function could capture it, nor a collection created here that is never passed on). A name the block
    /// declares as a local may still name a member outside that local's scope: then <paramref name="scope"/> decides.
    /// </summary>
    internal static class CandidateFilter
    {
        /// <remarks>Run on blocks where a suspension word occurs (<see cref="SuspensionWords"/>, the first and cheapest check).</remarks>
        /// <param name="isAsync">Whether the block's own function is async.</param>
        /// <param name="locals">For a block it keeps, what it learnt about the block's locals (for <see cref="SyntaxOverlapFilter"/>).</param>
        public static bool MayHoldLostUpdate(SyntaxNode codeBlock, bool isAsync, MemberNameScope scope, out CandidateLocals locals)
        {
            var gathered = PerThread<Gathered>.Rent();
            try
            {
                var mayHold = MayHoldLostUpdate(codeBlock, isAsync, scope, gathered);
                locals = !mayHold ? CandidateLocals.None : new CandidateLocals(
                    gathered.PrivateLocals.Count > 0 ? gathered.PrivateLocals.ToArray() : Array.Empty<string>(),
                    gathered.CapturedFound ? new HashSet<string>(gathered.Captured) : null);
                return mayHold;
            }
            finally
            {
                PerThread<Gathered>.Return(gathered);
            }
        }

        private static bool MayHoldLostUpdate(SyntaxNode codeBlock, bool isAsync, MemberNameScope scope, Gathered gathered)
        {
            var suspends = false;
            var declaresFunctions = false;
            var holdsAsyncBody = isAsync;
            foreach (var node in codeBlock.DescendantNodes())
            {
                suspends |= SuspensionPoints.IsSuspension(node);
                declaresFunctions |= CapturedNames.IsFunction(node);
                holdsAsyncBody |= SyntaxWalks.IsAsyncFunction(node);
                if (node is not VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax or CollectionExpressionSyntax }
                    && SyntaxWalks.DeclaredName(node) is { } other)
                {
                    // A local holds a collection created here only if every variable of its name does: a name can be
                    // declared again in another scope (or by a lambda).
                    gathered.NotFresh.Add(other);
                }

                switch (node)
                {
                    case VariableDeclarationSyntax declaration:
                        foreach (var variable in declaration.Variables)
                        {
                            gathered.Locals.Add(variable.Identifier.ValueText);
                        }

                        break;
                    case SingleVariableDesignationSyntax designation:
                        // out var x, is T x, var (a, b) = …: a local of the block like any other.
                        gathered.Locals.Add(designation.Identifier.ValueText);
                        break;
                    case AssignmentExpressionSyntax assignment:
                        if (!OnlyDeclares(assignment.Left))
                        {
                            AddWrite(gathered, assignment.Left);
                        }

                        break;
                    case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression):
                        AddWrite(gathered, postfix.Operand);
                        break;
                    case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                        AddWrite(gathered, prefix.Operand);
                        break;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }
                        when CollectionMethods.Classify(member.Name.Identifier.ValueText, out _) == CollectionMethodKind.Write
                            || ObjectStatus.ActionOfMethod(member.Name.Identifier.ValueText) is not null:
                        // client.Connect() changes the client's status as _items.Add(x) changes _items (ObjectStatus).
                        gathered.CollectionWrites.Add(member.Expression);
                        break;
                    case InvocationExpressionSyntax { Expression: IdentifierNameSyntax method } call
                        when CollectionMethods.Classify(method.Identifier.ValueText, out _) == CollectionMethodKind.Write:
                        // A collection call on this object (a type deriving from a collection).
                        gathered.Writes.Add(call);
                        break;
                    case ArgumentSyntax argument when AtomicStores.IsStoredArgument(argument):
                        AddWrite(gathered, argument.Expression);
                        break;
                    case InvocationExpressionSyntax call when HelperWrites.CalledName(call) is not null:
                        // A method of the type that writes its members writes them for this block (HelperWrites):
                        // read from the helper's syntax only when no other write already decides.
                        gathered.HelperCalls.Add(call);
                        break;
                    case IdentifierNameSyntax used when ObjectEscape.MayPassOn(used):
                        // Passed on, aliased, stored, or taken by ref (a ref local can later replace what it holds).
                        gathered.Escaping.Add(used.Identifier.ValueText);
                        break;
                }
            }

            if (!suspends || !holdsAsyncBody)
            {
                return false;
            }

            // A helper's write is a member of this object: shared, never a private local, so it decides only when
            // nothing else does.
            bool? helperWrites = null;
            if (gathered.Writes.Count == 0 && gathered.CollectionWrites.Count == 0 && (helperWrites = AnyHelperWrites(gathered)) == false)
            {
                return false;
            }

            if (gathered.Locals.Count == 0)
            {
                return true;
            }

            // A local that a lambda, local function or query of the block may capture can be shared with other flows:
            // any name used both inside and outside one function (or in two of them) counts as captured.
            var captured = declaresFunctions ? CapturedNames.Find(codeBlock, gathered.Captured) : null;
            gathered.CapturedFound = true;

            // Names are gathered in lists and put in a set only for the blocks that reach these last checks: most stop
            // before, and growing sets during the walk was a third of this filter's time.
            var localNames = gathered.LocalNames;
            localNames.UnionWith(gathered.Locals);
            // Every write is looked at (not only up to the first shared one): the private locals need all of them.
            var mayHold = false;
            var reassigned = gathered.Reassigned;
            foreach (var target in gathered.Writes)
            {
                if (target is not IdentifierNameSyntax identifier
                    || !localNames.Contains(identifier.Identifier.ValueText)
                    || captured?.Contains(identifier.Identifier.ValueText) == true
                    || scope.MayNameMember(identifier.Identifier.ValueText))
                {
                    mayHold = true;
                    continue;
                }

                reassigned.Add(identifier.Identifier.ValueText);
            }

            // A collection changed through a local is private only when every variable of that name holds an object
            // created here (a local of the block not in NotFresh) that is never passed on, aliased or replaced.
            var notFresh = gathered.NotFreshNames;
            var escaping = gathered.EscapingNames;
            if (gathered.CollectionWrites.Count > 0)
            {
                notFresh.UnionWith(gathered.NotFresh);
                escaping.UnionWith(gathered.Escaping);
            }

            foreach (var target in gathered.CollectionWrites)
            {
                if (target is not IdentifierNameSyntax identifier
                    || !localNames.Contains(identifier.Identifier.ValueText)
                    || notFresh.Contains(identifier.Identifier.ValueText)
                    || escaping.Contains(identifier.Identifier.ValueText)
                    || reassigned.Contains(identifier.Identifier.ValueText)
                    || captured?.Contains(identifier.Identifier.ValueText) == true
                    || scope.MayNameMember(identifier.Identifier.ValueText))
                {
                    mayHold = true;
                    continue;
                }

                gathered.PrivateLocals.Add(identifier.Identifier.ValueText);
            }

            return mayHold || (helperWrites ?? AnyHelperWrites(gathered));
        }

        /// <summary>
        /// An element write through a local (<c>buffer[i] = …</c>) changes the object the local holds, as a collection
        /// call on it does; any other target is written itself.
        /// </summary>
        private static void AddWrite(Gathered gathered, ExpressionSyntax target)
        {
            if (target.WithoutParentheses() is ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax container })
            {
                gathered.CollectionWrites.Add(container);
            }
            else
            {
                gathered.Writes.Add(target);
            }
        }

        private static bool AnyHelperWrites(Gathered gathered)
        {
            foreach (var call in gathered.HelperCalls)
            {
                foreach (var summary in HelperWrites.OfCallIn(call, HelperWrites.CalledName(call)!))
                {
                    if (summary.Written.Count > 0)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// True for a deconstruction that only declares new locals (<c>var (a, b) = …</c>, <c>(int a, var b) = …</c>):
        /// it writes nothing that existed before it.
        /// </summary>
        private static bool OnlyDeclares(ExpressionSyntax target)
            => target switch
            {
                DeclarationExpressionSyntax => true,
                TupleExpressionSyntax tuple => tuple.Arguments.All(argument => OnlyDeclares(argument.Expression)),
                _ => false,
            };

        /// <summary>The lists one walk fills, reused per thread.</summary>
        private sealed class Gathered : IReusable
        {
            public List<string> Locals { get; } = new List<string>();

            /// <summary>Names some variable of the block is declared under without a collection created for it.</summary>
            public List<string> NotFresh { get; } = new List<string>();

            public List<string> Escaping { get; } = new List<string>();

            public List<ExpressionSyntax> Writes { get; } = new List<ExpressionSyntax>();

            public List<ExpressionSyntax> CollectionWrites { get; } = new List<ExpressionSyntax>();

            /// <summary>Calls of methods of the type (<see cref="HelperWrites.CalledName"/>), whose writes are read last.</summary>
            public List<InvocationExpressionSyntax> HelperCalls { get; } = new List<InvocationExpressionSyntax>();

            public HashSet<string> LocalNames { get; } = new HashSet<string>();

            public HashSet<string> Reassigned { get; } = new HashSet<string>();

            public HashSet<string> NotFreshNames { get; } = new HashSet<string>();

            public HashSet<string> EscapingNames { get; } = new HashSet<string>();

            public HashSet<string> PrivateLocals { get; } = new HashSet<string>();

            public HashSet<string> Captured { get; } = new HashSet<string>();

            /// <summary>Whether <see cref="Captured"/> holds the block's captured names (it stays empty for a block without functions).</summary>
            public bool CapturedFound { get; set; }

            public bool Clear()
            {
                Locals.Clear();
                NotFresh.Clear();
                Escaping.Clear();
                Writes.Clear();
                CollectionWrites.Clear();
                HelperCalls.Clear();
                LocalNames.Clear();
                Reassigned.Clear();
                NotFreshNames.Clear();
                EscapingNames.Clear();
                PrivateLocals.Clear();
                Captured.Clear();
                CapturedFound = false;
                return true;
            }
        }
    }
}
