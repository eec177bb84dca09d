using System;
using System.Collections.Generic;
using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Filters
{
    /// <summary>
    /// How the syntax pre-filters name the receiver a simple name is reached through, before anything is bound:
    /// <c>this</c> (bare, <c>this.</c>, <c>base.</c>), a variable or member name, or any.
    /// </summary>
    internal static class ReceiverSyntax
    {
        /// <summary>The receiver of a bare name, or of one reached through <c>this.</c> or <c>base.</c>.</summary>
        public const string ThisReceiver = "";

        /// <summary>A receiver the filter cannot name (a call, an element, a longer path): it may meet any other.</summary>
        public const string AnyReceiver = "*";

        /// <summary>What a simple name is reached through: this (bare, <c>this.</c>, <c>base.</c>), a variable or member name, or any.</summary>
        public static string ReceiverOf(SimpleNameSyntax name)
            => name.Parent switch
            {
                MemberAccessExpressionSyntax access when access.Name == name => ReceiverKey(access.Expression),
                MemberBindingExpressionSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax => AnyReceiver,
                _ => ThisReceiver,
            };

        public static string ReceiverKey(ExpressionSyntax receiver)
            => Unwrapped(receiver) switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                ThisExpressionSyntax or BaseExpressionSyntax => ThisReceiver,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax, Name: IdentifierNameSyntax member } => member.Identifier.ValueText,
                _ => AnyReceiver,
            };

        /// <summary>
        /// True when this (or base) may be read as a collection: indexed, asked its Count, the receiver of a
        /// collection method, or passed on (as the source of a LINQ call).
        /// </summary>
        public static bool UsedAsCollection(ExpressionSyntax self)
        {
            var node = (SyntaxNode)self;
            while (node.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax or PostfixUnaryExpressionSyntax
                || (node.Parent is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.AsExpression) && binary.Left == node))
            {
                node = node.Parent;
            }

            if (node.Parent is not MemberAccessExpressionSyntax access || access.Expression != node)
            {
                return true;
            }

            var member = access.Name.Identifier.ValueText;
            return member == "Count" || CollectionMethods.Classify(member, out _) != CollectionMethodKind.None;
        }

        public static bool IsQualified(SimpleNameSyntax name)
            => (name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
                || (name.Parent is MemberBindingExpressionSyntax binding && binding.Name == name)
                || (name.Parent is QualifiedNameSyntax qualified && qualified.Right == name);

        /// <summary>Strips what the resolver sees through: parentheses, casts, <c>as</c> and <c>!</c>.</summary>
        public static ExpressionSyntax Unwrapped(ExpressionSyntax expression)
        {
            while (true)
            {
                switch (expression)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        expression = parenthesized.Expression;
                        continue;
                    case CastExpressionSyntax cast:
                        expression = cast.Expression;
                        continue;
                    case PostfixUnaryExpressionSyntax suppressed when suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                        expression = suppressed.Operand;
                        continue;
                    case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AsExpression):
                        expression = binary.Left;
                        continue;
                    default:
                        return expression;
                }
            }
        }
    }
}
