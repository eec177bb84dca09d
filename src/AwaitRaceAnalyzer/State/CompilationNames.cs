using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>
    /// For the syntax pre-filter, what simple names can stand for, without binding any code: the fields a member name
    /// may return or assign through a trivial accessor (<see cref="TrivialAccessors"/>; <c>Count</c> or
    /// <c>GetCount()</c> in a body is a use of <c>_count</c>), kept for every declaration of those shapes whatever the
    /// type, and whether a <c>global using static</c> brings members into scope under their simple names everywhere.
    /// </summary>
    /// <remarks>
    /// The accessors are read on the first name asked for, in one walk over the declarations of every tree (member
    /// bodies are looked at, never walked): a lookup per name in the compiler's declaration table visits every type
    /// declaration for each name, and cost more in total. The global usings are read apart, from each file's own
    /// directives only, so blocks that only need them never pay for the walk.
    /// </remarks>
    internal sealed class CompilationNames
    {
        private static readonly HashSet<string> None = new HashSet<string>();

        private readonly Compilation _compilation;
        private Dictionary<string, HashSet<string>>? _fieldsByMember;
        private int _globalUsingStatic = Unknown;

        private const int Unknown = 0;
        private const int No = 1;
        private const int Yes = 2;

        public CompilationNames(Compilation compilation)
        {
            _compilation = compilation;
        }

        /// <summary>The field names a member of this name may return or assign through a trivial body.</summary>
        public HashSet<string> FieldsOf(string memberName, CancellationToken cancellationToken)
        {
            // Built once, on the first body that needs it; two threads may both build it, which is harmless.
            var map = Volatile.Read(ref _fieldsByMember);
            if (map is null)
            {
                map = Build(cancellationToken);
                Interlocked.CompareExchange(ref _fieldsByMember, map, null);
            }

            return map.TryGetValue(memberName, out var fields) ? fields : None;
        }

        /// <summary>True when some <c>global using static</c> lets a simple name denote another type's member in every file.</summary>
        public bool ImportsStaticMembersGlobally(CancellationToken cancellationToken)
        {
            var known = Volatile.Read(ref _globalUsingStatic);
            if (known == Unknown)
            {
                known = HasGlobalUsingStatic(cancellationToken) ? Yes : No;
                Volatile.Write(ref _globalUsingStatic, known);
            }

            return known == Yes;
        }

        private Dictionary<string, HashSet<string>> Build(CancellationToken cancellationToken)
        {
            var map = new Dictionary<string, HashSet<string>>();
            foreach (var tree in _compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var root = tree.GetRoot(cancellationToken);

                // Declarations only: method and accessor bodies are looked at, never walked.
                foreach (var node in root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax))
                {
                    switch (node)
                    {
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

            return map;
        }

        /// <summary>Global usings stand at the top of a file: only each file's own directives are read.</summary>
        private bool HasGlobalUsingStatic(CancellationToken cancellationToken)
        {
            foreach (var tree in _compilation.SyntaxTrees)
            {
                if (tree.GetRoot(cancellationToken) is not CompilationUnitSyntax unit)
                {
                    continue;
                }

                foreach (var directive in unit.Usings)
                {
                    if (directive.StaticKeyword.RawKind != 0 && directive.GlobalKeyword.RawKind != 0)
                    {
                        return true;
                    }
                }
            }

            return false;
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
    }
}
