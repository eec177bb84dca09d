using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>
    /// Maps an operation that reads or writes something to the shared <see cref="StateLocation"/> it touches, or to
    /// null when it touches nothing that other tasks can see (plain locals, private objects, readonly fields,
    /// flow-local values such as <c>AsyncLocal&lt;T&gt;.Value</c>).
    /// </summary>
    internal sealed partial class StateLocationResolver
    {
        private readonly KnownSymbols _known;
        private readonly VariableSharing _sharing;
        private readonly AnalysisOptions _options;
        private readonly Func<CaptureId, IOperation?> _captureSource;
        private readonly Dictionary<IOperation, StateLocation?> _resolved = new Dictionary<IOperation, StateLocation?>();

        public StateLocationResolver(KnownSymbols known, VariableSharing sharing, AnalysisOptions options, Func<CaptureId, IOperation?> captureSource)
        {
            _known = known;
            _sharing = sharing;
            _options = options;
            _captureSource = captureSource;
        }

        /// <summary>The shared state that <paramref name="reference"/> (a variable, member or element reference) denotes.</summary>
        /// <remarks>
        /// Kept per operation: the flow engine resolves the same reference on every pass over its block, and the
        /// answer depends only on the operation. Locals and parameters, most of the references asked about, are
        /// answered directly: their answer is one set lookup, cheaper than hashing the operation into the table.
        /// </remarks>
        public StateLocation? Resolve(IOperation reference)
        {
            switch (reference)
            {
                case ILocalReferenceOperation local:
                    return Variable(local.Local, reference);
                case IParameterReferenceOperation parameter:
                    return Variable(parameter.Parameter, reference);
            }

            if (!_resolved.TryGetValue(reference, out var location))
            {
                location = ResolveUncached(reference);
                _resolved.Add(reference, location);
            }

            return location;
        }

        private StateLocation? ResolveUncached(IOperation reference)
        {
            var operation = Unwrap(reference);
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return Variable(local.Local, operation);
                case IParameterReferenceOperation parameter:
                    return Variable(parameter.Parameter, operation);
                case IFieldReferenceOperation field:
                    return field.Field.IsConst || field.Field.IsReadOnly ? null : Member(operation);
                case IPropertyReferenceOperation property when property.Arguments.Length == 0
                    && ObjectStatus.ActionOfStatus(property.Property.Name) is { } action && Status(property.Instance, action) is { } status:
                    return status;
                case IPropertyReferenceOperation property when property.Arguments.Length > 0:
                    return Element(property.Instance, property.Arguments[0].Value, operation);
                case IPropertyReferenceOperation property:
                    if (IsCollectionCount(property))
                    {
                        return Element(property.Instance, null, operation);
                    }

                    if (_known.Accessors.FieldOf(property.Property) is { } backing)
                    {
                        // A property whose accessors only return and assign a field is that field.
                        return FieldThrough(property.Instance, backing, operation);
                    }

                    return property.Property.SetMethod is null || IsFlowLocal(property.Property) ? null : Member(operation);
                case IArrayElementReferenceOperation element:
                    return Element(element.ArrayReference, element.Indices.Length == 1 ? element.Indices[0] : null, operation);
                case IInvalidOperation when UnboundAccess.Of(operation) is { } unbound:
                    return unbound.IsElementAccess ? Element(unbound.Receiver, unbound.Key, operation)
                        : unbound.Member is { } member && ObjectStatus.ActionOfStatus(member) is { } unboundAction ? Status(unbound.Receiver, unboundAction)
                        : null;
                default:
                    return null;
            }
        }

        /// <summary>Classifies a call on a shared collection (<c>ContainsKey</c>, <c>Add</c>, ...) as a read or a write of its contents.</summary>
        public StateLocation? ResolveCollectionCall(IInvocationOperation invocation, out bool isWrite)
        {
            isWrite = false;
            var collection = invocation.Instance;
            var firstArgument = 0;
            if (collection is null && invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0)
            {
                // LINQ reads such as _items.Any() or _items.Contains(x): the collection is the first argument.
                collection = invocation.Arguments[0].Value;
                firstArgument = 1;
            }

            if (collection is not null && firstArgument == 1)
            {
                // _listeners.Where(p).FirstOrDefault(): the lookup reads the collection under the view.
                collection = CollectionViews.Underlying(collection);
            }

            var key = invocation.Arguments.Length > firstArgument ? invocation.Arguments[firstArgument].Value : null;
            return CollectionCall(collection, invocation.TargetMethod.Name, key, mayWrite: firstArgument == 0, out isWrite);
        }

        /// <summary>The same for a collection call that does not bind because an argument does not (<see cref="UnboundAccess"/>).</summary>
        public StateLocation? ResolveCollectionCall(UnboundAccess call, out bool isWrite)
        {
            isWrite = false;
            return call.Method is { } name ? CollectionCall(call.Receiver, name, call.Key, mayWrite: true, out isWrite) : null;
        }

        /// <summary>
        /// The contents of <paramref name="collection"/> that <paramref name="method"/> reads or writes (the element of
        /// <paramref name="key"/> when the method takes one); a LINQ call (<paramref name="mayWrite"/> false) only reads.
        /// </summary>
        private StateLocation? CollectionCall(IOperation? collection, string method, IOperation? key, bool mayWrite, out bool isWrite)
        {
            isWrite = false;
            if (collection is null || !KnownSymbols.Implements(collection.Type, _known.Enumerable))
            {
                return null;
            }

            var kind = CollectionMethods.Classify(method, out var takesKey);
            if (kind == CollectionMethodKind.None)
            {
                return null;
            }

            isWrite = kind == CollectionMethodKind.Write && mayWrite;
            return Element(collection, takesKey ? key : null, collection);
        }

        /// <summary>A call of a parameterless method that only returns a field (<c>GetCount() => _count</c>): a read of that field.</summary>
        public StateLocation? ResolveTrivialGetterCall(IInvocationOperation invocation)
            => invocation.Arguments.Length == 0 && _known.Accessors.FieldReadBy(invocation.TargetMethod) is { } field
                ? FieldThrough(invocation.Instance, field, invocation)
                : null;

        private StateLocation? MemberThrough(IOperation? instance, ISymbol member, IOperation operation)
            => member switch
            {
                IFieldSymbol field => FieldThrough(instance, field, operation),
                IPropertySymbol property when property.SetMethod is not null && !IsFlowLocal(property) => PropertyThrough(instance, property, operation),
                _ => null,
            };

        private StateLocation? PropertyThrough(IOperation? instance, IPropertySymbol property, IOperation operation)
        {
            if (_known.Accessors.FieldOf(property) is { } backing)
            {
                return FieldThrough(instance, backing, operation);
            }

            return MemberPath(instance, property, operation);
        }

        /// <summary>The field <paramref name="field"/> of the object <paramref name="instance"/> (or the type, when static).</summary>
        private StateLocation? FieldThrough(IOperation? instance, IFieldSymbol field, IOperation operation)
        {
            if (field.IsConst || field.IsReadOnly)
            {
                return null;
            }

            return MemberPath(instance, field, operation);
        }

        private StateLocation? MemberPath(IOperation? instance, ISymbol member, IOperation operation)
        {
            if (!_options.Includes(member) || (!member.IsStatic && _options.IsIgnored(member.ContainingType)))
            {
                return null;
            }

            var builder = ImmutableArray.CreateBuilder<ISymbol>();
            object root = member.ContainingType;
            var shared = _options.IncludeStatics;
            if (!member.IsStatic && !TryBuildPath(instance, builder, out root, out shared))
            {
                return null;
            }

            if (!shared)
            {
                return null;
            }

            builder.Add(member);
            var members = builder.ToImmutable();
            return new StateLocation(StateLocationKind.Member, root, members, null, () => DisplayOf(operation, root, members));
        }

        /// <summary>A path naming a lock object (a SemaphoreSlim field, say), whether or not it is writable.</summary>
        public StateLocation? ResolveLockObject(IOperation receiver)
        {
            var builder = ImmutableArray.CreateBuilder<ISymbol>();
            return TryBuildPath(receiver, builder, out var root, out _)
                ? new StateLocation(StateLocationKind.Member, root, builder.ToImmutable(), null, () => DisplayOf(receiver))
                : null;
        }

        public IOperation Unwrap(IOperation operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion:
                        operation = conversion.Operand;
                        continue;
                    case IFlowCaptureReferenceOperation capture when _captureSource(capture.Id) is { } source:
                        operation = source;
                        continue;
                    default:
                        return operation;
                }
            }
        }

        private StateLocation? Variable(ISymbol variable, IOperation operation)
            => _options.IncludeCapturedVariables && _sharing.IsWrittenByAnotherFlow(variable)
                ? new StateLocation(StateLocationKind.Variable, variable, ImmutableArray<ISymbol>.Empty, null, variable.Name)
                : null;

        private StateLocation? Member(IOperation operation)
        {
            var builder = ImmutableArray.CreateBuilder<ISymbol>();
            if (!TryBuildPath(operation, builder, out var root, out var shared) || !shared)
            {
                return null;
            }

            var member = builder[builder.Count - 1];
            if (!_options.Includes(member) || (!member.IsStatic && _options.IsIgnored(member.ContainingType)))
            {
                return null;
            }

            var members = builder.ToImmutable();
            return new StateLocation(StateLocationKind.Member, root, members, null, () => DisplayOf(operation, root, members));
        }

        private StateLocation? Element(IOperation? container, IOperation? key, IOperation operation)
        {
            if (container is null || !_options.IncludeElements || _options.IsIgnored(container.Type))
            {
                return null;
            }

            var builder = ImmutableArray.CreateBuilder<ISymbol>();
            if (!TryBuildPath(container, builder, out var root, out var shared) || !shared)
            {
                return null;
            }

            if (builder.Count > 0 && !builder[builder.Count - 1].IsStatic && _options.IsIgnored(builder[builder.Count - 1].ContainingType))
            {
                return null;
            }

            var members = builder.ToImmutable();
            return new StateLocation(StateLocationKind.Element, root, members, KeyOf(key), () => DisplayOf(operation, root, members));
        }

        /// <summary>
        /// Follows receivers back to a root. <paramref name="shared"/> tells whether the root object is visible to
        /// other tasks: <c>this</c> of a class, a type (statics), a reference-type parameter (unless every caller passes an object of its own), a captured variable, or
        /// a local that may alias any of these.
        /// </summary>
        private bool TryBuildPath(IOperation? operation, ImmutableArray<ISymbol>.Builder members, out object root, out bool shared)
        {
            root = StateLocation.ThisRoot;
            shared = false;
            if (operation is null)
            {
                return false;
            }

            switch (Unwrap(operation))
            {
                case IInstanceReferenceOperation instance:
                    shared = instance.Type is { IsValueType: false };
                    return true;
                case ILocalReferenceOperation local:
                    root = local.Local;
                    shared = _sharing.IsCaptured(local.Local)
                        || (local.Local.Type is { IsValueType: false } && !_sharing.HoldsPrivateObject(local.Local));
                    return true;
                case IParameterReferenceOperation parameter:
                    root = parameter.Parameter;
                    shared = _sharing.IsCaptured(parameter.Parameter)
                        || (parameter.Parameter.Type is { IsValueType: false } && !_known.Callers.AlwaysGetsCallersOwnObject(parameter.Parameter));
                    return true;
                case IFieldReferenceOperation field when field.Field.IsStatic:
                    root = field.Field.ContainingType;
                    shared = _options.IncludeStatics;
                    members.Add(field.Field);
                    return true;
                case IPropertyReferenceOperation property when property.Property.IsStatic && property.Arguments.Length == 0:
                    root = property.Property.ContainingType;
                    shared = _options.IncludeStatics;
                    members.Add(property.Property);
                    return true;
                case IFieldReferenceOperation field:
                    if (!TryBuildPath(field.Instance, members, out root, out shared))
                    {
                        return false;
                    }

                    members.Add(field.Field);
                    return true;
                case IPropertyReferenceOperation property when property.Arguments.Length == 0:
                    if (!TryBuildPath(property.Instance, members, out root, out shared))
                    {
                        return false;
                    }

                    members.Add(property.Property);
                    return true;
                default:
                    return false;
            }
        }

        private bool IsCollectionCount(IPropertyReferenceOperation property)
            => property.Property.Name == "Count"
                && property.Instance is not null
                && KnownSymbols.Implements(property.Instance.Type, _known.Enumerable);

        private bool IsFlowLocal(IPropertySymbol property)
            => KnownSymbols.Is(property.ContainingType, _known.AsyncLocal) || KnownSymbols.Is(property.ContainingType, _known.ThreadLocal);

        /// <summary>A stable name for an element key: a constant, a variable, a field or the text of a name that does not bind; null when unknown (any element).</summary>
        private object? KeyOf(IOperation? key)
        {
            if (key is null)
            {
                return null;
            }

            if (key.ConstantValue.HasValue)
            {
                return key.ConstantValue.Value ?? "null";
            }

            return Unwrap(key) switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IFieldReferenceOperation field => field.Field,
                _ => UnboundAccess.KeyName(key),
            };
        }

        private static string DisplayOf(IOperation operation) => DisplayText.Of(operation.Syntax.ToString());

        /// <summary>
        /// How messages name the state: the source text when it is just the access (<c>_map[key]</c>,
        /// <c>other.Total</c>), otherwise (a declaration, an initializer, an implicit access) the access path's names.
        /// </summary>
        private static string DisplayOf(IOperation operation, object root, ImmutableArray<ISymbol> members)
        {
            // A call that stands for the state (a helper's write, a trivial getter) is named by the state, not the call.
            if (!operation.IsImplicit && operation is not IInvocationOperation && operation.Syntax is ExpressionSyntax expression && IsAccessText(expression))
            {
                return DisplayOf(operation);
            }

            var names = new System.Collections.Generic.List<string>();
            if (root is ISymbol variable and not ITypeSymbol)
            {
                names.Add(variable.Name);
            }

            foreach (var member in members)
            {
                names.Add(member.Name);
            }

            return names.Count > 0 ? string.Join(".", names) : root == StateLocation.ThisRoot ? "this" : DisplayOf(operation);
        }

        private static bool IsAccessText(ExpressionSyntax expression)
            => expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or ElementAccessExpressionSyntax
                or ConditionalAccessExpressionSyntax or MemberBindingExpressionSyntax or ElementBindingExpressionSyntax
                or ThisExpressionSyntax or BaseExpressionSyntax or InvocationExpressionSyntax;
    }
}
