using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using AwaitRaceAnalyzer.Tests.Infrastructure;

namespace AwaitRaceAnalyzer.Tests.EndToEnd;

/// <summary>
/// The package as a stranger gets it: packed, installed with the README's command from a local folder feed into a
/// fresh console project that holds the seed's unsafe counter, and built.
/// </summary>
public class PackageConsumptionTests
{
    [Fact]
    public void InstalledPackage_ReportsWritesSarifAndHonoursEditorconfigSeverity()
    {
        var root = DotnetCli.RepositoryRoot();
        var work = DotnetCli.NewTemporaryDirectory("awr-package-");
        try
        {
            var feed = Path.Combine(work, "feed");
            DotnetCli.Succeed(root, null, "pack", Path.Combine(root, "src", "AwaitRaceAnalyzer.Package"), "-c", "Release", "-o", feed, "-nologo");
            var package = Assert.Single(Directory.GetFiles(feed, "AwaitRaceAnalyzer.*.nupkg"));

            var project = Path.Combine(work, "consumer");
            Directory.CreateDirectory(project);
            File.WriteAllText(Path.Combine(project, "Consumer.csproj"), """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                  </PropertyGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            foreach (var file in new[] { "UnsafeCounter.cs", "ICounter.cs" })
            {
                File.Copy(Path.Combine(AppContext.BaseDirectory, "SampleSources", file), Path.Combine(project, file));
            }

            File.WriteAllText(Path.Combine(project, "Program.cs"), "System.Console.WriteLine(new AwaitRaceAnalyzer.Sample.UnsafeCounter().Count);\n");

            // A private package cache, so the package just packed is the one restored.
            var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work, "packages") };

            // The README's install command, as written.
            DotnetCli.Succeed(project, environment, "add", "package", "AwaitRaceAnalyzer");
            Assert.Contains("PrivateAssets", File.ReadAllText(Path.Combine(project, "Consumer.csproj")));

            var sarif = Path.Combine(work, "build.sarif");
            var build = DotnetCli.Succeed(project, environment, "build", "-nologo", "--no-incremental", "-p:ErrorLog=" + sarif);
            Assert.Contains("UnsafeCounter.cs(16,13): warning AWR001: '_count' is written from a value read before 'await Task.Delay(1)'", build);

            // Both assemblies load in a command-line build: no analyzer load failure, no analyzer exception.
            Assert.DoesNotContain("CS8032", build);
            Assert.DoesNotContain("AD0001", build);

            var log = File.ReadAllText(sarif);
            Assert.Contains("\"AWR001\"", log);
            Assert.Contains("/docs/rules/AWR001.md", log);

            File.WriteAllText(Path.Combine(project, ".editorconfig"), "root = true\n[*.cs]\ndotnet_diagnostic.AWR001.severity = none\n");
            var silenced = DotnetCli.Succeed(project, environment, "build", "-nologo", "--no-incremental");
            Assert.DoesNotContain("AWR001", silenced);

            File.WriteAllText(Path.Combine(project, ".editorconfig"), "root = true\n[*.cs]\ndotnet_diagnostic.AWR001.severity = error\n");
            var (exitCode, failed) = DotnetCli.Run(project, environment, "build", "-nologo", "--no-incremental");
            Assert.NotEqual(0, exitCode);
            Assert.Contains("UnsafeCounter.cs(16,13): error AWR001", failed);

            Assert.True(new FileInfo(package).Length < 512 * 1024, "the package should stay small");
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }

    [Theory]
    [InlineData("AwaitRaceAnalyzer.dll")]
    [InlineData("AwaitRaceAnalyzer.CodeFixes.dll")]
    public void ShippedAssemblies_ReferenceRoslynNoNewerThan48_SoTheyLoadInTheNet8Sdk(string assembly)
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, assembly));
        using var reader = new PEReader(stream);
        var metadata = reader.GetMetadataReader();
        var roslyn = metadata.AssemblyReferences
            .Select(handle => metadata.GetAssemblyReference(handle))
            .Where(reference => metadata.GetString(reference.Name).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(roslyn);
        Assert.All(roslyn, reference => Assert.True(reference.Version <= new Version(4, 8, 0, 0), $"{metadata.GetString(reference.Name)} {reference.Version}"));

        Assert.Equal(".NETStandard,Version=v2.0", TargetFrameworkOf(metadata));
    }

    private static string TargetFrameworkOf(MetadataReader metadata)
    {
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind == HandleKind.MemberReference)
            {
                var constructor = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                var type = metadata.GetTypeReference((TypeReferenceHandle)constructor.Parent);
                if (metadata.GetString(type.Name) == "TargetFrameworkAttribute")
                {
                    var value = metadata.GetBlobReader(attribute.Value);
                    value.ReadUInt16();
                    return value.ReadSerializedString() ?? string.Empty;
                }
            }
        }

        return string.Empty;
    }
}
