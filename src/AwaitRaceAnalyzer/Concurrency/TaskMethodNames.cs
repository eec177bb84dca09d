using System.Collections.Generic;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Concurrency
{
    /// <summary>
    /// The names of the compilation's source methods that can return a task: declared <c>async</c>, or with a return
    /// type whose name ends in <c>Task</c> (<c>Task</c>, <c>ValueTask</c>, their generic forms). Read from the
    /// declarations only, without binding: a discard (<c>_ = reader.ReadInt32()</c>) of a call to no such name drops a
    /// value, not a started task, and its method body is not bound for the index.
    /// </summary>
    internal static class TaskMethodNames
    {
        public static HashSet<string> Collect(Compilation compilation, CancellationToken cancellationToken)
        {
            var names = new HashSet<string>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                foreach (var node in SyntaxWalks.Declarations(tree.GetRoot(cancellationToken)))
                {
                    if (node is MethodDeclarationSyntax method
                        && (method.Modifiers.Any(SyntaxKind.AsyncKeyword) || NamesTask(method.ReturnType)))
                    {
                        names.Add(method.Identifier.ValueText);
                    }
                }
            }

            return names;
        }

        private static bool NamesTask(TypeSyntax type)
            => type switch
            {
                QualifiedNameSyntax qualified => NamesTask(qualified.Right),
                AliasQualifiedNameSyntax aliased => NamesTask(aliased.Name),
                SimpleNameSyntax name => name.Identifier.ValueText.EndsWith("Task", System.StringComparison.Ordinal),
                _ => false,
            };
    }
}
