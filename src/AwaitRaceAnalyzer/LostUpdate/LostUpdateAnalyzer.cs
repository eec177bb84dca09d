using System;
using System.Collections.Immutable;
using System.Threading;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using StateKinds = AwaitRaceAnalyzer.DiagnosticProperties.StateKinds;

namespace AwaitRaceAnalyzer.LostUpdate
{
    /// <summary>
    /// AWR001 (lost update across await) and AWR002 (check-then-act across await): registration, the cheap
    /// pre-filter, the walk over every async body of an operation block, and reporting.
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
                start.RegisterOperationBlockAction(block => AnalyzeOperationBlock(block, known));
            });
        }

        private static void AnalyzeOperationBlock(OperationBlockAnalysisContext context, KnownSymbols known)
        {
            foreach (var root in context.OperationBlocks)
            {
                if (!CanHaveGraph(root) || !SuspensionPoints.MayContainSuspension(root.Syntax))
                {
                    continue;
                }

                var options = AnalysisOptions.Read(context.Options.AnalyzerConfigOptionsProvider.GetOptions(root.Syntax.SyntaxTree));
                var sharing = VariableSharing.Build(root);
                var isAsync = context.OwningSymbol is IMethodSymbol { IsAsync: true };
                ControlFlowGraph graph;
                try
                {
                    graph = context.GetControlFlowGraph(root);
                }
                catch (ArgumentException)
                {
                    // Roots the flow graph builder does not support (e.g. some incomplete code) carry no async body.
                    continue;
                }

                AnalyzeBody(context, graph, isAsync, known, sharing, options);
            }
        }

        /// <summary>Analyses one body if it is async, then the lambdas and local functions it declares.</summary>
        private static void AnalyzeBody(OperationBlockAnalysisContext context, ControlFlowGraph graph, bool isAsync, KnownSymbols known, VariableSharing sharing, AnalysisOptions options)
        {
            var cancellationToken = context.CancellationToken;
            cancellationToken.ThrowIfCancellationRequested();
            if (isAsync && graph.Blocks.Length <= options.MaxBlocks)
            {
                foreach (var finding in AnalyzeSafely(graph, known, sharing, options, cancellationToken))
                {
                    context.ReportDiagnostic(CreateDiagnostic(finding));
                }
            }

            foreach (var localFunction in graph.LocalFunctions)
            {
                AnalyzeBody(context, graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken), localFunction.IsAsync, known, sharing, options);
            }

            foreach (var block in graph.Blocks)
            {
                foreach (var statement in block.Operations)
                {
                    foreach (var operation in statement.DescendantsAndSelf())
                    {
                        if (operation is IFlowAnonymousFunctionOperation lambda)
                        {
                            AnalyzeBody(context, graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken), lambda.Symbol.IsAsync, known, sharing, options);
                        }
                    }
                }

                if (block.BranchValue is { } branchValue)
                {
                    foreach (var operation in branchValue.DescendantsAndSelf())
                    {
                        if (operation is IFlowAnonymousFunctionOperation lambda)
                        {
                            AnalyzeBody(context, graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken), lambda.Symbol.IsAsync, known, sharing, options);
                        }
                    }
                }
            }
        }

        private static ImmutableArray<Finding> AnalyzeSafely(ControlFlowGraph graph, KnownSymbols known, VariableSharing sharing, AnalysisOptions options, CancellationToken cancellationToken)
        {
#if DEBUG
            // Debug builds (the tests) let a failure surface; release builds never turn one into AD0001.
            return SnapshotFlowAnalysis.Analyze(graph, known, sharing, options, cancellationToken);
#else
            try
            {
                return SnapshotFlowAnalysis.Analyze(graph, known, sharing, options, cancellationToken);
            }
            catch (Exception exception) when (!(exception is OperationCanceledException))
            {
                return ImmutableArray<Finding>.Empty;
            }
#endif
        }

        private static bool CanHaveGraph(IOperation root)
            => root.Kind is OperationKind.Block
                or OperationKind.MethodBody
                or OperationKind.ConstructorBody
                or OperationKind.FieldInitializer
                or OperationKind.PropertyInitializer
                or OperationKind.ParameterInitializer;

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
