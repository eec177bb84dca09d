using System.Collections.Immutable;
using AwaitRaceAnalyzer.Flow;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using StateKinds = AwaitRaceAnalyzer.DiagnosticProperties.StateKinds;
using UpdateKinds = AwaitRaceAnalyzer.DiagnosticProperties.UpdateKinds;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>
    /// Turns a finding into a diagnostic: on the write, with the read and the suspension point as additional
    /// locations, a message naming the state and the suspension, and properties that tell the code fixes what was seen.
    /// </summary>
    internal static class DiagnosticFactory
    {
        public static Diagnostic Create(Finding finding)
        {
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(DiagnosticProperties.StateKind, StateKindOf(finding.State));
            properties.Add(DiagnosticProperties.StateName, finding.State.Display);
            properties.Add(DiagnosticProperties.UpdateKind, UpdateKindOf(finding.UpdateKind));

            var suspension = SuspensionPoints.SyntaxOf(finding.Suspension);
            return Diagnostic.Create(
                finding.Descriptor,
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

        private static string UpdateKindOf(UpdateKind kind)
            => kind switch
            {
                UpdateKind.Compound => UpdateKinds.Compound,
                UpdateKind.CollectionCall => UpdateKinds.CollectionCall,
                _ => UpdateKinds.Assignment,
            };
    }
}
