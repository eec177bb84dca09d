using System;
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
    /// <c>GetCount()</c> in a body is a use of <c>_count</c>), the members that may stand so for a field name, and
    /// whether a <c>global using static</c> brings members into scope under their simple names everywhere.
    /// </summary>
    /// <remarks>
    /// Each answer is found on the first question about that name, in the compiler's declaration table, and kept.
    /// Only the names a block writes are asked about (a read member matters only if it stands for a written field), so
    /// a project pays for a few lookups instead of a walk over every declaration of every file (which the pre-filter
    /// made before, on the first block that got this far: a tenth of our time on large projects).
    /// </remarks>
    internal sealed class CompilationNames
    {
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<string, string[]> _fieldsByMember = new ConcurrentDictionary<string, string[]>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, string[]> _membersByField = new ConcurrentDictionary<string, string[]>(StringComparer.Ordinal);
        private int _globalUsingStatic = Unknown;

        private const int Unknown = 0;
        private const int No = 1;
        private const int Yes = 2;

        public CompilationNames(Compilation compilation)
        {
            _compilation = compilation;
        }

        /// <summary>The field names a member of this name may return or assign through a trivial body, in any type.</summary>
        public string[] FieldsOf(string memberName, CancellationToken cancellationToken)
            => _fieldsByMember.TryGetValue(memberName, out var fields)
                ? fields
                : _fieldsByMember.GetOrAdd(memberName, FindFieldsOf(memberName, cancellationToken));

        /// <summary>
        /// The names of the members that may stand for a field of this name: a member with a trivial body naming it, in
        /// a type that declares such a field (the resolver takes a trivial body for its own type's field only).
        /// </summary>
        public string[] MembersStandingFor(string fieldName, CancellationToken cancellationToken)
            => _membersByField.TryGetValue(fieldName, out var members)
                ? members
                : _membersByField.GetOrAdd(fieldName, FindMembersStandingFor(fieldName, cancellationToken));

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

        private string[] FindFieldsOf(string memberName, CancellationToken cancellationToken)
        {
            var fields = new HashSet<string>();
            foreach (var symbol in _compilation.GetSymbolsWithName(memberName, SymbolFilter.Member, cancellationToken))
            {
                if (symbol is IPropertySymbol or IMethodSymbol)
                {
                    foreach (var reference in symbol.DeclaringSyntaxReferences)
                    {
                        if (reference.GetSyntax(cancellationToken) is MemberDeclarationSyntax member)
                        {
                            AddTrivialFields(member, fields);
                        }
                    }
                }
            }

            return ToArray(fields);
        }

        private string[] FindMembersStandingFor(string fieldName, CancellationToken cancellationToken)
        {
            var members = new HashSet<string>();
            var fields = new HashSet<string>();
            var types = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var symbol in _compilation.GetSymbolsWithName(fieldName, SymbolFilter.Member, cancellationToken))
            {
                if (symbol is not IFieldSymbol { ContainingType: { } type } || !types.Add(type))
                {
                    continue;
                }

                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
                    {
                        continue;
                    }

                    foreach (var member in declaration.Members)
                    {
                        fields.Clear();
                        AddTrivialFields(member, fields);
                        if (fields.Contains(fieldName) && NameOf(member) is { } name)
                        {
                            members.Add(name);
                        }
                    }
                }
            }

            return ToArray(members);
        }

        /// <summary>
        /// The field names a property's or method's trivial bodies name: what a getter, an expression body or a body of
        /// one return returns, and the target of a setter's single assignment (any assignment: the pre-filter may
        /// over-approximate). Bodies are looked at, never walked.
        /// </summary>
        private static void AddTrivialFields(MemberDeclarationSyntax member, HashSet<string> fields)
        {
            switch (member)
            {
                case PropertyDeclarationSyntax property:
                    Add(fields, property.ExpressionBody?.Expression);
                    foreach (var accessor in property.AccessorList?.Accessors ?? default)
                    {
                        Add(fields, accessor.ExpressionBody?.Expression ?? TrivialAccessors.SingleReturn(accessor.Body));
                        Add(fields, TrivialAccessors.SingleAssignment(accessor)?.Left);
                    }

                    break;
                case MethodDeclarationSyntax method:
                    Add(fields, method.ExpressionBody?.Expression ?? TrivialAccessors.SingleReturn(method.Body));
                    break;
            }
        }

        private static string? NameOf(MemberDeclarationSyntax member)
            => member switch
            {
                PropertyDeclarationSyntax property => property.Identifier.ValueText,
                MethodDeclarationSyntax method => method.Identifier.ValueText,
                _ => null,
            };

        private static void Add(HashSet<string> fields, ExpressionSyntax? expression)
        {
            if (TrivialAccessors.FieldName(expression) is { } field)
            {
                fields.Add(field);
            }
        }

        private static string[] ToArray(HashSet<string> names)
        {
            if (names.Count == 0)
            {
                return Array.Empty<string>();
            }

            var array = new string[names.Count];
            names.CopyTo(array);
            return array;
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
    }
}
