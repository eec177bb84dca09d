using System;
using System.Collections.Generic;
using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwaitRaceAnalyzer.Filters
{
    /// <summary>
    /// The names one walk over a code block collects for <see cref="SyntaxOverlapFilter"/>: what it declares, writes
    /// and reads, through which receivers, and where (<see cref="SuspensionOrder"/>). <see cref="Visit"/> returns false
    /// for a shape it cannot name. Reused per thread (<see cref="PerThread{T}"/>): a candidate block fills a dozen sets.
    /// </summary>
    internal sealed partial class BlockNames : IReusable
    {
        private const int MaxNamesKept = 1024;

        /// <summary>Stands for state rooted at <c>this</c> itself (a collection type's own contents).</summary>
        private const string This = "this";

        /// <summary>The receiver of a bare name, or of one reached through <c>this.</c> or <c>base.</c>.</summary>
        private const string ThisReceiver = ReceiverSyntax.ThisReceiver;

        /// <summary>A receiver the filter cannot name (a call, an element, a longer path): it may meet any other.</summary>
        private const string AnyReceiver = ReceiverSyntax.AnyReceiver;

        /// <summary>Where each plain assignment target's name starts: a name is told by its position, cheaper to hash than the node.</summary>
        private readonly HashSet<int> _plainTargets = new HashSet<int>();
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

        public bool Clear()
        {
            if (Read.Count > MaxNamesKept)
            {
                return false;
            }

            _plainTargets.Clear();
            _writeEnd = 0;
            Written.Clear();
            WrittenBare.Clear();
            Read.Clear();
            ReadFrom.Clear();
            WriteAfter.Clear();
            Order.Clear();
            _readReceivers.Clear();
            _writeReceivers.Clear();
            _writers.Clear();
            _readers.Clear();
            Declared.Clear();
            DeclaresFunctions = false;
            Captured.Clear();
            return true;
        }

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

        /// <summary>True when every write recorded under <paramref name="name"/> goes through the bare name (or <c>this.</c>).</summary>
        public bool WrittenOnlyBare(string name)
        {
            _writers.Clear();
            _writeReceivers.CopyTo(name, _writers);
            foreach (var writer in _writers)
            {
                if (writer != ThisReceiver)
                {
                    return false;
                }
            }

            return true;
        }

        private bool Apart(string one, string other)
            => one != AnyReceiver && other != AnyReceiver && one != other
                && (IsVariable(one) || one == ThisReceiver) && (IsVariable(other) || other == ThisReceiver)
                && (IsVariable(one) || IsVariable(other));

        private bool IsVariable(string receiver) => receiver != ThisReceiver && receiver != AnyReceiver && Declared.Contains(receiver);

        /// <summary>Locals and parameters declared in the block.</summary>
        public HashSet<string> Declared { get; } = new HashSet<string>();

        /// <summary>Whether the block has a lambda, local function or query (<see cref="CapturedNames.IsFunction"/>).</summary>
        public bool DeclaresFunctions { get; private set; }

        /// <summary>Room for <see cref="CapturedNames.Find"/>, filled only for blocks that need it.</summary>
        public HashSet<string> Captured { get; } = new HashSet<string>();

        public bool Visit(SyntaxNode node)
        {
            Order.Visit(node);

            // A write happens when the node that makes it completes: every write it records sits at its end.
            _writeEnd = node.Span.End;
            if (SyntaxWalks.DeclaredName(node) is { } declared)
            {
                // A field's declarator (the block of a field declaration) declares no variable of the block.
                if (node is not VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax })
                {
                    Declared.Add(declared);
                }

                return true;
            }

            DeclaresFunctions |= CapturedNames.IsFunction(node);
            switch (node)
            {
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
                        _plainTargets.Add(plain.SpanStart);
                    }

                    return AddTarget(assignment.Left);
                case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                    return AddTarget(prefix.Operand);
                case PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression):
                    return AddTarget(postfix.Operand);
                case InvocationExpressionSyntax invocation:
                    AddHelperWrites(invocation);
                    return AddCollectionCall(invocation);
                case ArgumentSyntax argument when AtomicStores.IsStoredArgument(argument):
                    return AddTarget(argument.Expression);
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
                    if (ReceiverSyntax.UsedAsCollection((ExpressionSyntax)node))
                    {
                        AddRead(node.SpanStart, This, AnyReceiver);
                    }

                    return true;
                case SimpleNameSyntax name when SyntaxFacts.IsInTypeOnlyContext(name):
                    // A type's name (a declaration's, a catch's, a cast's, a type argument) reads no state.
                    return true;
                case SimpleNameSyntax name:
                    var text = name.Identifier.ValueText;
                    if (!_plainTargets.Contains(name.SpanStart))
                    {
                        AddRead(node.SpanStart, text, ReceiverSyntax.ReceiverOf(name));
                    }

                    // Count of a collection is read from its container; unqualified, that container is this.
                    if (text == "Count" && !ReceiverSyntax.IsQualified(name))
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
                    AddWrite(Written, access.Name.Identifier.ValueText, ReceiverSyntax.ReceiverKey(access.Expression));
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
            switch (ReceiverSyntax.Unwrapped(container))
            {
                case SimpleNameSyntax name:
                    AddWrite(Written, name.Identifier.ValueText, ThisReceiver);
                    return true;
                case MemberAccessExpressionSyntax access:
                    AddWrite(Written, access.Name.Identifier.ValueText, ReceiverSyntax.ReceiverKey(access.Expression));
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

        /// <summary>Records the container a collection method or a status action may change; false when it cannot be named.</summary>
        private bool AddCollectionCall(InvocationExpressionSyntax invocation)
        {
            switch (invocation.Expression)
            {
                case MemberAccessExpressionSyntax access
                    when CollectionMethods.Classify(access.Name.Identifier.ValueText, out _) == CollectionMethodKind.Write:
                    return AddContainer(access.Expression);
                case MemberAccessExpressionSyntax access when ObjectStatus.ActionOfMethod(access.Name.Identifier.ValueText) is not null:
                    // client.Connect() writes the status client.IsConnected reports: only a block that reads a status
                    // of the same receiver can overlap (the receiver of the call itself is no such read).
                    var receiver = ReceiverSyntax.ReceiverKey(access.Expression);
                    foreach (var status in ObjectStatus.StatusProperties)
                    {
                        AddWrite(Written, status, receiver);
                    }

                    return true;
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
                    case SimpleNameSyntax name when ReceiverSyntax.IsQualified(name):
                        AddWrite(Written, name.Identifier.ValueText, ReceiverSyntax.ReceiverOf(name));
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
    }
}
