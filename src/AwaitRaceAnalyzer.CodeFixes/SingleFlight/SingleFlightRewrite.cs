using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AwaitRaceAnalyzer.CodeFixes.SemaphoreSlim;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AwaitRaceAnalyzer.CodeFixes.SingleFlight
{
    /// <summary>
    /// "Share one load" for an async lazy initialisation of a field or property (AWR003): concurrent callers await one
    /// in-flight load instead of each starting their own. The state keeps its type for the rest of the class; a
    /// companion <c>Task&lt;T&gt;</c> field caches the load, published with <c>Interlocked.CompareExchange</c> so only one
    /// caller starts it on any scheduler, and cleared when the load fails so the next caller retries. A helper named
    /// after the state stores the loaded value, so the call site no longer writes the state:
    /// <code>
    /// _config ??= await LoadConfigAsync();          →  _config ?? await LoadConfigOnceAsync(() => LoadConfigAsync())
    /// if (_x == null) _x = await F();                →  if (_x == null) await LoadXOnceAsync(() => F());
    /// var v = await F(); _x = v;                     →  var v = await LoadXOnceAsync(() => F());
    /// </code>
    /// Not offered for elements and collections, for structs, when the stored value is not exactly the awaited
    /// <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c> result, or when the load uses something a lambda cannot capture.
    /// </summary>
    internal sealed class SingleFlightRewrite : IFixPlan
    {
        private readonly Shape _shape;
        private readonly AssignmentExpressionSyntax _write;
        private readonly AwaitExpressionSyntax _await;
        private readonly ExpressionSyntax _load;
        private readonly bool _loadIsValueTask;
        private readonly ArgumentListSyntax? _configureAwait;
        private readonly ISymbol _state;
        private readonly ITypeSymbol _valueType;
        private readonly TypeDeclarationSyntax _type;
        private readonly MemberDeclarationSyntax _member;
        private readonly SyntaxNode? _stateDeclaration;
        private readonly INamedTypeSymbol _containingType;
        private readonly bool _annotations;

        private SingleFlightRewrite(Shape shape, AssignmentExpressionSyntax write, AwaitExpressionSyntax await, ExpressionSyntax load, bool loadIsValueTask, ArgumentListSyntax? configureAwait, ISymbol state, ITypeSymbol valueType, TypeDeclarationSyntax type, MemberDeclarationSyntax member, SyntaxNode? stateDeclaration, INamedTypeSymbol containingType, bool annotations)
        {
            _shape = shape;
            _write = write;
            _await = await;
            _load = load;
            _loadIsValueTask = loadIsValueTask;
            _configureAwait = configureAwait;
            _state = state;
            _valueType = valueType;
            _type = type;
            _member = member;
            _stateDeclaration = stateDeclaration;
            _containingType = containingType;
            _annotations = annotations;
        }

        private enum Shape
        {
            /// <summary><c>x = await L()</c>: the assignment becomes the awaited helper call.</summary>
            Assign,

            /// <summary><c>x ??= await L()</c>: <c>x ?? await helper</c>, or <c>if (x is null) await helper;</c> as a statement.</summary>
            Coalesce,

            /// <summary><c>var v = await L(); … x = v;</c>: the await calls the helper, the statement storing <c>v</c> goes.</summary>
            ViaLocal,
        }

        public static SingleFlightRewrite? TryPlan(DiagnosticNodes nodes, SemanticModel model, CancellationToken cancellationToken)
        {
            if (nodes.Diagnostic.Id != DiagnosticIds.LazyInitialization
                || nodes.Write is not AssignmentExpressionSyntax write
                || !(write.IsKind(SyntaxKind.SimpleAssignmentExpression) || write.IsKind(SyntaxKind.CoalesceAssignmentExpression))
                || nodes.Suspension is not AwaitExpressionSyntax await
                || write.Left is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }))
            {
                return null;
            }

            var state = model.GetSymbolInfo(write.Left, cancellationToken).Symbol;
            if (state is not (IFieldSymbol { IsConst: false, IsReadOnly: false } or IPropertySymbol { IsIndexer: false, IsReadOnly: false })
                || write.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not ClassDeclarationSyntax and not RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: not (int)SyntaxKind.StructKeyword }
                || write.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type
                || model.GetDeclaredSymbol(type, cancellationToken) is not INamedTypeSymbol containingType
                || !SymbolEqualityComparer.Default.Equals(state.ContainingType, containingType)
                || type.Members.FirstOrDefault(m => m.Span.Contains(write.Span)) is not { } member)
            {
                return null;
            }

            // Which shape stores the awaited value?
            Shape shape;
            var right = SyntaxWalks.WithoutParentheses(write.Right);
            if (right == await)
            {
                shape = write.IsKind(SyntaxKind.CoalesceAssignmentExpression) ? Shape.Coalesce : Shape.Assign;
            }
            else if (write.IsKind(SyntaxKind.SimpleAssignmentExpression)
                && right is IdentifierNameSyntax local
                && model.GetSymbolInfo(local, cancellationToken).Symbol is ILocalSymbol localSymbol
                && write.Parent is ExpressionStatementSyntax { Parent: BlockSyntax block } writeStatement
                && await.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                && SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(declarator, cancellationToken), localSymbol)
                && declarator.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is { } declaration
                && declaration.Parent == block
                && block.Statements.IndexOf(declaration) < block.Statements.IndexOf(writeStatement)
                && !block.Statements.Skip(block.Statements.IndexOf(declaration) + 1).Take(block.Statements.IndexOf(writeStatement) - block.Statements.IndexOf(declaration) - 1)
                    .Any(s => SyntaxFacts.RefersTo(s, state, model, cancellationToken)))
            {
                shape = Shape.ViaLocal;
            }
            else
            {
                return null;
            }

            // The load: the awaited Task<T> or ValueTask<T>, without its ConfigureAwait.
            var load = await.Expression;
            ArgumentListSyntax? configureAwait = null;
            if (load is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: Infrastructure.WellKnownNames.ConfigureAwait } configured } configuredCall)
            {
                load = configured.Expression;
                configureAwait = configuredCall.ArgumentList;
            }

            var task = model.Compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            var valueTask = model.Compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
            if (model.GetTypeInfo(load, cancellationToken).Type is not INamedTypeSymbol { IsGenericType: true } loadType
                || !(SymbolEqualityComparer.Default.Equals(loadType.OriginalDefinition, task) || SymbolEqualityComparer.Default.Equals(loadType.OriginalDefinition, valueTask))
                || !CanBeNamed(loadType.TypeArguments[0])
                || load.DescendantNodesAndSelf().Any(n => n is AwaitExpressionSyntax)
                || load.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => model.GetSymbolInfo(id, cancellationToken).Symbol is IParameterSymbol { RefKind: not RefKind.None } or ILocalSymbol { IsRef: true } or ILocalSymbol { Type.IsRefLikeType: true } or IParameterSymbol { Type.IsRefLikeType: true }))
            {
                return null;
            }

            if (model.Compilation.GetTypeByMetadataName("System.Threading.Interlocked") is null
                || model.Compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskCompletionSource`1") is null)
            {
                return null;
            }

            var stateDeclaration = state.DeclaringSyntaxReferences
                .Select(reference => reference.GetSyntax(cancellationToken).FirstAncestorOrSelf<MemberDeclarationSyntax>())
                .FirstOrDefault(declared => declared?.Parent == type);
            var annotations = (model.GetNullableContext(write.SpanStart) & Microsoft.CodeAnalysis.NullableContext.AnnotationsEnabled) != 0;
            return new SingleFlightRewrite(shape, write, await, load, SymbolEqualityComparer.Default.Equals(loadType.OriginalDefinition, valueTask), configureAwait, state, loadType.TypeArguments[0], type, member, stateDeclaration, containingType, annotations);
        }

        private static bool CanBeNamed(ITypeSymbol type)
            => type.TypeKind != TypeKind.Error
                && !type.IsAnonymousType
                && !(type is INamedTypeSymbol named && named.TypeArguments.Any(argument => !CanBeNamed(argument)))
                && !(type is IArrayTypeSymbol array && !CanBeNamed(array.ElementType));

        public void Apply(DocumentEditSession session)
        {
            var editor = session.Editor;
            var names = Declare(session);
            if (names is null)
            {
                return;
            }

            // The call of the helper that replaces the await: await LoadXOnceAsync(() => load)[.ConfigureAwait(…)].
            var loadBody = _loadIsValueTask
                ? SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(_load), SyntaxFactory.IdentifierName("AsTask")))
                : _load.WithoutTrivia();
            ExpressionSyntax call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.IdentifierName(names.Value.Helper),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                    SyntaxFactory.ParenthesizedLambdaExpression(SyntaxFactory.ParameterList(), loadBody)))));
            if (_configureAwait is not null)
            {
                call = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, call, SyntaxFactory.IdentifierName(Infrastructure.WellKnownNames.ConfigureAwait)),
                    _configureAwait);
            }

            var awaitCall = SyntaxFactory.AwaitExpression(call);
            switch (_shape)
            {
                case Shape.Assign:
                    editor.ReplaceNode(_write, Parenthesize(awaitCall).WithTriviaFrom(_write).WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation));
                    break;
                case Shape.Coalesce when _write.Parent is ExpressionStatementSyntax statement:
                    var test = SyntaxFactory.IsPatternExpression(_write.Left.WithoutTrivia(), SyntaxFactory.ConstantPattern(SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression)));
                    editor.ReplaceNode(statement, SyntaxFactory.IfStatement(test, SyntaxFactory.Block(SyntaxFactory.ExpressionStatement(awaitCall)))
                        .WithTriviaFrom(statement)
                        .WithAdditionalAnnotations(Formatter.Annotation));
                    break;
                case Shape.Coalesce:
                    var coalesce = SyntaxFactory.BinaryExpression(SyntaxKind.CoalesceExpression, _write.Left.WithoutTrivia(), awaitCall);
                    editor.ReplaceNode(_write, Parenthesize(coalesce).WithTriviaFrom(_write).WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation));
                    break;
                case Shape.ViaLocal:
                    editor.ReplaceNode(_await, awaitCall.WithTriviaFrom(_await));
                    if (session.Removed.Add(_write.Parent!))
                    {
                        StatementRemoval.Remove(editor, _write.Parent!);
                    }

                    break;
            }
        }

        /// <summary>
        /// Adds, once per document, the <c>using</c> directives the helper needs (System, System.Threading,
        /// System.Threading.Tasks) that are not in scope already (also through global usings), in sorted position.
        /// </summary>
        private void AddMissingImports(DocumentEditSession session)
        {
            if (session.Declared.ContainsKey("singleflight:imports"))
            {
                return;
            }

            session.Declared.Add("singleflight:imports", true);
            var model = session.Model;
            var missing = new List<string>();
            foreach (var (ns, typeName, metadataName) in new[]
            {
                ("System", "Func", "System.Func`1"),
                ("System.Threading", "Interlocked", "System.Threading.Interlocked"),
                ("System.Threading.Tasks", "TaskCompletionSource", "System.Threading.Tasks.TaskCompletionSource`1"),
            })
            {
                var wanted = model.Compilation.GetTypeByMetadataName(metadataName);
                var inScope = model.LookupNamespacesAndTypes(_member.SpanStart, name: typeName)
                    .Any(symbol => SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition, wanted));
                if (!inScope)
                {
                    missing.Add(ns);
                }
            }

            if (missing.Count == 0 || _type.SyntaxTree.GetRoot() is not CompilationUnitSyntax root)
            {
                return;
            }

            var endOfLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            var newLine = endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.EndOfLine("\n");
            session.Editor.ReplaceNode(root, (current, _) =>
            {
                var unit = (CompilationUnitSyntax)current;
                var usings = unit.Usings.ToList();
                foreach (var ns in missing)
                {
                    var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns)).NormalizeWhitespace().WithTrailingTrivia(newLine);
                    var index = usings.FindIndex(u => u.StaticKeyword.IsKind(SyntaxKind.None) && u.Alias is null && string.CompareOrdinal(u.Name?.ToString(), ns) > 0);
                    if (index < 0)
                    {
                        index = usings.FindLastIndex(u => u.StaticKeyword.IsKind(SyntaxKind.None) && u.Alias is null) + 1;
                    }

                    if (index == 0 && usings.Count > 0)
                    {
                        // Keep the file's leading trivia (a header, #nullable) above the first directive.
                        directive = directive.WithLeadingTrivia(usings[0].GetLeadingTrivia());
                        usings[0] = usings[0].WithoutLeadingTrivia();
                    }

                    usings.Insert(index, directive);
                }

                return unit.WithUsings(SyntaxFactory.List(usings));
            });
        }

        /// <summary>Fully qualified names shrink and get their <c>using</c> directive; the member is formatted.</summary>
        private static MemberDeclarationSyntax Annotate(MemberDeclarationSyntax member)
        {
            var qualified = member.DescendantNodes().Where(node => node is QualifiedNameSyntax or AliasQualifiedNameSyntax or MemberAccessExpressionSyntax
                && node.Parent is not (QualifiedNameSyntax or MemberAccessExpressionSyntax)
                && node.ToString().StartsWith("global::", System.StringComparison.Ordinal));
            return member.ReplaceNodes(qualified, (_, current) => current.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation))
                .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
        }

        private static ExpressionSyntax Parenthesize(ExpressionSyntax expression)
            => SyntaxFactory.ParenthesizedExpression(expression.WithoutTrivia()).WithAdditionalAnnotations(Simplifier.Annotation);

        /// <summary>Declares the companion field and the helper once per state and document; null when another load type took them.</summary>
        private (string Field, string Helper)? Declare(DocumentEditSession session)
        {
            var key = "singleflight:" + _type.SpanStart + ":" + _state.Name;
            var typeText = _valueType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            if (session.Declared.TryGetValue(key, out var existing))
            {
                var (existingField, existingHelper, declaredType) = ((string, string, string))existing;
                return declaredType == typeText ? (existingField, existingHelper) : null;
            }

            var taken = new HashSet<string>(session.Declared.Values.OfType<(string, string, string)>().SelectMany(v => new[] { v.Item1, v.Item2 }));
            bool IsTaken(string name) => taken.Contains(name) || !_containingType.GetMembers(name).IsEmpty;
            var isStatic = _state.IsStatic;
            var prefix = _state is IFieldSymbol { IsStatic: true } && _state.Name.StartsWith("s_", System.StringComparison.Ordinal) ? "s_" : "_";
            var camel = GateNaming.CamelCase(_state.Name);
            var fieldName = UniqueNames.Pick(prefix + camel + "Load", IsTaken);
            var helperName = UniqueNames.Pick("Load" + char.ToUpperInvariant(camel[0]) + camel.Substring(1) + "OnceAsync", IsTaken);
            session.Declared.Add(key, (fieldName, helperName, typeText));

            var nullable = _annotations ? "?" : string.Empty;
            var staticModifier = isStatic ? "static " : string.Empty;
            var stateAccess = _state.Name;
            var configure = _configureAwait is null ? string.Empty : ".ConfigureAwait(false)";
            var field = SyntaxFactory.ParseMemberDeclaration(
                $"private {staticModifier}global::System.Threading.Tasks.Task<{typeText}>{nullable} {fieldName};\n")!;
            var helperText = $@"
private {staticModifier}async global::System.Threading.Tasks.Task<{typeText}> {helperName}(global::System.Func<global::System.Threading.Tasks.Task<{typeText}>> load)
{{
    // One load for all concurrent callers: the first publishes its task, the others await it.
    var claim = new global::System.Threading.Tasks.TaskCompletionSource<{typeText}>(global::System.Threading.Tasks.TaskCreationOptions.RunContinuationsAsynchronously);
    var running = global::System.Threading.Interlocked.CompareExchange(ref {fieldName}, claim.Task, null);
    if (running != null)
    {{
        return await running{configure};
    }}

    try
    {{
        var value = await load(){configure};
        {stateAccess} = value;
        claim.SetResult(value);
        return value;
    }}
    catch (global::System.Exception exception)
    {{
        // A failed load is not kept: the next caller starts a new one.
        global::System.Threading.Volatile.Write(ref {fieldName}, null);
        claim.SetException(exception);
        throw;
    }}
}}
";
            var helper = SyntaxFactory.ParseMemberDeclaration(helperText)!;
            field = Annotate(field);
            helper = Annotate(helper);

            var editor = session.Editor;
            if (_stateDeclaration is not null)
            {
                editor.InsertAfter(_stateDeclaration, field);
            }
            else
            {
                editor.InsertMembers(_type, 0, new[] { field });
            }

            editor.InsertAfter(_member, helper);
            AddMissingImports(session);
            return (fieldName, helperName);
        }
    }
}
