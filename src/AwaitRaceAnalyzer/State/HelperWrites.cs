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
    /// body assigns, increments or changes with a collection call, and whether each write comes after one of its own
    /// awaits. A caller that tests <c>_expiry</c>, then calls <c>await ConnectAsync()</c> which stores a fresh
    /// <c>_expiry</c> after its round trips, acts on a stale test as surely as if it wrote <c>_expiry</c> itself.
    /// One level only, read from the callee's syntax by name and cached per declaration, so it costs no binding. A
    /// helper that synchronises (a lock, a semaphore wait, a compare-and-swap) answers for its own writes.
    /// </summary>
    internal static class HelperWrites
    {
        private static readonly ConditionalWeakTable<MethodDeclarationSyntax, Summary> s_summaries = new ConditionalWeakTable<MethodDeclarationSyntax, Summary>();

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
            foreach (var ancestor in call.Ancestors())
            {
                if (ancestor is TypeDeclarationSyntax type)
                {
                    foreach (var member in type.Members)
                    {
                        if (member is MethodDeclarationSyntax method && method.Identifier.ValueText == name)
                        {
                            yield return Of(method);
                        }
                    }

                    yield break;
                }
            }
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

            var firstAwaitEnd = int.MaxValue;
            var writes = new List<(string Name, int End)>();
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
                        writes.Add((assigned, assignment.Span.End));
                        break;
                    case PrefixUnaryExpressionSyntax prefix when IsIncrementOrDecrement(prefix.Kind()) && MemberName(prefix.Operand, allowElement: true) is { } incremented:
                        writes.Add((incremented, prefix.Span.End));
                        break;
                    case PostfixUnaryExpressionSyntax postfix when IsIncrementOrDecrement(postfix.Kind()) && MemberName(postfix.Operand, allowElement: true) is { } incremented:
                        writes.Add((incremented, postfix.Span.End));
                        break;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation
                        when CollectionMethods.Classify(access.Name.Identifier.ValueText, out _) == CollectionMethodKind.Write
                            && MemberName(access.Expression, allowElement: false) is { } changed:
                        writes.Add((changed, invocation.Span.End));
                        break;
                }
            }

            var written = new Dictionary<string, bool>();
            foreach (var (name, end) in writes)
            {
                if (ownNames.Contains(name))
                {
                    continue;
                }

                var afterAwait = end >= firstAwaitEnd;
                written[name] = written.TryGetValue(name, out var before) ? before && afterAwait : afterAwait;
            }

            return written.Count == 0 ? Summary.None : new Summary(written);
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
