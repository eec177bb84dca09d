using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.CodeFixes.SemaphoreSlim
{
    /// <summary>
    /// The SemaphoreSlim that protects one piece of state: an existing field, a new field of the containing type, or
    /// (for a captured variable) a new local declared next to the variable.
    /// </summary>
    internal sealed class GatePlan
    {
        private GatePlan(string name, bool isStatic, bool exists, TypeDeclarationSyntax? type, SyntaxNode? fieldAnchor, BlockSyntax? localBlock, int localAfterIndex)
        {
            Name = name;
            IsStatic = isStatic;
            Exists = exists;
            Type = type;
            FieldAnchor = fieldAnchor;
            LocalBlock = localBlock;
            LocalAfterIndex = localAfterIndex;
        }

        public string Name { get; }

        public bool IsStatic { get; }

        /// <summary>True when an existing field is reused: nothing is declared.</summary>
        public bool Exists { get; }

        /// <summary>For a field gate: the type that declares it.</summary>
        public TypeDeclarationSyntax? Type { get; }

        /// <summary>For a new field gate: the member it is declared before (the state's own declaration), or null for the top.</summary>
        public SyntaxNode? FieldAnchor { get; }

        /// <summary>For a local gate: the block that declares it, after statement <see cref="LocalAfterIndex"/> (-1: first).</summary>
        public BlockSyntax? LocalBlock { get; }

        public int LocalAfterIndex { get; }

        public bool IsLocal => LocalBlock is not null;

        /// <summary>Identifies the gate across diagnostics so one is declared once.</summary>
        public string Key => IsLocal
            ? "local:" + LocalBlock!.SpanStart + ":" + Name
            : "field:" + Type!.SpanStart + ":" + Name;

        public static GatePlan ExistingField(string name, bool isStatic, TypeDeclarationSyntax type)
            => new GatePlan(name, isStatic, exists: true, type, null, null, -1);

        public static GatePlan NewField(string name, bool isStatic, TypeDeclarationSyntax type, SyntaxNode? anchor)
            => new GatePlan(name, isStatic, exists: false, type, anchor, null, -1);

        public static GatePlan NewLocal(string name, BlockSyntax block, int afterIndex)
            => new GatePlan(name, isStatic: false, exists: false, null, null, block, afterIndex);
    }
}
