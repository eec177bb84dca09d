using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using StateKinds = AwaitRaceAnalyzer.DiagnosticProperties.StateKinds;

namespace AwaitRaceAnalyzer.LostUpdate
{
    /// <summary>
    /// AWR001 (lost update across await) and AWR002 (check-then-act across await): registration, the cheap
    /// pre-filter, the walk over every async body of a code block, and reporting.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class LostUpdateAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.LostUpdate, Descriptors.CheckThenAct);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var known = KnownSymbols.Create(start.Compilation);

                // A code block action (not an operation block action) so that blocks the syntax pre-filter rejects
                // never have their operation trees built.
                start.RegisterCodeBlockAction(block => AnalyzeCodeBlock(block, known));
            });
        }

        private static void AnalyzeCodeBlock(CodeBlockAnalysisContext context, KnownSymbols known)
        {
            if (!CandidateFilter.MayHoldLostUpdate(context.CodeBlock))
            {
                return;
            }

            var cancellationToken = context.CancellationToken;
            var options = AnalysisOptions.Read(context.Options.AnalyzerConfigOptionsProvider.GetOptions(context.CodeBlock.SyntaxTree));
            var isAsync = context.OwningSymbol is IMethodSymbol { IsAsync: true };
            foreach (var syntax in OperationRoots(context.CodeBlock))
            {
#if DEBUG
                // Debug builds (the tests) let a failure surface; release builds never turn one into AD0001.
                AnalyzeRoot(context, syntax, isAsync, known, options, cancellationToken);
#else
                try
                {
                    AnalyzeRoot(context, syntax, isAsync, known, options, cancellationToken);
                }
                catch (Exception exception) when (!(exception is OperationCanceledException))
                {
                    // Code the analysis does not understand yet is skipped, never reported as an analyzer failure.
                }
#endif
            }
        }

        private static void AnalyzeRoot(CodeBlockAnalysisContext context, SyntaxNode syntax, bool isAsync, KnownSymbols known, AnalysisOptions options, CancellationToken cancellationToken)
        {
            var root = RootOperation(context.SemanticModel.GetOperation(syntax, cancellationToken));
            if (root is null)
            {
                return;
            }

            var sharing = VariableSharing.Build(root);
            if (!StateOverlapFilter.ReadsWhatItWrites(root, new StateLocationResolver(known, sharing, options, _ => null)))
            {
                return;
            }

            ControlFlowGraph graph;
            try
            {
                graph = CreateGraph(root, cancellationToken);
            }
            catch (ArgumentException)
            {
                // Roots the flow graph builder does not support carry no async body.
                return;
            }

            AnalyzeBody(context.ReportDiagnostic, graph, isAsync, known, sharing, options, cancellationToken);
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

        /// <summary>Analyses one body if it is async, then the lambdas and local functions it declares.</summary>
        private static void AnalyzeBody(Action<Diagnostic> report, ControlFlowGraph graph, bool isAsync, KnownSymbols known, VariableSharing sharing, AnalysisOptions options, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (isAsync && graph.Blocks.Length <= options.MaxBlocks)
            {
                foreach (var finding in SnapshotFlowAnalysis.Analyze(graph, known, sharing, options, cancellationToken))
                {
                    report(CreateDiagnostic(finding));
                }
            }

            foreach (var localFunction in graph.LocalFunctions)
            {
                AnalyzeBody(report, graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken), localFunction.IsAsync, known, sharing, options, cancellationToken);
            }

            foreach (var block in graph.Blocks)
            {
                foreach (var statement in block.StatementsAndBranch())
                {
                    foreach (var operation in statement.DescendantsAndSelf())
                    {
                        if (operation is IFlowAnonymousFunctionOperation lambda)
                        {
                            AnalyzeBody(report, graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken), lambda.Symbol.IsAsync, known, sharing, options, cancellationToken);
                        }
                    }
                }
            }
        }

        private static Diagnostic CreateDiagnostic(Finding finding)
        {
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(DiagnosticProperties.StateKind, StateKindOf(finding.State));
            properties.Add(DiagnosticProperties.StateName, finding.State.Display);
            properties.Add(DiagnosticProperties.UpdateKind, finding.UpdateKind);

            var suspension = SuspensionPoints.SyntaxOf(finding.Suspension);
            return Diagnostic.Create(
                finding.Rule,
                finding.Write.Syntax.GetLocation(),
                additionalLocations: new[] { finding.Read.Syntax.GetLocation(), SuspensionPoints.LocationOf(suspension) },
                properties: properties.ToImmutable(),
                finding.State.Display,
                SuspensionPoints.TextOf(suspension));
        }

        private static string StateKindOf(StateLocation state)
            => state.Kind switch
            {
                StateLocationKind.Variable => StateKinds.CapturedVariable,
                StateLocationKind.Element => StateKinds.Element,
                _ => state.LastMember switch
                {
                    IFieldSymbol { IsStatic: true } => StateKinds.StaticField,
                    IFieldSymbol => StateKinds.Field,
                    _ => StateKinds.Property,
                },
            };
    }
}
