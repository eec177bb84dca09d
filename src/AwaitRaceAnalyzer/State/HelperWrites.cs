using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>
    /// What a method of the type writes on behalf of its caller: the members of <c>this</c> (or statics) that its
    /// body assigns, increments or changes with a collection call after one of its own awaits (a value it loaded),
    /// or before any with a value its caller passed in (<c>UpdateTokens(token)</c>). A caller that tests <c>_expiry</c>, then calls <c>await ConnectAsync()</c> which stores a fresh
    /// <c>_expiry</c> after its round trips, acts on a stale test as surely as if it wrote <c>_expiry</c> itself.
    /// One level only, read from the callee's syntax by name and cached per declaration, so it costs no binding. A
    /// helper that synchronises (a lock, a semaphore wait, a compare-and-swap) answers for its own writes.
    /// </summary>
    internal static class HelperWrites
    {
        private static readonly ConditionalWeakTable<MethodDeclarationSyntax, Summary> s_summaries = new ConditionalWeakTable<MethodDeclarationSyntax, Summary>();
        private static readonly ConditionalWeakTable<TypeDeclarationSyntax, Dictionary<string, List<MethodDeclarationSyntax>>> s_methodsByName =
            new ConditionalWeakTable<TypeDeclarationSyntax, Dictionary<string, List<MethodDeclarationSyntax>>>();

        /// <summary>The names the helper writes: name → true when every such write of it follows an await of the helper.</summary>
        internal sealed class Summary
        {
            public static readonly Summary None = new Summary(new Dictionary<string, bool>());

            public Summary(Dictionary<string, bool> written)
            {
                Written = written;
            }

            public Dictionary<string, bool> Written { get; }
        }

        /// <summary>The name a call of a method of this object or type is made by (<c>M()</c>, <c>this.M()</c>), else null.</summary>
        public static string? CalledName(InvocationExpressionSyntax invocation)
            => invocation.Expression switch
            {
                IdentifierNameSyntax name => name.Identifier.ValueText,
                GenericNameSyntax name => name.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax, Name: var name } => name.Identifier.ValueText,
                _ => null,
            };

        /// <summary>Before binding: the summaries of the methods named <paramref name="name"/> declared in the type around <paramref name="call"/>.</summary>
        public static IEnumerable<Summary> OfCallIn(SyntaxNode call, string name)
        {
            var type = call.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (type is null || !s_methodsByName.GetValue(type, MethodsByName).TryGetValue(name, out var methods))
            {
                yield break;
            }

            foreach (var method in methods)
            {
                yield return Of(method);
            }
        }

        /// <summary>
        /// The type's methods by name, read once per declaration: a block of a large type calls many of its helpers,
        /// and a scan of every member per call was a large part of the pre-filter's time there.
        /// </summary>
        private static Dictionary<string, List<MethodDeclarationSyntax>> MethodsByName(TypeDeclarationSyntax type)
        {
            var methods = new Dictionary<string, List<MethodDeclarationSyntax>>();
            foreach (var member in type.Members)
            {
                if (member is MethodDeclarationSyntax method)
                {
                    var name = method.Identifier.ValueText;
                    if (!methods.TryGetValue(name, out var named))
                    {
                        methods.Add(name, named = new List<MethodDeclarationSyntax>(1));
                    }

                    named.Add(method);
                }
            }

            return methods;
        }

        public static Summary Of(MethodDeclarationSyntax method) => s_summaries.GetValue(method, Build);

        private static Summary Build(MethodDeclarationSyntax method)
        {
            var body = (SyntaxNode?)method.Body ?? method.ExpressionBody;
            if (body is null)
            {
                return Summary.None;
            }

            var ownNames = new HashSet<string>();
            foreach (var parameter in method.ParameterList.Parameters)
            {
                ownNames.Add(parameter.Identifier.ValueText);
            }

            var parameters = new HashSet<string>(ownNames);
            var firstAwaitEnd = int.MaxValue;
            var writes = new List<(string Name, int End, bool StoresArgument)>();
            foreach (var node in body.DescendantNodes(descendIntoChildren: node => node is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax))
            {
                if (Synchronises(node))
                {
                    // A helper that takes a lock or claims with a compare-and-swap guards its own writes (a
                    // single-flight load): whether they are stale is judged in the helper, not in its callers.
                    return Summary.None;
                }

                switch (node)
                {
                    case AwaitExpressionSyntax await when await.Span.End < firstAwaitEnd:
                        firstAwaitEnd = await.Span.End;
                        break;
                    case VariableDeclaratorSyntax declarator:
                        ownNames.Add(declarator.Identifier.ValueText);
                        break;
                    case SingleVariableDesignationSyntax designation:
                        ownNames.Add(designation.Identifier.ValueText);
                        break;
                    case AssignmentExpressionSyntax assignment when MemberName(assignment.Left, allowElement: true) is { } assigned:
                        writes.Add((assigned, assignment.Span.End, Mentions(assignment.Right, parameters)));
                        break;
                    case PrefixUnaryExpressionSyntax prefix when IsIncrementOrDecrement(prefix.Kind()) && MemberName(prefix.Operand, allowElement: true) is { } incremented:
                        writes.Add((incremented, prefix.Span.End, false));
                        break;
                    case PostfixUnaryExpressionSyntax postfix when IsIncrementOrDecrement(postfix.Kind()) && MemberName(postfix.Operand, allowElement: true) is { } incremented:
                        writes.Add((incremented, postfix.Span.End, false));
                        break;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation
                        when CollectionMethods.Classify(access.Name.Identifier.ValueText, out _) == CollectionMethodKind.Write
                            && MemberName(access.Expression, allowElement: false) is { } changed:
                        writes.Add((changed, invocation.Span.End, Mentions(invocation.ArgumentList, parameters)));
                        break;
                }
            }

            // Before its first await, a helper writes for its caller only what the caller hands it (UpdateTokens(token));
            // a member it sets otherwise before its await is its own (a busy flag set, then reset in a finally).
            var ownBefore = new HashSet<string>();
            foreach (var (name, end, storesArgument) in writes)
            {
                if (end < firstAwaitEnd && !storesArgument)
                {
                    ownBefore.Add(name);
                }
            }

            var written = new Dictionary<string, bool>();
            foreach (var (name, end, storesArgument) in writes)
            {
                var afterAwait = end >= firstAwaitEnd;
                if (ownNames.Contains(name) || ownBefore.Contains(name))
                {
                    continue;
                }

                written[name] = written.TryGetValue(name, out var before) ? before && afterAwait : afterAwait;
            }

            return written.Count == 0 ? Summary.None : new Summary(written);
        }

        /// <summary>True when a name of <paramref name="names"/> occurs in <paramref name="node"/>.</summary>
        private static bool Mentions(SyntaxNode node, HashSet<string> names)
        {
            foreach (var token in node.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && names.Contains(token.ValueText))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the method takes a lock, waits on a semaphore or claims with a compare-and-swap.</summary>
        public static bool SynchronisesItself(MethodDeclarationSyntax method)
        {
            foreach (var node in method.DescendantNodes())
            {
                if (Synchronises(node))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Synchronises(SyntaxNode node)
            => node switch
            {
                LockStatementSyntax => true,
                InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var called } } =>
                    called is WellKnownNames.Wait or WellKnownNames.WaitAsync or "CompareExchange" or "Exchange" or "Enter" or "TryEnter",
                _ => false,
            };

        /// <summary><c>name</c>, <c>this.name</c> and, when allowed, <c>name[…]</c>: a member of this object or type.</summary>
        private static string? MemberName(ExpressionSyntax expression, bool allowElement)
            => expression switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax name } => name.Identifier.ValueText,
                ElementAccessExpressionSyntax element when allowElement => MemberName(element.Expression, allowElement: false),
                _ => null,
            };

        private static bool IsIncrementOrDecrement(SyntaxKind kind)
            => kind is SyntaxKind.PreIncrementExpression or SyntaxKind.PreDecrementExpression
                or SyntaxKind.PostIncrementExpression or SyntaxKind.PostDecrementExpression;
    }
}
