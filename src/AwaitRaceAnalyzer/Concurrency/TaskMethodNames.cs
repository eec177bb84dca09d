using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Concurrency
{
    /// <summary>
    /// Whether a name is the name of a source method that can return a task: declared <c>async</c>, or with a return
    /// type whose name ends in <c>Task</c> (<c>Task</c>, <c>ValueTask</c>, their generic forms). Read from the
    /// declarations only, without binding: a discard (<c>_ = reader.ReadInt32()</c>) of a call to no such name drops a
    /// value, not a started task, and its method body is not bound for the index.
    /// </summary>
    /// <remarks>
    /// Asked per name of the few calls that need it, through the compiler's declaration table, and cached: a walk over
    /// the declarations of every tree, which an earlier version made on the first question, cost more than all the
    /// questions of the largest project measured.
    /// </remarks>
    internal sealed class TaskMethodNames
    {
        private readonly Compilation _compilation;
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<string, bool> _known = new Dictionary<string, bool>();

        public TaskMethodNames(Compilation compilation, CancellationToken cancellationToken)
        {
            _compilation = compilation;
            _cancellationToken = cancellationToken;
        }

        /// <summary>True when a source method named <paramref name="name"/> can return a task. Used by one thread (the index's build).</summary>
        public bool Contains(string name)
        {
            if (!_known.TryGetValue(name, out var found))
            {
                found = Declares(name);
                _known.Add(name, found);
            }

            return found;
        }

        private bool Declares(string name)
        {
            if (name.Length == 0 || !_compilation.ContainsSymbolsWithName(name, SymbolFilter.Member, _cancellationToken))
            {
                return false;
            }

            foreach (var symbol in _compilation.GetSymbolsWithName(name, SymbolFilter.Member, _cancellationToken))
            {
                if (symbol is not IMethodSymbol)
                {
                    continue;
                }

                foreach (var reference in symbol.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(_cancellationToken) is MethodDeclarationSyntax method
                        && method.Identifier.ValueText == name
                        && (method.Modifiers.Any(SyntaxKind.AsyncKeyword) || NamesTask(method.ReturnType)))
                    {
                        return true;
                    }
                }
            }

            return false;
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
