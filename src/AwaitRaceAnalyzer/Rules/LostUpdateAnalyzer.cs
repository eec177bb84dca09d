using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AwaitRaceAnalyzer.Filters;
using AwaitRaceAnalyzer.Flow;
using AwaitRaceAnalyzer.Infrastructure;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>
    /// The analyzer: registration, the cheap pre-filters, and the walk over every async body of a code block, each run
    /// through the flow engine with the write rules (<see cref="RuleRunner.WriteRules"/>) judging every write.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LostUpdateAnalyzer : DiagnosticAnalyzer
    {
#if DEBUG
        /// <summary>
        /// Debug builds (the tests) go on with every block the syntax filters rule out, and throw where they were wrong:
        /// the names ruled out a block the operation filter keeps, or any filter ruled out a block with a finding.
        /// </summary>
        private const bool CheckFilters = true;
#else
        private const bool CheckFilters = false;
#endif

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            RuleRunner.WriteRules.SelectMany(rule => rule.Descriptors).ToImmutableArray();

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                if (!AsyncSource.MayOccurIn(start.Compilation, start.CancellationToken))
                {
                    return;
                }

                var rules = new RuleContext(KnownSymbols.Create(start.Compilation), start.Compilation);

                // A code block action (not an operation block action) so that blocks the syntax pre-filter rejects
                // never have their operation trees built.
                start.RegisterCodeBlockAction(block => AnalyzeCodeBlock(block, rules));
            });
        }

        private static void AnalyzeCodeBlock(CodeBlockAnalysisContext context, RuleContext rules)
        {
            var cancellationToken = context.CancellationToken;
            var started = AnalysisProfile.Start();
            if (context.CodeBlock is BaseTypeDeclarationSyntax and not TypeDeclarationSyntax { ParameterList: not null })
            {
                // A type is a code block of its own for its attributes (constants only); its members are blocks of
                // their own. Only a primary constructor's parameters and base arguments could hold code that suspends.
                AnalysisProfile.End(AnalysisPhase.CandidateFilter, started, passed: false);
                return;
            }

            if (!MaySuspend(context.CodeBlock, rules.SuspensionWords))
            {
                AnalysisProfile.End(AnalysisPhase.CandidateFilter, started, passed: false);
                return;
            }

            var isAsync = context.OwningSymbol is IMethodSymbol { IsAsync: true };
            var scope = new MemberNameScope(context.CodeBlock, context.OwningSymbol, context.SemanticModel, rules.Known.Names, cancellationToken);
            var candidate = CandidateFilter.MayHoldLostUpdate(context.CodeBlock, isAsync, scope, out var locals);

            // Binding the block is most of the cost of a candidate: first rule out, by names and their order, that it
            // reads what it writes with a suspension point between the two.
            var options = candidate || CheckFilters ? AnalysisOptions.Read(context.Options.AnalyzerConfigOptionsProvider.GetOptions(context.CodeBlock.SyntaxTree)) : AnalysisOptions.Default;
            var overlap = candidate
                ? SyntaxOverlapFilter.Judge(context.CodeBlock, context.OwningSymbol, scope, locals, rules.Known.Names, options, cancellationToken)
                : NameOverlap.None;
            var mayRace = overlap == NameOverlap.AcrossSuspension;
            AnalysisProfile.End(AnalysisPhase.CandidateFilter, started, mayRace);
            // In code with errors, the engine takes any use of a local it cannot bind for an escape, while the
            // candidate filter sees only the shapes it knows: the checks below hold for code that compiles.
            if (!mayRace && (!CheckFilters || (!candidate && HasErrors(context))))
            {
                return;
            }

            foreach (var syntax in OperationRoots(context.CodeBlock))
            {
                try
                {
                    AnalyzeRoot(context, syntax, isAsync, candidate, overlap, rules, options, cancellationToken);
                }
                catch (Exception exception) when (!(exception is OperationCanceledException))
                {
                    // Code the analysis does not understand yet is skipped and counted, never reported as AD0001 in a
                    // user's build. Debug builds (the tests) let the failure surface.
                    AnalysisSkips.Record(exception);
#if DEBUG
                    throw;
#endif
                }
            }
        }

        /// <summary>
        /// True when a suspension word occurs in the block's own code. A type with a primary constructor is a code
        /// block for the constructor, whose only code that can suspend is the base type's arguments (a lambda there;
        /// parameter defaults are constants): its members, where the type's awaits are, are blocks of their own.
        /// </summary>
        private static bool MaySuspend(SyntaxNode codeBlock, SuspensionWords words)
        {
            if (codeBlock is not TypeDeclarationSyntax { ParameterList: not null } type)
            {
                return words.MayOccurIn(codeBlock.SyntaxTree, codeBlock.Span);
            }

            var baseArguments = type.BaseList?.Types.OfType<PrimaryConstructorBaseTypeSyntax>().FirstOrDefault()?.ArgumentList;
            return baseArguments is not null && words.MayOccurIn(type.SyntaxTree, baseArguments.Span);
        }

        private static bool HasErrors(CodeBlockAnalysisContext context)
            => context.CodeBlock.ContainsDiagnostics
                || context.SemanticModel.GetDiagnostics(context.CodeBlock.Span, context.CancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error);

        private static void AnalyzeRoot(CodeBlockAnalysisContext context, SyntaxNode syntax, bool isAsync, bool candidate, NameOverlap nameOverlap, RuleContext rules, AnalysisOptions options, CancellationToken cancellationToken)
        {
            var started = AnalysisProfile.Start();
            var root = RootOperation(context.SemanticModel.GetOperation(syntax, cancellationToken));
            var sharing = root is null ? null : VariableSharing.Build(root);
            var overlaps = root is not null && StateOverlapFilter.ReadsWhatItWrites(root, new StateLocationResolver(rules.Known, sharing!, options, _ => null));
            AnalysisProfile.End(AnalysisPhase.OperationFilter, started, overlaps);
#if DEBUG
            // A block that writes no shared name (not a candidate) may still read and write a member with no
            // suspension point at all; the finding check below covers it.
            if (overlaps && nameOverlap == NameOverlap.None && candidate)
            {
                throw new InvalidOperationException("The syntax overlap filter ruled out a block the operation filter keeps: " + syntax);
            }
#endif
            if (!overlaps)
            {
                return;
            }

            ControlFlowGraph graph;
            started = AnalysisProfile.Start();
            try
            {
                graph = CreateGraph(root!, cancellationToken);
            }
            catch (ArgumentException)
            {
                // Roots the flow graph builder does not support carry no async body.
                return;
            }
            finally
            {
                AnalysisProfile.End(AnalysisPhase.GraphBuild, started, passed: true);
            }

            var owner = context.OwningSymbol as INamedTypeSymbol ?? context.OwningSymbol.ContainingType;
            Action<Diagnostic> report = context.ReportDiagnostic;
#if DEBUG
            if (nameOverlap != NameOverlap.AcrossSuspension)
            {
                report = diagnostic => throw new InvalidOperationException("The syntax filters ruled out a block with a finding: " + diagnostic);
            }
#endif
            var callerHeld = context.OwningSymbol is IMethodSymbol method && rules.CallerLocks.AlwaysCalledUnderOneLock(method);
            AnalyzeBody(report, graph, isAsync, callerHeld, rules, new AnalysedBody(context.OwningSymbol, owner, options, sharing!), cancellationToken);
        }

        /// <summary>
        /// The syntax whose operation tree holds the code: the block itself, or, for field and property declarations
        /// (whose code blocks are the declarations), each initializer.
        /// </summary>
        private static IEnumerable<SyntaxNode> OperationRoots(SyntaxNode codeBlock)
        {
            switch (codeBlock)
            {
                case BaseFieldDeclarationSyntax field:
                    foreach (var variable in field.Declaration.Variables)
                    {
                        if (variable.Initializer is not null)
                        {
                            yield return variable.Initializer;
                        }
                    }

                    break;
                case VariableDeclaratorSyntax { Initializer: { } initializer }:
                    yield return initializer;
                    break;
                case PropertyDeclarationSyntax { Initializer: { } initializer }:
                    yield return initializer;
                    break;
                default:
                    yield return codeBlock;
                    break;
            }
        }

        private static IOperation? RootOperation(IOperation? operation)
        {
            while (operation?.Parent is not null)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        private static ControlFlowGraph CreateGraph(IOperation root, CancellationToken cancellationToken)
            => root switch
            {
                IMethodBodyOperation body => ControlFlowGraph.Create(body, cancellationToken),
                IConstructorBodyOperation body => ControlFlowGraph.Create(body, cancellationToken),
                IBlockOperation block => ControlFlowGraph.Create(block, cancellationToken),
                IFieldInitializerOperation initializer => ControlFlowGraph.Create(initializer, cancellationToken),
                IPropertyInitializerOperation initializer => ControlFlowGraph.Create(initializer, cancellationToken),
                IParameterInitializerOperation initializer => ControlFlowGraph.Create(initializer, cancellationToken),
                _ => throw new ArgumentException("No flow graph for " + root.Kind, nameof(root)),
            };

        /// <summary>
        /// Analyses one body if it is async, then the lambdas and local functions it declares. A body that every caller
        /// runs under one lock (<paramref name="callerHeld"/>) has nothing to report; what it declares may run later.
        /// </summary>
        private static void AnalyzeBody(Action<Diagnostic> report, ControlFlowGraph graph, bool isAsync, bool callerHeld, RuleContext rules, AnalysedBody body, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (isAsync && !callerHeld && graph.Blocks.Length <= body.Options.MaxBlocks)
            {
                var runner = new RuleRunner(rules, body, cancellationToken);
                var started = AnalysisProfile.Start();
                FlowDriver.Run(graph, rules.Known, body.Sharing, body.Options, runner, cancellationToken);
                AnalysisProfile.End(AnalysisPhase.FlowAnalysis, started, runner.Findings.Count > 0);
                foreach (var finding in runner.Findings)
                {
                    report(DiagnosticFactory.Create(finding));
                }
            }

            foreach (var localFunction in graph.LocalFunctions)
            {
                var syntax = localFunction.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
                if (HoldsAsyncBody(localFunction.IsAsync, syntax))
                {
                    var started = AnalysisProfile.Start();
                    var child = graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken);
                    AnalysisProfile.End(AnalysisPhase.GraphBuild, started, passed: true);
                    AnalyzeBody(report, child, localFunction.IsAsync, rules.CallerLocks.AlwaysCalledUnderOneLock(localFunction), rules, body, cancellationToken);
                }
            }

            foreach (var operation in graph.AllOperations())
            {
                if (operation is IFlowAnonymousFunctionOperation lambda && HoldsAsyncBody(lambda.Symbol.IsAsync, lambda.Syntax))
                {
                    var started = AnalysisProfile.Start();
                    var child = graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken);
                    AnalysisProfile.End(AnalysisPhase.GraphBuild, started, passed: true);
                    AnalyzeBody(report, child, lambda.Symbol.IsAsync, callerHeld: false, rules, body, cancellationToken);
                }
            }
        }

        /// <summary>
        /// True when a lambda or local function is async or declares one that is. The flow engine runs on async bodies
        /// only: the graph of any other function is not built.
        /// </summary>
        private static bool HoldsAsyncBody(bool isAsync, SyntaxNode? syntax)
            => isAsync || syntax is null || SyntaxWalks.DeclaresAsyncFunction(syntax);
    }
}
