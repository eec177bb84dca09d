using System.Collections.Concurrent;
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
    /// Each name is answered on first use from the compiler's declaration table (the members of that name, then their
    /// declarations), not from a walk over every declaration of the compilation: most compilations ask for a few
    /// names, and many for none.
    /// </remarks>
    internal sealed class CompilationNames
    {
        private static readonly HashSet<string> None = new HashSet<string>();

        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<string, HashSet<string>> _fieldsByMember = new ConcurrentDictionary<string, HashSet<string>>();
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
            if (_fieldsByMember.TryGetValue(memberName, out var known))
            {
                return known;
            }

            // Two threads may both look the name up, which is harmless.
            var fields = _compilation.ContainsSymbolsWithName(memberName, SymbolFilter.Member, cancellationToken)
                ? Find(memberName, cancellationToken)
                : None;
            return _fieldsByMember.GetOrAdd(memberName, fields);
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

        private HashSet<string> Find(string memberName, CancellationToken cancellationToken)
        {
            HashSet<string>? fields = null;
            foreach (var member in _compilation.GetSymbolsWithName(memberName, SymbolFilter.Member, cancellationToken))
            {
                if (member is not (IPropertySymbol or IMethodSymbol))
                {
                    continue;
                }

                foreach (var reference in member.DeclaringSyntaxReferences)
                {
                    switch (reference.GetSyntax(cancellationToken))
                    {
                        case PropertyDeclarationSyntax property:
                            Add(ref fields, property.ExpressionBody?.Expression);
                            foreach (var accessor in property.AccessorList?.Accessors ?? default)
                            {
                                Add(ref fields, accessor.ExpressionBody?.Expression ?? TrivialAccessors.SingleReturn(accessor.Body));

                                // Any single assignment, not only of value: the pre-filter may over-approximate.
                                Add(ref fields, TrivialAccessors.SingleAssignment(accessor)?.Left);
                            }

                            break;
                        case MethodDeclarationSyntax method:
                            Add(ref fields, method.ExpressionBody?.Expression ?? TrivialAccessors.SingleReturn(method.Body));
                            break;
                    }
                }
            }

            return fields ?? None;
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

        private static void Add(ref HashSet<string>? fields, ExpressionSyntax? expression)
        {
            if (TrivialAccessors.FieldName(expression) is { } field)
            {
                (fields ??= new HashSet<string>()).Add(field);
            }
        }
    }
}
