using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using AwaitRaceAnalyzer.Cli.Analysis;

namespace AwaitRaceAnalyzer.Cli.Reports
{
    /// <summary>
    /// A SARIF 2.1.0 log: one run, the tool's rules with their help links, one result per finding with the write as
    /// its location and the stale read, the suspension point and any evidence as related locations.
    /// </summary>
    internal static class SarifReport
    {
        public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";
        public const string SourceRoot = "SRCROOT";

        public static void Write(string path, ScanResult result, string currentDirectory)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Build(result, currentDirectory).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }

        public static JsonObject Build(ScanResult result, string currentDirectory)
        {
            var rules = new JsonArray();
            foreach (var rule in result.Rules)
            {
                var entry = new JsonObject
                {
                    ["id"] = rule.Id,
                    ["name"] = rule.Id,
                    ["shortDescription"] = new JsonObject { ["text"] = rule.Title.ToString() },
                    ["fullDescription"] = new JsonObject { ["text"] = rule.Description.ToString() is { Length: > 0 } d ? d : rule.Title.ToString() },
                    ["defaultConfiguration"] = new JsonObject { ["level"] = Level(rule.DefaultSeverity), ["enabled"] = rule.IsEnabledByDefault },
                    ["properties"] = new JsonObject { ["category"] = rule.Category },
                };
                if (!string.IsNullOrEmpty(rule.HelpLinkUri))
                {
                    entry["helpUri"] = rule.HelpLinkUri;
                }

                rules.Add(entry);
            }

            var results = new JsonArray();
            foreach (var finding in result.Findings)
            {
                var related = new JsonArray();
                var id = 1;
                if (finding.Read != null)
                {
                    related.Add(Location(finding.Read, currentDirectory, id++, finding.Id is "AWR001" ? $"stale read of '{finding.StateName}'" : $"check of '{finding.StateName}' made before the suspension point"));
                }

                if (finding.Suspension != null)
                {
                    related.Add(Location(finding.Suspension, currentDirectory, id++, $"suspension point: other tasks run during '{finding.Suspension.Text}'"));
                }

                foreach (var evidence in finding.Evidence)
                {
                    related.Add(Location(evidence, currentDirectory, id++, "evidence of concurrent use"));
                }

                var properties = new JsonObject { ["project"] = finding.ProjectName };
                foreach (var pair in finding.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    properties[pair.Key] = pair.Value;
                }

                results.Add(new JsonObject
                {
                    ["ruleId"] = finding.Id,
                    ["ruleIndex"] = result.Rules.IndexOf(result.Rules.First(r => r.Id == finding.Id)),
                    ["level"] = finding.Level switch { FindingLevel.Error => "error", FindingLevel.Warning => "warning", _ => "note" },
                    ["message"] = new JsonObject { ["text"] = finding.Message },
                    ["locations"] = new JsonArray(Location(finding.Write, currentDirectory, null, $"write of '{finding.StateName}'")),
                    ["relatedLocations"] = related,
                    ["properties"] = properties,
                });
            }

            var run = new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "AwaitRaceAnalyzer",
                        ["version"] = result.Version,
                        ["semanticVersion"] = result.Version,
                        ["informationUri"] = "https://github.com/awaitrace/AwaitRaceAnalyzer",
                        ["rules"] = rules,
                    },
                },
                ["originalUriBaseIds"] = new JsonObject
                {
                    [SourceRoot] = new JsonObject { ["uri"] = new Uri(Path.TrimEndingDirectorySeparator(Path.GetFullPath(currentDirectory)) + Path.DirectorySeparatorChar).AbsoluteUri },
                },
                ["columnKind"] = "utf16CodeUnits",
                ["results"] = results,
            };

            return new JsonObject
            {
                ["$schema"] = Schema,
                ["version"] = "2.1.0",
                ["runs"] = new JsonArray(run),
            };
        }

        private static string Level(Microsoft.CodeAnalysis.DiagnosticSeverity severity) => severity switch
        {
            Microsoft.CodeAnalysis.DiagnosticSeverity.Error => "error",
            Microsoft.CodeAnalysis.DiagnosticSeverity.Warning => "warning",
            Microsoft.CodeAnalysis.DiagnosticSeverity.Info => "note",
            _ => "none",
        };

        private static JsonObject Location(SourcePlace place, string currentDirectory, int? id, string message)
        {
            var display = Paths.Display(place.Path, currentDirectory);
            var artifact = Path.IsPathRooted(display)
                ? new JsonObject { ["uri"] = new Uri(place.Path).AbsoluteUri }
                : new JsonObject { ["uri"] = string.Join("/", display.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString)), ["uriBaseId"] = SourceRoot };
            var location = new JsonObject();
            if (id != null)
            {
                location["id"] = id.Value;
            }

            location["physicalLocation"] = new JsonObject
            {
                ["artifactLocation"] = artifact,
                ["region"] = new JsonObject
                {
                    ["startLine"] = place.StartLine,
                    ["startColumn"] = place.StartColumn,
                    ["endLine"] = place.EndLine,
                    ["endColumn"] = place.EndColumn,
                    ["snippet"] = new JsonObject { ["text"] = place.Text },
                },
            };
            location["message"] = new JsonObject { ["text"] = message };
            return location;
        }
    }
}
