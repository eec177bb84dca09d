using System;
using System.Collections.Generic;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Flow
{
    /// <summary>What the names of a code block say before it is bound.</summary>
    internal enum NameOverlap
    {
        /// <summary>No name it writes is also read: the operation filter would drop it.</summary>
        None,

        /// <summary>Some are, but no suspension point can run between such a read and such a write.</summary>
        NotAcrossSuspension,

        /// <summary>A read of a written name may be followed by a suspension point and then the write.</summary>
        AcrossSuspension,
    }

    /// <summary>
    /// The <see cref="StateOverlapFilter"/> test done on names, before the block is bound: a written location and a
    /// read one can only be the same if the name of the written one (its last member, or its root variable) is also
    /// used somewhere in the body other than as the target of a plain assignment. Names stand for what they may mean
    /// (a trivial property for its field, an unqualified <c>Add</c> or <c>Count</c> for <c>this</c>), and any shape
    /// it cannot name makes it answer <see cref="NameOverlap.AcrossSuspension"/>, so it never rejects a block the
    /// operation filter would keep. Then the order (<see cref="SuspensionOrder"/>): a read can only go stale at the
    /// write if a suspension point can run between them.
    /// </summary>
    internal static class SyntaxOverlapFilter
    {
        /// <summary>Stands for state rooted at <c>this</c> itself (a collection type's own contents).</summary>
        private const string This = "this";

        /// <summary>The receiver of a bare name, or of one reached through <c>this.</c> or <c>base.</c>.</summary>
        private const string ThisReceiver = "";

        /// <summary>A receiver the filter cannot name (a call, an element, a longer path): it may meet any other.</summary>
        private const string AnyReceiver = "*";

        public static NameOverlap Judge(SyntaxNode codeBlock, ISymbol owner, SemanticModel model, CompilationNames compilationNames, AnalysisOptions options, CancellationToken cancellationToken)
        {
            var names = new Names();
            foreach (var node in codeBlock.DescendantNodesAndSelf())
            {
                if (!names.Visit(node))
                {
                    return NameOverlap.AcrossSuspension;
                }
            }

            // A plain local or parameter of this body that no lambda or local function mentions is never shared state
            // (the resolver only names captured variables that another flow writes); any other bare name may be.
            List<INamedTypeSymbol?>? imported = null;
            foreach (var name in names.WrittenBare)
            {
                var mayBeVariable = names.Declared.Contains(name);
                if (!mayBeVariable && OnlyNamesSingleFlowState(name, owner, options))
                {
                    continue;
                }

                if (!mayBeVariable || names.InFunctions.Contains(name)
                    || MayNameMember(name, owner, imported ??= StaticImports(codeBlock, model, compilationNames, cancellationToken)))
                {
                    names.Written.Add(name);
                }
            }

            if (names.Written.Count == 0)
            {
                return NameOverlap.None;
            }

            var overlap = NameOverlap.None;
            foreach (var name in names.Written)
            {
                if (names.ReadFrom.TryGetValue(name, out var from) && names.ReceiversMeet(name, name, null)
                    && Max(ref overlap, Across(names, from, names.WriteAfter[name])) == NameOverlap.AcrossSuspension)
                {
                    return overlap;
                }
            }

            // Only now (most blocks have stopped above) the names trivial accessors stand for: a read of such a
            // member is also a read of each field it stands for.
            Dictionary<string, List<string>>? readThrough = null;
            foreach (var read in names.Read)
            {
                foreach (var field in compilationNames.FieldsOf(read, cancellationToken))
                {
                    readThrough ??= new Dictionary<string, List<string>>();
                    if (!readThrough.TryGetValue(field, out var members))
                    {
                        readThrough[field] = members = new List<string>();
                    }

                    members.Add(read);
                }
            }

            foreach (var name in names.Written)
            {
                var after = names.WriteAfter[name];
                if (Max(ref overlap, ReadBefore(names, name, name, readThrough, after)) == NameOverlap.AcrossSuspension)
                {
                    return overlap;
                }

                foreach (var field in compilationNames.FieldsOf(name, cancellationToken))
                {
                    if (Max(ref overlap, ReadBefore(names, name, field, readThrough, after)) == NameOverlap.AcrossSuspension)
                    {
                        return overlap;
                    }
                }
            }

            return overlap;
        }

        /// <summary>
        /// How the reads of <paramref name="readName"/> (itself, or a member that stands for it) relate to a write of
        /// <paramref name="written"/> that completes at <paramref name="writeAfter"/>.
        /// </summary>
        private static NameOverlap ReadBefore(Names names, string written, string readName, Dictionary<string, List<string>>? readThrough, int writeAfter)
        {
            List<string>? members = null;
            readThrough?.TryGetValue(readName, out members);
            var found = names.ReadFrom.TryGetValue(readName, out var from);
            foreach (var member in members ?? (IEnumerable<string>)Array.Empty<string>())
            {
                var memberFrom = names.ReadFrom[member];
                from = found ? Math.Min(from, memberFrom) : memberFrom;
                found = true;
            }

            return found && names.ReceiversMeet(written, readName, members) ? Across(names, from, writeAfter) : NameOverlap.None;
        }

        private static NameOverlap Across(Names names, int readFrom, int writeAfter)
            => names.Order.AnySuspensionBetween(readFrom, writeAfter) ? NameOverlap.AcrossSuspension : NameOverlap.NotAcrossSuspension;

        private static NameOverlap Max(ref NameOverlap overlap, NameOverlap found)
            => overlap = found > overlap ? found : overlap;

        /// <summary>
        /// True when a simple name that is not a variable of the block can only denote instance state of a type one
        /// flow owns (<c>await_race.ignored_types</c>; the resolver names no state for it): every member of that name
        /// in the owner's type and its base types is an instance one of such a type, no enclosing type has a member
        /// of that name, no primary constructor a parameter, and no <c>using static</c> can bring one in.
        /// </summary>
        private static bool OnlyNamesSingleFlowState(string name, ISymbol owner, AnalysisOptions options)
        {
            var type = owner.ContainingType;
            if (type is null || !options.IsIgnored(type) || HasPrimaryConstructorParameter(type, name))
            {
                return false;
            }

            var found = false;
            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(name))
                {
                    if (member.IsStatic || !options.IsIgnored(member.ContainingType))
                    {
                        return false;
                    }

                    found = true;
                }
            }

            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                if (HasMember(outer, name) || HasPrimaryConstructorParameter(outer, name))
                {
                    return false;
                }
            }

            // A static import could also bring a member of that name in; only a name the type itself declares shadows it.
            return found;
        }

        private static bool HasPrimaryConstructorParameter(INamedTypeSymbol type, string name)
        {
            foreach (var constructor in type.InstanceConstructors)
            {
                foreach (var parameter in constructor.Parameters)
                {
                    if (parameter.Name == name)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// True when a simple name used in <paramref name="owner"/> may denote a member rather than a local: one of
        /// its type, an enclosing type or their base types, a primary constructor parameter, or a static member of a
        /// type <paramref name="imported"/> by <c>using static</c> (null in that list: a type that could not be told).
        /// </summary>
        private static bool MayNameMember(string name, ISymbol owner, List<INamedTypeSymbol?> imported)
        {
            if (owner.ContainingType is null)
            {
                return true;
            }

            for (var type = owner.ContainingType; type is not null; type = type.ContainingType)
            {
                if (HasMember(type, name))
                {
                    return true;
                }

                foreach (var constructor in type.InstanceConstructors)
                {
                    foreach (var parameter in constructor.Parameters)
                    {
                        if (parameter.Name == name)
                        {
                            return true;
                        }
                    }
                }
            }

            foreach (var type in imported)
            {
                if (type is null || HasMember(type, name))
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
        /// The types whose static members the file's <c>using static</c> directives (around the block) bring into
        /// scope; binding a directive's name binds no code. A <c>global using static</c> anywhere counts as unknown.
        /// </summary>
        private static List<INamedTypeSymbol?> StaticImports(SyntaxNode codeBlock, SemanticModel model, CompilationNames names, CancellationToken cancellationToken)
        {
            var types = new List<INamedTypeSymbol?>();
            if (names.ImportsStaticMembersGlobally(cancellationToken))
            {
                types.Add(null);
                return types;
            }

            foreach (var ancestor in codeBlock.Ancestors())
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
                        types.Add(directive.Name is { } imported ? model.GetSymbolInfo(imported, cancellationToken).Symbol as INamedTypeSymbol : null);
                    }
                }
            }

            return types;
        }

        /// <summary>The names one walk collects; <see cref="Visit"/> returns false for a shape it cannot name.</summary>
        private sealed class Names
        {
            private readonly HashSet<SyntaxNode> _plainTargets = new HashSet<SyntaxNode>();
            private int _writeEnd;

            public HashSet<string> Written { get; } = new HashSet<string>();

            /// <summary>Written through a bare name (<c>x = …</c>, <c>x++</c>): a local, a parameter or a member.</summary>
            public HashSet<string> WrittenBare { get; } = new HashSet<string>();

            public HashSet<string> Read { get; } = new HashSet<string>();

            /// <summary>Per name, the earliest a read of it may run before other code (<see cref="SuspensionOrder.ReadFrom"/>).</summary>
            public Dictionary<string, int> ReadFrom { get; } = new Dictionary<string, int>();

            /// <summary>Per name, the latest code before a write of it may sit (<see cref="SuspensionOrder.WriteAfter"/>).</summary>
            public Dictionary<string, int> WriteAfter { get; } = new Dictionary<string, int>();

            public SuspensionOrder Order { get; } = new SuspensionOrder();

            private readonly NameReceivers _readReceivers = new NameReceivers();
            private readonly NameReceivers _writeReceivers = new NameReceivers();
            private readonly List<string> _writers = new List<string>();
            private readonly List<string> _readers = new List<string>();

            /// <summary>
            /// True when a member written through one of <paramref name="writers"/> and read through one of
            /// <paramref name="readers"/> may be the same state. Two receivers are told apart only when both are
            /// variables of the block, or one is this (or bare) and the other a variable: the resolver roots those at
            /// different variables. Any other pair may meet (fields, properties, type names, aliases).
            /// </summary>
            public bool ReceiversMeet(string written, string readName, List<string>? readThrough)
            {
                _writers.Clear();
                _writeReceivers.CopyTo(written, _writers);
                _readers.Clear();
                _readReceivers.CopyTo(readName, _readers);
                foreach (var member in readThrough ?? (IEnumerable<string>)Array.Empty<string>())
                {
                    _readReceivers.CopyTo(member, _readers);
                }

                foreach (var writer in _writers)
                {
                    foreach (var reader in _readers)
                    {
                        if (!Apart(writer, reader))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private bool Apart(string one, string other)
                => one != AnyReceiver && other != AnyReceiver && one != other
                    && (IsVariable(one) || one == ThisReceiver) && (IsVariable(other) || other == ThisReceiver)
                    && (IsVariable(one) || IsVariable(other));

            private bool IsVariable(string receiver) => receiver != ThisReceiver && receiver != AnyReceiver && Declared.Contains(receiver);

            /// <summary>Locals and parameters declared in the block.</summary>
            public HashSet<string> Declared { get; } = new HashSet<string>();

            /// <summary>Every name used inside a lambda or local function of the block.</summary>
            public HashSet<string> InFunctions { get; } = new HashSet<string>();

            public bool Visit(SyntaxNode node)
            {
                Order.Visit(node);

                // A write happens when the node that makes it completes: every write it records sits at its end.
                _writeEnd = node.Span.End;
                switch (node)
                {
                    case VariableDeclaratorSyntax declarator when declarator.Parent?.Parent is not BaseFieldDeclarationSyntax:
                        Declared.Add(declarator.Identifier.ValueText);
                        return true;
                    case SingleVariableDesignationSyntax designation:
                        Declared.Add(designation.Identifier.ValueText);
                        return true;
                    case ForEachStatementSyntax loop:
                        Declared.Add(loop.Identifier.ValueText);
                        return true;
                    case CatchDeclarationSyntax caught:
                        Declared.Add(caught.Identifier.ValueText);
                        return true;
                    case ParameterSyntax parameter:
                        Declared.Add(parameter.Identifier.ValueText);
                        return true;
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                        foreach (var inner in node.DescendantNodes())
                        {
                            if (inner is SimpleNameSyntax used)
                            {
                                InFunctions.Add(used.Identifier.ValueText);
                            }
                        }

                        return true;
                    case AssignmentExpressionSyntax assignment:
                        if (assignment.Left is TupleExpressionSyntax or DeclarationExpressionSyntax)
                        {
                            // A deconstruction writes every reference inside its targets, receivers included.
                            AddEveryName(assignment.Left);
                            return true;
                        }

                        if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Right is not InitializerExpressionSyntax
                            && PlainTargetName(assignment.Left) is { } plain)
                        {
                            // The operation filter does not count the target of a plain assignment as a read.
                            _plainTargets.Add(plain);
                        }

                        return AddTarget(assignment.Left);
                    case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                        return AddTarget(prefix.Operand);
                    case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression):
                        return AddTarget(postfix.Operand);
                    case InvocationExpressionSyntax invocation:
                        return AddCollectionCall(invocation);
                    case InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.CollectionInitializerExpression):
                        // Its implicit Add calls have the new object as receiver, which resolves like this.
                        AddWrite(Written, This, AnyReceiver);
                        return true;
                    case ImplicitElementAccessSyntax:
                        AddWrite(Written, This, AnyReceiver);
                        AddRead(node.SpanStart, This, AnyReceiver);
                        return true;
                    case ThisExpressionSyntax:
                    case BaseExpressionSyntax:
                        if (UsedAsCollection((ExpressionSyntax)node))
                        {
                            AddRead(node.SpanStart, This, AnyReceiver);
                        }

                        return true;
                    case SimpleNameSyntax name when SyntaxFacts.IsInTypeOnlyContext(name):
                        // A type's name (a declaration's, a catch's, a cast's, a type argument) reads no state.
                        return true;
                    case SimpleNameSyntax name:
                        var text = name.Identifier.ValueText;
                        if (!_plainTargets.Contains(name))
                        {
                            AddRead(node.SpanStart, text, ReceiverOf(name));
                        }

                        // Count of a collection is read from its container; unqualified, that container is this.
                        if (text == "Count" && !IsQualified(name))
                        {
                            AddRead(node.SpanStart, This, AnyReceiver);
                        }

                        return true;
                    default:
                        return true;
                }
            }

            private void AddRead(int position, string name, string receiver)
            {
                Read.Add(name);
                _readReceivers.Add(name, receiver);
                var from = Order.ReadFrom(position);
                if (!ReadFrom.TryGetValue(name, out var earliest) || from < earliest)
                {
                    ReadFrom[name] = from;
                }
            }

            private void AddWrite(HashSet<string> names, string name, string receiver)
            {
                names.Add(name);
                _writeReceivers.Add(name, receiver);
                var after = Order.WriteAfter(_writeEnd);
                if (!WriteAfter.TryGetValue(name, out var latest) || after > latest)
                {
                    WriteAfter[name] = after;
                }
            }

            /// <summary>What a simple name is reached through: this (bare, <c>this.</c>, <c>base.</c>), a variable or member name, or any.</summary>
            private static string ReceiverOf(SimpleNameSyntax name)
                => name.Parent switch
                {
                    MemberAccessExpressionSyntax access when access.Name == name => ReceiverKey(access.Expression),
                    MemberBindingExpressionSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax => AnyReceiver,
                    _ => ThisReceiver,
                };

            private static string ReceiverKey(ExpressionSyntax receiver)
                => Unwrapped(receiver) switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    ThisExpressionSyntax or BaseExpressionSyntax => ThisReceiver,
                    MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax, Name: IdentifierNameSyntax member } => member.Identifier.ValueText,
                    _ => AnyReceiver,
                };

            private static SimpleNameSyntax? PlainTargetName(ExpressionSyntax target)
                => target.WithoutParentheses() switch
                {
                    IdentifierNameSyntax identifier => identifier,
                    MemberAccessExpressionSyntax access => access.Name,
                    _ => null,
                };

            /// <summary>Records what an assignment or increment target writes; false when it cannot be named.</summary>
            private bool AddTarget(ExpressionSyntax target)
            {
                switch (target.WithoutParentheses())
                {
                    case SimpleNameSyntax name:
                        AddWrite(WrittenBare, name.Identifier.ValueText, ThisReceiver);
                        if (name.Identifier.ValueText == "Count")
                        {
                            AddWrite(Written, This, AnyReceiver);
                        }

                        return true;
                    case MemberAccessExpressionSyntax access:
                        AddWrite(Written, access.Name.Identifier.ValueText, ReceiverKey(access.Expression));
                        return access.Name.Identifier.ValueText != "Count" || AddContainer(access.Expression);
                    case MemberBindingExpressionSyntax binding:
                        AddWrite(Written, binding.Name.Identifier.ValueText, AnyReceiver);
                        return true;
                    case ElementAccessExpressionSyntax element:
                        return AddContainer(element.Expression);
                    case ImplicitElementAccessSyntax:
                        AddWrite(Written, This, AnyReceiver);
                        return true;
                    default:
                        return false;
                }
            }

            /// <summary>Records the container a collection call or an element write changes; false when it cannot be named.</summary>
            private bool AddContainer(ExpressionSyntax container)
            {
                switch (Unwrapped(container))
                {
                    case SimpleNameSyntax name:
                        AddWrite(Written, name.Identifier.ValueText, ThisReceiver);
                        return true;
                    case MemberAccessExpressionSyntax access:
                        AddWrite(Written, access.Name.Identifier.ValueText, ReceiverKey(access.Expression));
                        return true;
                    case MemberBindingExpressionSyntax binding:
                        AddWrite(Written, binding.Name.Identifier.ValueText, AnyReceiver);
                        return true;
                    case ThisExpressionSyntax:
                    case BaseExpressionSyntax:
                        AddWrite(Written, This, AnyReceiver);
                        return true;
                    case ElementAccessExpressionSyntax:
                    case InvocationExpressionSyntax:
                    case BaseObjectCreationExpressionSyntax:
                    case LiteralExpressionSyntax:
                    case AwaitExpressionSyntax:
                    case ConditionalAccessExpressionSyntax:
                        // No access path starts here: the resolver names no state for these.
                        return true;
                    default:
                        return false;
                }
            }

            /// <summary>Records the container a collection method may change; false when it cannot be named.</summary>
            private bool AddCollectionCall(InvocationExpressionSyntax invocation)
            {
                switch (invocation.Expression)
                {
                    case MemberAccessExpressionSyntax access
                        when CollectionMethods.Classify(access.Name.Identifier.ValueText, out _) == CollectionMethodKind.Write:
                        return AddContainer(access.Expression);
                    case SimpleNameSyntax name when CollectionMethods.Classify(name.Identifier.ValueText, out _) is var kind && kind != CollectionMethodKind.None:
                        // A collection call on this object (a type deriving from a collection).
                        AddRead(invocation.SpanStart, This, AnyReceiver);
                        if (kind == CollectionMethodKind.Write)
                        {
                            AddWrite(Written, This, AnyReceiver);
                        }

                        return true;
                    default:
                        // A call through ?. has no access path to a container (the resolver names none).
                        return true;
                }
            }

            /// <summary>Deconstruction targets: every name, and this when an element or Count of this may be among them.</summary>
            private void AddEveryName(ExpressionSyntax targets)
            {
                foreach (var node in targets.DescendantNodesAndSelf())
                {
                    switch (node)
                    {
                        case SimpleNameSyntax name when IsQualified(name):
                            AddWrite(Written, name.Identifier.ValueText, ReceiverOf(name));
                            break;
                        case SimpleNameSyntax name:
                            AddWrite(WrittenBare, name.Identifier.ValueText, ThisReceiver);
                            if (name.Identifier.ValueText == "Count")
                            {
                                AddWrite(Written, This, AnyReceiver);
                            }

                            break;
                        case SingleVariableDesignationSyntax variable:
                            AddWrite(WrittenBare, variable.Identifier.ValueText, ThisReceiver);
                            break;
                        case ThisExpressionSyntax:
                        case BaseExpressionSyntax:
                        case ImplicitElementAccessSyntax:
                            AddWrite(Written, This, AnyReceiver);
                            break;
                    }
                }
            }

            /// <summary>
            /// True when this (or base) may be read as a collection: indexed, asked its Count, the receiver of a
            /// collection method, or passed on (as the source of a LINQ call).
            /// </summary>
            private static bool UsedAsCollection(ExpressionSyntax self)
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

            private static bool IsQualified(SimpleNameSyntax name)
                => (name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
                    || (name.Parent is MemberBindingExpressionSyntax binding && binding.Name == name)
                    || (name.Parent is QualifiedNameSyntax qualified && qualified.Right == name);

            /// <summary>Strips what the resolver sees through: parentheses, casts, <c>as</c> and <c>!</c>.</summary>
            private static ExpressionSyntax Unwrapped(ExpressionSyntax expression)
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
    
        /// <summary>The receivers each name was used through: the first one per name, and the rare others in one set.</summary>
        private sealed class NameReceivers
        {
            private readonly Dictionary<string, string> _first = new Dictionary<string, string>();
            private HashSet<(string Name, string Receiver)>? _others;

            public void Add(string name, string receiver)
            {
                if (!_first.TryGetValue(name, out var first))
                {
                    _first.Add(name, receiver);
                }
                else if (first != receiver)
                {
                    (_others ??= new HashSet<(string Name, string Receiver)>()).Add((name, receiver));
                }
            }

            public void CopyTo(string name, List<string> receivers)
            {
                if (!_first.TryGetValue(name, out var first))
                {
                    return;
                }

                receivers.Add(first);
                foreach (var other in _others ?? (IEnumerable<(string Name, string Receiver)>)Array.Empty<(string, string)>())
                {
                    if (other.Name == name)
                    {
                        receivers.Add(other.Receiver);
                    }
                }
            }
        }
}
}
