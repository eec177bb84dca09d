using System;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Concurrency
{
    /// <summary>
    /// Blazor components: the renderer calls a component's <c>SetParametersAsync</c> (and through it
    /// <c>OnParametersSetAsync</c>) each time the parent renders, and <c>OnAfterRenderAsync</c> after each render, without
    /// waiting for the task of an earlier call. An override of one of these on a <c>ComponentBase</c> runs again on the
    /// same component while an earlier run is suspended at an await: two loads for two parameter changes, two
    /// initialisations for two renders. <c>OnInitializedAsync</c> runs once per component and is not among them.
    /// </summary>
    internal static class ComponentLifecycles
    {
        private const string ComponentNamespace = "Microsoft.AspNetCore.Components";

        /// <summary>The lifecycle methods the renderer calls again before an earlier call's task has finished.</summary>
        public static readonly string[] TriggerWords = { "SetParametersAsync", "OnParametersSetAsync", "OnAfterRenderAsync" };

        public static void Collect(SemanticModel model, Action<IMethodSymbol, ConcurrencyEvidence> found, CancellationToken cancellationToken)
        {
            // The overrides are members of types: their bodies are not walked.
            foreach (var node in SyntaxWalks.Declarations(model.SyntaxTree.GetRoot(cancellationToken)))
            {
                if (node is MethodDeclarationSyntax declaration
                    && Array.IndexOf(TriggerWords, declaration.Identifier.ValueText) >= 0
                    && declaration.Modifiers.Any(SyntaxKind.OverrideKeyword)
                    && model.GetDeclaredSymbol(declaration, cancellationToken) is IMethodSymbol method
                    && OverridesComponentBase(method))
                {
                    var evidence = new ConcurrencyEvidence(
                        method.Name,
                        method.ContainingType.Name,
                        "the Blazor renderer calls " + method.Name + " again before an earlier call has finished",
                        method.ContainingType.Name + "." + method.Name,
                        location: null);
                    if (method.Name == "OnAfterRenderAsync" && method.Parameters.Length == 1)
                    {
                        // Code under 'if (firstRender)' runs once per component, however often the method runs.
                        var firstRender = method.Parameters[0].Name;
                        evidence.RunsOnce = node => FirstRenderOnly(node, firstRender);
                    }

                    found(method, evidence);
                }
            }
        }

        /// <summary>
        /// <paramref name="node"/> runs only when <paramref name="firstRender"/> is true: it lies in the then-branch of
        /// an <c>if</c> whose condition requires it (<c>firstRender</c>, <c>firstRender &amp;&amp; …</c>), or after an
        /// <c>if (!firstRender) return;</c> of an enclosing block.
        /// </summary>
        public static bool FirstRenderOnly(SyntaxNode node, string firstRender)
        {
            for (var current = node; current.Parent is { } parent && current is not MemberDeclarationSyntax; current = parent)
            {
                if (parent is IfStatementSyntax branch && branch.Statement == current && Requires(branch.Condition, firstRender))
                {
                    return true;
                }

                if (parent is BlockSyntax block && current is StatementSyntax statement)
                {
                    for (var i = 0; i < block.Statements.IndexOf(statement); i++)
                    {
                        if (block.Statements[i] is IfStatementSyntax { Else: null } exit
                            && exit.Condition is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } negated
                            && Requires(negated.Operand, firstRender)
                            && (exit.Statement is ReturnStatementSyntax || (exit.Statement is BlockSyntax { Statements.Count: 1 } only && only.Statements[0] is ReturnStatementSyntax)))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool Requires(ExpressionSyntax condition, string firstRender)
            => condition switch
            {
                IdentifierNameSyntax name => name.Identifier.ValueText == firstRender,
                ParenthesizedExpressionSyntax parenthesized => Requires(parenthesized.Expression, firstRender),
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } both => Requires(both.Left, firstRender) || Requires(both.Right, firstRender),
                _ => false,
            };

        private static bool OverridesComponentBase(IMethodSymbol method)
        {
            for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                if (overridden.ContainingType is { Name: "ComponentBase" } type && type.ContainingNamespace?.ToDisplayString() == ComponentNamespace)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
