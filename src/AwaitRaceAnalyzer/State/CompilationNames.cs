using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>
    /// For the syntax pre-filter, what simple names can stand for, read from the declarations of every tree of the
    /// compilation without binding anything: the fields a member name may return or assign through a trivial accessor
    /// (<see cref="TrivialAccessors"/>; <c>Count</c> or <c>GetCount()</c> in a body is a use of <c>_count</c>), kept
    /// for every declaration of those shapes whatever the type, and whether a <c>global using static</c> brings members
    /// into scope under their simple names everywhere.
    /// </summary>
    internal sealed class CompilationNames
    {
        private static readonly HashSet<string> None = new HashSet<string>();

        private readonly Compilation _compilation;
        private Summary? _summary;

        public CompilationNames(Compilation compilation)
        {
            _compilation = compilation;
        }

        /// <summary>The field names a member of this name may return or assign through a trivial body.</summary>
        public HashSet<string> FieldsOf(string memberName, CancellationToken cancellationToken)
            => Get(cancellationToken).FieldsByMember.TryGetValue(memberName, out var fields) ? fields : None;

        /// <summary>True when some <c>global using static</c> lets a simple name denote another type's member in every file.</summary>
        public bool ImportsStaticMembersGlobally(CancellationToken cancellationToken) => Get(cancellationToken).GlobalUsingStatic;

        private Summary Get(CancellationToken cancellationToken)
        {
            // Built once, on the first body that needs it; two threads may both build it, which is harmless.
            var summary = Volatile.Read(ref _summary);
            if (summary is null)
            {
                summary = Build(cancellationToken);
                Interlocked.CompareExchange(ref _summary, summary, null);
            }

            return summary;
        }

        private Summary Build(CancellationToken cancellationToken)
        {
            var summary = new Summary();
            var map = summary.FieldsByMember;
            foreach (var tree in _compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var root = tree.GetRoot(cancellationToken);

                // Declarations only: method and accessor bodies are looked at, never walked.
                foreach (var node in root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
                {
                    switch (node)
                    {
                        case UsingDirectiveSyntax { StaticKeyword.RawKind: not 0, GlobalKeyword.RawKind: not 0 }:
                            summary.GlobalUsingStatic = true;
                            break;
                        case PropertyDeclarationSyntax property:
                            Add(map, property.Identifier.ValueText, property.ExpressionBody?.Expression);
                            foreach (var accessor in property.AccessorList?.Accessors ?? default)
                            {
                                Add(map, property.Identifier.ValueText, accessor.ExpressionBody?.Expression ?? TrivialAccessors.SingleReturn(accessor.Body));

                                // Any single assignment, not only of value: the pre-filter may over-approximate.
                                Add(map, property.Identifier.ValueText, TrivialAccessors.SingleAssignment(accessor)?.Left);
                            }

                            break;
                        case MethodDeclarationSyntax method:
                            Add(map, method.Identifier.ValueText, method.ExpressionBody?.Expression ?? TrivialAccessors.SingleReturn(method.Body));
                            break;
                    }
                }
            }

            return summary;
        }

        private static void Add(Dictionary<string, HashSet<string>> map, string member, ExpressionSyntax? expression)
        {
            if (TrivialAccessors.FieldName(expression) is not { } field)
            {
                return;
            }

            if (!map.TryGetValue(member, out var fields))
            {
                map.Add(member, fields = new HashSet<string>());
            }

            fields.Add(field);
        }

        private sealed class Summary
        {
            public Dictionary<string, HashSet<string>> FieldsByMember { get; } = new Dictionary<string, HashSet<string>>();

            public bool GlobalUsingStatic { get; set; }
        }
    }
}
