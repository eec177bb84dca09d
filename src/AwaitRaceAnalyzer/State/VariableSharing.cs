using System.Collections.Generic;
using AwaitRaceAnalyzer.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AwaitRaceAnalyzer.State
{
    /// <summary>
    /// Which variables of one member body other tasks can see: locals and parameters captured by a lambda or local
    /// function are shared; locals that only ever hold an object created in the body, used only as the receiver of
    /// field and property accesses, are private (the object has not escaped).
    /// </summary>
    internal sealed class VariableSharing
    {
        private readonly HashSet<ISymbol> _captured = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _privateObjects = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        private VariableSharing()
        {
        }

        /// <summary>True for variables other tasks can see: captured by a lambda or local function, or a primary constructor parameter.</summary>
        public bool IsCaptured(ISymbol variable) => _captured.Contains(variable) || IsPrimaryConstructorParameter(variable);

        public bool HoldsPrivateObject(ILocalSymbol local) => _privateObjects.Contains(local);

        public static VariableSharing Build(IOperation root)
        {
            var sharing = new VariableSharing();
            var freshOnly = new Dictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
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
                        if (initializer is not null)
                        {
                            Note(freshOnly, declarator.Symbol, IsFreshObject(initializer));
                        }

                        break;
                    case ILocalReferenceOperation reference:
                        if (!IsPrivateUse(reference, out var isFreshAssignment))
                        {
                            freshOnly[reference.Local] = false;
                        }
                        else if (isFreshAssignment)
                        {
                            Note(freshOnly, reference.Local, true);
                        }

                        break;
                }
            }

            foreach (var pair in freshOnly)
            {
                if (pair.Value && !sharing._captured.Contains(pair.Key))
                {
                    sharing._privateObjects.Add(pair.Key);
                }
            }

            return sharing;
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
                }
            }
        }

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

        private static void Note(Dictionary<ISymbol, bool> freshOnly, ISymbol local, bool fresh)
        {
            freshOnly[local] = fresh && (!freshOnly.TryGetValue(local, out var before) || before);
        }

        private static bool IsPrivateUse(ILocalReferenceOperation reference, out bool isFreshAssignment)
        {
            isFreshAssignment = false;
            switch (reference.Parent)
            {
                case IFieldReferenceOperation field when field.Instance == reference:
                case IPropertyReferenceOperation property when property.Instance == reference:
                    return true;
                case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                    isFreshAssignment = IsFreshObject(assignment.Value);
                    return isFreshAssignment;
                default:
                    return false;
            }
        }

        private static bool IsFreshObject(IOperation value)
        {
            return value.WithoutConversions().Kind is OperationKind.ObjectCreation or OperationKind.AnonymousObjectCreation;
        }
    }
}
