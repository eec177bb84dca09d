using System.Collections.Generic;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>
    /// Which variables of one member body other tasks can see. Locals and parameters captured by a lambda or local
    /// function are shared, unless every capture is created after every write of the variable in the same scope
    /// instance (nothing can run against the variable while it is written). Locals that only ever hold an object
    /// created in the body that has not escaped (<see cref="ObjectEscape"/>) are private.
    /// </summary>
    internal sealed class VariableSharing
    {
        private readonly HashSet<ISymbol> _captured = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _privateObjects = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _writtenByCapture = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        private readonly Dictionary<ISymbol, List<IOperation>> _captureSites = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);

        private VariableSharing()
        {
        }

        /// <summary>True for variables other tasks can see: captured by a lambda or local function, or a primary constructor parameter.</summary>
        public bool IsCaptured(ISymbol variable) => _captured.Contains(variable) || IsPrimaryConstructorParameter(variable);

        /// <summary>True for variables captured by a lambda or local function (primary constructor parameters aside).</summary>
        public bool IsCapturedByFunction(ISymbol variable) => _captured.Contains(variable);

        /// <summary>
        /// True when another flow can change the variable itself: a lambda or local function that captures it also
        /// writes it (or it is a primary constructor parameter, stored in the object). A variable that captures only
        /// read has one writer, this body, so no update of it can be lost. (The object it refers to is still shared.)
        /// </summary>
        public bool IsWrittenByAnotherFlow(ISymbol variable)
            => (_captured.Contains(variable) && _writtenByCapture.Contains(variable)) || IsPrimaryConstructorParameter(variable);

        public bool HoldsPrivateObject(ILocalSymbol local) => _privateObjects.Contains(local);

        public static VariableSharing Build(IOperation root)
        {
            var sharing = new VariableSharing();
            var freshOnly = new Dictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
            var writes = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
            var escapes = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
            var privateUses = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
            foreach (var operation in root.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IAnonymousFunctionOperation lambda:
                        sharing.AddCapturedBy(lambda, lambda.Symbol);
                        break;
                    case ILocalFunctionOperation localFunction:
                        sharing.AddCapturedBy(localFunction, localFunction.Symbol);
                        break;
                    case IVariableDeclaratorOperation declarator:
                        var initializer = declarator.Initializer?.Value;
                        if (initializer is not null && !initializer.IsNullConstant())
                        {
                            Note(freshOnly, declarator.Symbol, ObjectEscape.IsFreshObject(initializer));
                            AddTo(writes, declarator.Symbol, declarator);
                        }

                        break;
                    case ILocalReferenceOperation reference:
                        if (!ObjectEscape.IsPrivateUse(reference, out var isFreshAssignment))
                        {
                            if (IsWriteTarget(reference))
                            {
                                // It now holds an object from elsewhere, which may be shared.
                                freshOnly[reference.Local] = false;
                            }
                            else
                            {
                                // The object leaves the body here; that matters only if the body uses it afterwards.
                                AddTo(escapes, reference.Local, reference);
                            }
                        }
                        else
                        {
                            AddTo(privateUses, reference.Local, reference);
                            if (isFreshAssignment)
                            {
                                Note(freshOnly, reference.Local, true);
                            }
                        }

                        if (IsWriteTarget(reference))
                        {
                            AddTo(writes, reference.Local, reference);
                        }

                        break;
                }
            }

            sharing.ForgetCapturesMadeAfterAllWrites(writes);
            foreach (var pair in freshOnly)
            {
                if (pair.Value && !sharing._captured.Contains(pair.Key) && EscapesOnlyAfterItsUses(pair.Key, escapes, privateUses))
                {
                    sharing._privateObjects.Add(pair.Key);
                }
            }

            return sharing;
        }

        /// <summary>
        /// An object created here that is passed on or stored only after the body's last use of it (a dictionary
        /// filled in a loop, then handed to a reader) cannot be changed by anyone else while the body works on it.
        /// </summary>
        private static bool EscapesOnlyAfterItsUses(ISymbol local, Dictionary<ISymbol, List<IOperation>> escapes, Dictionary<ISymbol, List<IOperation>> uses)
        {
            if (!escapes.TryGetValue(local, out var escaping))
            {
                return true;
            }

            if (local.DeclaringSyntaxReferences.Length != 1 || !uses.TryGetValue(local, out var used))
            {
                return false;
            }

            return CapturedOnlyAfter(used, escaping, local.DeclaringSyntaxReferences[0].GetSyntax());
        }

        /// <summary>A primary constructor parameter used in a member is stored in the object: it is state, like a field.</summary>
        private static bool IsPrimaryConstructorParameter(ISymbol variable)
            => variable is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor }
                && constructor.DeclaringSyntaxReferences.Length == 1
                && constructor.DeclaringSyntaxReferences[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax;

        private void AddCapturedBy(IOperation function, IMethodSymbol functionSymbol)
        {
            foreach (var operation in function.Descendants())
            {
                var variable = operation switch
                {
                    ILocalReferenceOperation local => (ISymbol)local.Local,
                    IParameterReferenceOperation parameter => parameter.Parameter,
                    _ => null,
                };

                if (variable is not null && !IsDeclaredWithin(variable, functionSymbol))
                {
                    _captured.Add(variable);
                    AddTo(_captureSites, variable, function);
                    if (IsWriteTarget(operation))
                    {
                        _writtenByCapture.Add(variable);
                    }
                }
            }
        }

        /// <summary>
        /// A local whose every capture is created after every write, in source order, with no loop repeating a write
        /// after a capture of the same variable instance (a loop that does not also declare it), is never written
        /// while a lambda or local function can see it: each loop iteration has its own variable.
        /// </summary>
        private void ForgetCapturesMadeAfterAllWrites(Dictionary<ISymbol, List<IOperation>> writes)
        {
            foreach (var pair in _captureSites)
            {
                if (pair.Key is not ILocalSymbol local || local.DeclaringSyntaxReferences.Length != 1
                    || !writes.TryGetValue(local, out var localWrites))
                {
                    continue;
                }

                var declaration = local.DeclaringSyntaxReferences[0].GetSyntax();
                if (CapturedOnlyAfter(localWrites, pair.Value, declaration))
                {
                    _captured.Remove(local);
                }
            }
        }

        private static bool CapturedOnlyAfter(List<IOperation> writes, List<IOperation> captures, SyntaxNode declaration)
        {
            foreach (var capture in captures)
            {
                foreach (var write in writes)
                {
                    if (write.Syntax.Span.End > capture.Syntax.SpanStart || InSameLoopIteration(write.Syntax, capture.Syntax, declaration) is false)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>False when a loop that does not declare the variable contains both the write and the capture.</summary>
        private static bool InSameLoopIteration(SyntaxNode write, SyntaxNode capture, SyntaxNode declaration)
        {
            foreach (var ancestor in write.Ancestors())
            {
                if (ancestor.Span.Contains(declaration.Span))
                {
                    return true;
                }

                if (ancestor is Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax statement && IsLoop(statement) && ancestor.Span.Contains(capture.Span))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsLoop(SyntaxNode statement)
            => statement is Microsoft.CodeAnalysis.CSharp.Syntax.WhileStatementSyntax
                or Microsoft.CodeAnalysis.CSharp.Syntax.DoStatementSyntax
                or Microsoft.CodeAnalysis.CSharp.Syntax.ForStatementSyntax
                or Microsoft.CodeAnalysis.CSharp.Syntax.CommonForEachStatementSyntax;

        private static bool IsWriteTarget(IOperation reference)
            => reference.Parent switch
            {
                ISimpleAssignmentOperation assignment => assignment.Target == reference,
                ICompoundAssignmentOperation compound => compound.Target == reference,
                ICoalesceAssignmentOperation coalesce => coalesce.Target == reference,
                IIncrementOrDecrementOperation => true,
                IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
                IDeclarationExpressionOperation => true,
                ITupleOperation tuple => tuple.Parent is IDeconstructionAssignmentOperation,
                _ => false,
            };

        private static bool IsDeclaredWithin(ISymbol variable, IMethodSymbol function)
        {
            for (var container = variable.ContainingSymbol; container is IMethodSymbol method; container = method.ContainingSymbol)
            {
                if (SymbolEqualityComparer.Default.Equals(method, function))
                {
                    return true;
                }
            }

            return false;
        }

        private static void AddTo(Dictionary<ISymbol, List<IOperation>> map, ISymbol key, IOperation operation)
        {
            if (!map.TryGetValue(key, out var list))
            {
                map[key] = list = new List<IOperation>();
            }

            list.Add(operation);
        }

        private static void Note(Dictionary<ISymbol, bool> freshOnly, ISymbol local, bool fresh)
        {
            freshOnly[local] = fresh && (!freshOnly.TryGetValue(local, out var before) || before);
        }
    }
}
