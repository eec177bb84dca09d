using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AwaitRaceAnalyzer.Concurrency
{
    /// <summary>
    /// The code in one tree that runs methods concurrently, and the calls it runs so: calls inside a delegate given to
    /// <c>Task.Run</c>, <c>TaskFactory.StartNew</c>, <c>Parallel.For/ForEach/ForEachAsync/Invoke</c>,
    /// <c>ThreadPool.QueueUserWorkItem</c>, <c>new Thread</c> or a timer; tasks that reach <c>Task.WhenAll/WhenAny</c>
    /// (a projection, a list or array filled in a loop, the arguments themselves); tasks started and discarded (<c>_ = M()</c>);
    /// async handlers of events (an async lambda or async method subscribed with <c>+=</c>), which a second raise runs again.
    /// Only calls that reach one object count (<see cref="SameObject"/>), and not those made under a lock the delegate
    /// takes around them.
    /// </summary>
    internal static class FanOutSites
    {
        /// <summary>
        /// Words one of which a tree's text must hold to be worth binding for fan-out: as written at the call sites, so
        /// that common words (a method named Run, a type named Timer) do not make every tree a candidate.
        /// </summary>
        public static readonly string[] TriggerWords = { "Task.Run", "StartNew", "Parallel.", "WhenAll", "WhenAny", "QueueUserWorkItem", "Thread(", "Timer(", "_ = ", "+= async", "async void" };

        /// <summary>In a tree that declares an async void method (one of <see cref="TriggerWords"/>), every <c>+=</c> may subscribe one by name.</summary>
        private const string AsyncMethodWord = "async void";

        private static readonly string[] SubscriptionWords = { "+=" };

        /// <summary>
        /// Adds the evidence of the fan-out sites in <paramref name="model"/>'s tree, where <paramref name="words"/> are
        /// the positions of the trigger words (the index found them); <paramref name="taskMethods"/> names the source
        /// methods that can return a task (<see cref="TaskMethodNames"/>), asked per name.
        /// </summary>
        public static void Collect(SemanticModel model, List<int> words, TaskMethodNames taskMethods, Action<IMethodSymbol, ConcurrencyEvidence> found, CancellationToken cancellationToken)
        {
            // Only the syntax around the trigger words is walked: a node is entered when one of them lies in it.
            var text = model.SyntaxTree.GetText(cancellationToken);
            if (words.Exists(position => TextSearch.OccursAt(text, position, AsyncMethodWord)))
            {
                // An async method may be subscribed by name (Changed += OnChanged): every += is a candidate.
                TextSearch.AddOccurrences(text, new TextSpan(0, text.Length), SubscriptionWords, words);
            }

            words.Sort();
            foreach (var node in model.SyntaxTree.GetRoot(cancellationToken).DescendantNodes(node => TextSearch.AnyWithin(words, node.FullSpan)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (node)
                {
                    case InvocationExpressionSyntax invocation:
                        CollectFromInvocation(invocation, model, found);
                        break;
                    case ObjectCreationExpressionSyntax creation when creation.ArgumentList is { } arguments
                        && NamesThreadOrTimer(creation.Type)
                        && model.GetTypeInfo(creation).Type is INamedTypeSymbol created
                        && created.ContainingNamespace?.ToDisplayString() is "System.Threading" or "System.Timers"
                        && created.Name is "Thread" or "Timer":
                        var how = created.Name == "Thread" ? "new Thread" : "a timer callback";
                        foreach (var argument in arguments.Arguments)
                        {
                            CollectDelegate(argument.Expression, how, creation, model, found);
                        }

                        break;
                    case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression, Right: var handler } subscription
                        when IsAsyncHandler(handler, taskMethods, model) && model.GetSymbolInfo(subscription.Left).Symbol is IEventSymbol raised:
                        // The raiser does not wait for an async handler: a second raise runs it again while the first
                        // run is suspended.
                        CollectDelegate(handler, "an async handler of " + raised.ContainingType.Name + "." + raised.Name, subscription, model, found);
                        break;
                    case AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" } discard, Right: var started }
                        when Unwrapped(started) is InvocationExpressionSyntax call && MayReturnTask(call, taskMethods)
                            && model.GetSymbolInfo(discard).Symbol is null or IDiscardSymbol
                            && IsAwaitable(model.GetTypeInfo(call).Type):
                        // A task discarded (checked by name before binding: most discards drop values, not tasks).
                        // In a loop, one task per iteration: the receiver must outlive the iteration.
                        CollectCall(call, "a task started without await", node, EnclosingLoop(node) ?? call, model, found);
                        break;
                }
            }
        }

        private static void CollectFromInvocation(InvocationExpressionSyntax invocation, SemanticModel model, Action<IMethodSymbol, ConcurrencyEvidence> found)
        {
            var name = SyntaxWalks.InvokedName(invocation);
            switch (name)
            {
                case "Run" or "StartNew" or "For" or "ForEach" or "ForEachAsync" or "Invoke" or "QueueUserWorkItem" or "UnsafeQueueUserWorkItem":
                    if (MayFanOut(invocation, name) && FanOutName(invocation, model) is { } how)
                    {
                        foreach (var argument in invocation.ArgumentList.Arguments)
                        {
                            CollectDelegate(argument.Expression, how, invocation, model, found);
                        }
                    }

                    break;
                case "WhenAll" or "WhenAny":
                    if (model.GetSymbolInfo(invocation).Symbol is IMethodSymbol { ContainingType.Name: "Task" } whenAll)
                    {
                        foreach (var argument in invocation.ArgumentList.Arguments)
                        {
                            CollectTasks(argument.Expression, "Task." + whenAll.Name, invocation, model, found);
                        }
                    }

                    break;
            }
        }

        /// <summary>
        /// Before binding: <c>Run</c>, <c>For</c>, <c>Invoke</c>, … are common names, so the receiver must be written as
        /// <c>Task</c>, <c>Parallel</c> or <c>ThreadPool</c> (qualified or not), or be absent; <c>StartNew</c> is
        /// called on any task factory.
        /// </summary>
        private static bool MayFanOut(InvocationExpressionSyntax invocation, string name)
            => name == "StartNew"
                || invocation.Expression is not MemberAccessExpressionSyntax access
                || SyntaxWalks.RightmostName(access.Expression) is "Task" or "Parallel" or "ThreadPool";

        /// <summary><c>Task.Run</c>, <c>Parallel.ForEach</c>, …: the display name when the call is one of the fan-out methods.</summary>
        private static string? FanOutName(InvocationExpressionSyntax invocation, SemanticModel model)
        {
            if (model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol method
                || method.ContainingType is not { } type
                || type.ContainingNamespace?.ToDisplayString() is not ("System.Threading.Tasks" or "System.Threading"))
            {
                return null;
            }

            return (type.Name, method.Name) switch
            {
                ("Task", "Run") => "Task.Run",
                ("TaskFactory", "StartNew") => "Task.Factory.StartNew",
                ("Parallel", _) => "Parallel." + method.Name,
                ("ThreadPool", _) => "ThreadPool." + method.Name,
                _ => null,
            };
        }

        /// <summary>A delegate run concurrently: every call in a lambda's body, or the method group itself.</summary>
        private static void CollectDelegate(ExpressionSyntax expression, string how, SyntaxNode site, SemanticModel model, Action<IMethodSymbol, ConcurrencyEvidence> found)
        {
            switch (Unwrapped(expression))
            {
                case AnonymousFunctionExpressionSyntax lambda:
                    foreach (var call in lambda.Body.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
                    {
                        CollectCall(call, how, site, lambda, model, found);
                    }

                    break;
                case IdentifierNameSyntax or MemberAccessExpressionSyntax when model.GetSymbolInfo(expression).Symbol is IMethodSymbol group
                    && SameObject.ReachedByGroup(Unwrapped(expression), site, model):
                    Add(group, how, site, model, found);
                    break;
            }
        }

        /// <summary>What reaches <c>Task.WhenAll</c>: a projection, a list of started tasks, or the tasks themselves.</summary>
        private static void CollectTasks(ExpressionSyntax expression, string how, SyntaxNode site, SemanticModel model, Action<IMethodSymbol, ConcurrencyEvidence> found)
        {
            switch (Unwrapped(expression))
            {
                case InvocationExpressionSyntax call when SyntaxWalks.InvokedName(call) is "Select" or "ToList" or "ToArray" or "AsEnumerable":
                    foreach (var projection in call.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Where(c => SyntaxWalks.InvokedName(c) == "Select"))
                    {
                        foreach (var argument in projection.ArgumentList.Arguments)
                        {
                            CollectDelegate(argument.Expression, how, site, model, found);
                        }
                    }

                    break;
                case InvocationExpressionSyntax call:
                    CollectCall(call, how, site, site, model, found);
                    break;
                case ArrayCreationExpressionSyntax { Initializer: { } elements }:
                    CollectElements(elements.Expressions, how, site, model, found);
                    break;
                case ImplicitArrayCreationExpressionSyntax { Initializer: var elements }:
                    CollectElements(elements.Expressions, how, site, model, found);
                    break;
                case IdentifierNameSyntax local when model.GetSymbolInfo(local).Symbol is ILocalSymbol variable:
                    CollectFromLocal(variable, how, site, model, found);
                    break;
            }
        }

        private static void CollectElements(SeparatedSyntaxList<ExpressionSyntax> elements, string how, SyntaxNode site, SemanticModel model, Action<IMethodSymbol, ConcurrencyEvidence> found)
        {
            foreach (var element in elements)
            {
                CollectTasks(element, how, site, model, found);
            }
        }

        /// <summary>A local holding the tasks: its initializer and assignments, and the tasks added to it in a loop.</summary>
        private static void CollectFromLocal(ILocalSymbol variable, string how, SyntaxNode site, SemanticModel model, Action<IMethodSymbol, ConcurrencyEvidence> found)
        {
            if (site.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member)
            {
                return;
            }

            foreach (var node in member.DescendantNodes())
            {
                switch (node)
                {
                    case VariableDeclaratorSyntax { Initializer.Value: var initial } declarator when declarator.Identifier.ValueText == variable.Name:
                        CollectTasks(initial, how, site, model, found);
                        break;
                    case AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax array }, Right: var element } stored
                        when array.Identifier.ValueText == variable.Name
                            && Unwrapped(element) is InvocationExpressionSyntax started
                            && EnclosingLoop(stored) is { } loop:
                        // tasks[i] = M(): one task per iteration, all awaited together.
                        CollectCall(started, how, site, loop, model, found);
                        break;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add", Expression: IdentifierNameSyntax list } } add
                        when list.Identifier.ValueText == variable.Name && add.ArgumentList.Arguments.Count == 1
                            && Unwrapped(add.ArgumentList.Arguments[0].Expression) is InvocationExpressionSyntax added
                            && EnclosingLoop(add) is { } addLoop:
                        CollectCall(added, how, site, addLoop, model, found);
                        break;
                }
            }
        }

        /// <summary>One call run concurrently, counted when it reaches one object and is not made under a lock of the delegate's.</summary>
        private static void CollectCall(InvocationExpressionSyntax call, string how, SyntaxNode site, SyntaxNode perTask, SemanticModel model, Action<IMethodSymbol, ConcurrencyEvidence> found)
        {
            if (!MayCallSourceMethod(call, model)
                || CallerLocks.HeldAt(call) is not null
                || !SameObject.Reached(call, perTask, model)
                || model.GetSymbolInfo(call).Symbol is not IMethodSymbol target)
            {
                return;
            }

            Add(target, how, site, model, found);
        }

        /// <summary>
        /// Before binding: a method of that name is declared in source (the declaration table answers without
        /// binding), since only source methods get evidence; calls into the framework (<c>sb.Append</c>) are skipped.
        /// </summary>
        private static bool MayCallSourceMethod(InvocationExpressionSyntax call, SemanticModel model)
            => SyntaxWalks.InvokedName(call) is not { } name || model.Compilation.ContainsSymbolsWithName(name, SymbolFilter.Member);

        /// <summary>A call of a method declared in source under a name that can return a task (or a call not named simply).</summary>
        private static bool MayReturnTask(InvocationExpressionSyntax call, TaskMethodNames taskMethods)
            => SyntaxWalks.InvokedName(call) is not { } name || taskMethods.Contains(name);

        /// <summary>A type with a <c>GetAwaiter</c> method of its own or of a base type: a started task, not a value.</summary>
        private static bool IsAwaitable(ITypeSymbol? type)
        {
            for (var declaring = type; declaring is not null; declaring = declaring.BaseType)
            {
                if (!declaring.GetMembers("GetAwaiter").IsEmpty)
                {
                    return true;
                }
            }

            return false;
        }

        private static void Add(IMethodSymbol target, string how, SyntaxNode site, SemanticModel model, Action<IMethodSymbol, ConcurrencyEvidence> found)
        {
            target = target.ReducedFrom ?? target;
            target = target.OriginalDefinition;
            if (target.DeclaringSyntaxReferences.IsEmpty || target.MethodKind != MethodKind.Ordinary)
            {
                return;
            }

            var where = Where(model, site.SpanStart);
            var onType = target.IsStatic ? null : target.ContainingType.Name;
            found(target, new ConcurrencyEvidence(target.Name, onType, how, where, site.GetLocation(), propagates: !StartsOnce(how, site)));
        }

        /// <summary>An async lambda, or a method group of an async source method (its name checked before binding: most <c>+=</c> add numbers).</summary>
        private static bool IsAsyncHandler(ExpressionSyntax handler, TaskMethodNames taskMethods, SemanticModel model)
            => Unwrapped(handler) switch
            {
                AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
                IdentifierNameSyntax or MemberAccessExpressionSyntax when SyntaxWalks.RightmostName(Unwrapped(handler)) is { } name && taskMethods.Contains(name)
                    => model.GetSymbolInfo(handler).Symbol is IMethodSymbol { IsAsync: true },
                _ => false,
            };

        /// <summary>Before binding: the created type is written as <c>Thread</c> or <c>Timer</c> (qualified or not).</summary>
        private static bool NamesThreadOrTimer(TypeSyntax type)
            => type switch
            {
                QualifiedNameSyntax qualified => NamesThreadOrTimer(qualified.Right),
                SimpleNameSyntax name => name.Identifier.ValueText is "Thread" or "Timer",
                _ => false,
            };

        /// <summary>A single background start: <c>Task.Run</c>, <c>StartNew</c>, a thread, a work item or a discarded task outside any loop.</summary>
        private static bool StartsOnce(string how, SyntaxNode site)
            => how is "Task.Run" or "Task.Factory.StartNew" or "new Thread" or "a task started without await" || how.StartsWith("ThreadPool.", System.StringComparison.Ordinal)
                ? EnclosingLoop(site) is null
                : false;

        /// <summary>The member a site is in, as <c>Type.Member</c> (the member around a lambda or local function).</summary>
        public static string Where(SemanticModel model, int position)
            => model.GetEnclosingSymbol(position) is { } enclosing
                ? (enclosing.ContainingType?.Name is { } typeName ? typeName + "." : string.Empty) + MemberName(enclosing)
                : "?";

        private static string MemberName(ISymbol symbol)
        {
            while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } && symbol.ContainingSymbol is { } outer)
            {
                symbol = outer;
            }

            return symbol switch
            {
                IMethodSymbol { AssociatedSymbol: { } property } => property.Name,
                IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } constructor => constructor.ContainingType.Name,
                _ => symbol.Name,
            };
        }

        private static SyntaxNode? EnclosingLoop(SyntaxNode node)
            => node.Ancestors().TakeWhile(a => a is not (MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).FirstOrDefault(a => a is StatementSyntax s && IsLoop(s));

        private static bool IsLoop(StatementSyntax statement) => statement is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax;

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
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: WellKnownNames.ConfigureAwait, Expression: var configured } }:
                        expression = configured;
                        continue;
                    default:
                        return expression;
                }
            }
        }
    }
}
