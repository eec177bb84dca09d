using System.Collections.Generic;
using System.Collections.Immutable;
using AwaitRaceAnalyzer.Flow;
using AwaitRaceAnalyzer.State;
using Microsoft.CodeAnalysis;
using StateKinds = AwaitRaceAnalyzer.DiagnosticProperties.StateKinds;
using UpdateKinds = AwaitRaceAnalyzer.DiagnosticProperties.UpdateKinds;

namespace AwaitRaceAnalyzer.Rules
{
    /// <summary>
    /// Turns a finding into a diagnostic: on the write, with the read, the suspension point and the concurrent call
    /// site (when the compilation shows one) as additional locations, a message naming the state and the suspension, and properties that tell the code fixes what was seen.
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
            var locations = new List<Location> { finding.Read.Syntax.GetLocation(), SuspensionPoints.LocationOf(suspension) };
            if (finding.Evidence is { } evidence)
            {
                properties.Add(DiagnosticProperties.Evidence, evidence.MessageSuffix().Substring(2));
                if (evidence.Location is { } site)
                {
                    locations.Add(site);
                }
            }

            return Diagnostic.Create(
                finding.Descriptor,
                finding.Write.Syntax.GetLocation(),
                additionalLocations: locations,
                properties: properties.ToImmutable(),
                finding.State.Display,
                SuspensionPoints.TextOf(suspension),
                finding.ShapeClause + (finding.Evidence?.MessageSuffix() ?? string.Empty));
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
