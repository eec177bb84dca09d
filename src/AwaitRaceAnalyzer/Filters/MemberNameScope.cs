using System.Collections.Generic;
using System.Threading;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Filters
{
    /// <summary>
    /// For the syntax pre-filters of one code block, whether a simple name the block also declares as a local may
    /// still denote a member somewhere in it (a local's scope need not cover the whole block): a member of its type,
    /// an enclosing type or their base types, a primary constructor parameter, or a static member that a
    /// <c>using static</c> brings into scope. Reads declarations only; binding a directive's name binds no code.
    /// </summary>
    internal sealed class MemberNameScope
    {
        private readonly SyntaxNode _codeBlock;
        private readonly ISymbol _owner;
        private readonly SemanticModel _model;
        private readonly CompilationNames _names;
        private readonly CancellationToken _cancellationToken;
        private List<INamedTypeSymbol?>? _imported;

        public MemberNameScope(SyntaxNode codeBlock, ISymbol owner, SemanticModel model, CompilationNames names, CancellationToken cancellationToken)
        {
            _codeBlock = codeBlock;
            _owner = owner;
            _model = model;
            _names = names;
            _cancellationToken = cancellationToken;
        }

        /// <summary>True when <paramref name="name"/> used in the block may denote a member rather than a local.</summary>
        public bool MayNameMember(string name)
        {
            if (_owner.ContainingType is null)
            {
                return true;
            }

            if (DeclaredInOrAround(_owner.ContainingType, name))
            {
                return true;
            }

            // Null in that list: a type that could not be told.
            foreach (var type in _imported ??= StaticImports())
            {
                if (type is null || HasMember(type, name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="type"/> or a type enclosing it has a member of that name (its own or a base
        /// type's) or a primary constructor parameter of that name.
        /// </summary>
        public static bool DeclaredInOrAround(INamedTypeSymbol? type, string name)
        {
            for (var current = type; current is not null; current = current.ContainingType)
            {
                if (HasMember(current, name) || HasPrimaryConstructorParameter(current, name))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasMember(INamedTypeSymbol type, string name)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (!current.GetMembers(name).IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the type's primary constructor (declared by the type declaration itself, not by a constructor
        /// declaration, whose parameters no other member sees) has a parameter of that name.
        /// </summary>
        public static bool HasPrimaryConstructorParameter(INamedTypeSymbol type, string name)
        {
            // The type's member list, not InstanceConstructors: that builds a new array on every call, and this runs
            // for every name the pre-filters ask about.
            foreach (var member in type.GetMembers(WellKnownMemberNames.InstanceConstructorName))
            {
                if (member is not IMethodSymbol constructor)
                {
                    continue;
                }

                foreach (var parameter in constructor.Parameters)
                {
                    if (parameter.Name == name && IsPrimary(constructor))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsPrimary(IMethodSymbol constructor)
        {
            foreach (var reference in constructor.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is TypeDeclarationSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The types whose static members the file's <c>using static</c> directives (around the block) bring into
        /// scope. A <c>global using static</c> anywhere counts as unknown.
        /// </summary>
        private List<INamedTypeSymbol?> StaticImports()
        {
            var types = new List<INamedTypeSymbol?>();
            if (_names.ImportsStaticMembersGlobally(_cancellationToken))
            {
                types.Add(null);
                return types;
            }

            // Top-level statements are a code block that is the compilation unit itself.
            foreach (var ancestor in _codeBlock.AncestorsAndSelf())
            {
                var usings = ancestor switch
                {
                    CompilationUnitSyntax unit => unit.Usings,
                    BaseNamespaceDeclarationSyntax space => space.Usings,
                    _ => default,
                };
                foreach (var directive in usings)
                {
                    if (directive.StaticKeyword.IsKind(SyntaxKind.StaticKeyword))
                    {
                        types.Add(_names.StaticallyImported(directive, _model, _cancellationToken));
                    }
                }
            }

            return types;
        }
    }
}
