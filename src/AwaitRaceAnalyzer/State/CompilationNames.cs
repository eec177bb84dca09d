using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>
    /// For the syntax pre-filter, what simple names can stand for, without binding any code: the fields a member name
    /// may return or assign through a trivial accessor (<see cref="TrivialAccessors"/>; <c>Count</c> or
    /// <c>GetCount()</c> in a body is a use of <c>_count</c>), the members that may stand so for a field name, and
    /// which types <c>using static</c> directives bring into scope under their members' simple names.
    /// </summary>
    /// <remarks>
    /// The accessors are read on the first name asked for, in one walk over the declarations of every tree (member
    /// bodies are looked at, never walked). A lookup per name in the compiler's declaration table visits every type
    /// declaration for each name and cost more in total, even when only the names a block writes were looked up (ten
    /// times the walk on the largest project measured). The global usings are read apart, from each file's own
    /// directives only, so blocks that only need them never pay for the walk.
    /// </remarks>
    internal sealed class CompilationNames
    {
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<UsingDirectiveSyntax, INamedTypeSymbol?> _staticImports = new ConcurrentDictionary<UsingDirectiveSyntax, INamedTypeSymbol?>();
        private AccessorSummary? _accessors;
        private int _globalUsingStatic = Unknown;

        private const int Unknown = 0;
        private const int No = 1;
        private const int Yes = 2;

        public CompilationNames(Compilation compilation)
        {
            _compilation = compilation;
        }

        /// <summary>
        /// The instance field or property that <paramref name="name"/> names in a class declared around it: what a name
        /// stands for when the compiler binds it to no kind of operation (a field named as its type, the type missing).
        /// </summary>
        public ISymbol? MemberOfEnclosingClass(SimpleNameSyntax name)
        {
            foreach (var symbol in _compilation.GetSymbolsWithName(name.Identifier.ValueText, SymbolFilter.Member))
            {
                if (symbol is IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false }
                    && symbol.ContainingType is { TypeKind: TypeKind.Class } type)
                {
                    foreach (var declaration in type.DeclaringSyntaxReferences)
                    {
                        if (declaration.SyntaxTree == name.SyntaxTree && declaration.Span.Contains(name.Span))
                        {
                            return symbol;
                        }
                    }
                }
            }

            return null;
        }

        /// <summary>The field names a member of this name may return or assign through a trivial body, in any type.</summary>
        public IReadOnlyCollection<string> FieldsOf(string memberName, CancellationToken cancellationToken)
            => Find(Accessors(cancellationToken).FieldsByMember, memberName);

        /// <summary>The names of the members that may stand for a field of this name through a trivial body, in any type.</summary>
        public IReadOnlyCollection<string> MembersStandingFor(string fieldName, CancellationToken cancellationToken)
            => Find(Accessors(cancellationToken).MembersByField, fieldName);

        /// <summary>
        /// The type a <c>using static</c> directive imports, null when it cannot be told. Bound once per directive:
        /// every block of the file that asks about a local's name would otherwise bind it again.
        /// </summary>
        public INamedTypeSymbol? StaticallyImported(UsingDirectiveSyntax directive, SemanticModel model, CancellationToken cancellationToken)
        {
            if (directive.Name is not { } name)
            {
                return null;
            }

            if (!_staticImports.TryGetValue(directive, out var type))
            {
                type = model.GetSymbolInfo(name, cancellationToken).Symbol as INamedTypeSymbol;
                _staticImports.TryAdd(directive, type);
            }

            return type;
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

        private static IReadOnlyCollection<string> Find(Dictionary<string, List<string>> map, string name)
            => map.TryGetValue(name, out var names) ? names : (IReadOnlyCollection<string>)Array.Empty<string>();

        private AccessorSummary Accessors(CancellationToken cancellationToken)
        {
            // Built once, on the first body that needs it; two threads may both build it, which is harmless.
            var summary = Volatile.Read(ref _accessors);
            if (summary is null)
            {
                summary = BuildAccessors(cancellationToken);
                Interlocked.CompareExchange(ref _accessors, summary, null);
            }

            return summary;
        }

        private AccessorSummary BuildAccessors(CancellationToken cancellationToken)
        {
            var summary = new AccessorSummary();
            var fields = new HashSet<string>();
            foreach (var tree in _compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var root = tree.GetRoot(cancellationToken);

                // Declarations only: method and accessor bodies are looked at, never walked.
                foreach (var node in SyntaxWalks.Declarations(root))
                {
                    if (node is not MemberDeclarationSyntax member || NameOf(member) is not { } name)
                    {
                        continue;
                    }

                    fields.Clear();
                    AddTrivialFields(member, fields);
                    foreach (var field in fields)
                    {
                        Add(summary.FieldsByMember, name, field);
                        Add(summary.MembersByField, field, name);
                    }
                }
            }

            return summary;
        }

        /// <summary>Lists, not sets: a name has one or two entries, and a set per name was most of the summary's memory.</summary>
        private static void Add(Dictionary<string, List<string>> map, string key, string value)
        {
            if (!map.TryGetValue(key, out var values))
            {
                map.Add(key, values = new List<string>(1));
            }

            if (!values.Contains(value))
            {
                values.Add(value);
            }
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

        /// <summary>Which fields each member name stands for through a trivial body, and which member names each field has.</summary>
        private sealed class AccessorSummary
        {
            public Dictionary<string, List<string>> FieldsByMember { get; } = new Dictionary<string, List<string>>();

            public Dictionary<string, List<string>> MembersByField { get; } = new Dictionary<string, List<string>>();
        }
    }
}
