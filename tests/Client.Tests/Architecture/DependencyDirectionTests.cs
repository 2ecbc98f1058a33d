using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace RiskGrid.Client.Tests.Architecture;

/// <summary>
/// The direction of dependencies (DEVELOPERS.md, "Layout"): hosts → grains → Core; clients → the grid's
/// interfaces and messages (Abstractions) only; Core free of Orleans and TorchSharp. Checked twice: on the
/// compiled assemblies beside these tests (what the code really uses: the compiler drops references it does
/// not use) and on the ProjectReferences of every project under src/ (the silo host included).
/// </summary>
public sealed class DependencyDirectionTests
{
    // Each project under src/ and the projects it may reference directly. A new project must be placed here.
    private static readonly Dictionary<string, string[]> AllowedProjectReferences = new(StringComparer.Ordinal)
    {
        ["Core"] = [],
        ["Models.Lstm"] = ["Core"],
        ["Grains/Abstractions"] = [],
        ["Grains/Redis"] = [],
        ["Grains/Mapping"] = ["Grains/Abstractions", "Core"],
        ["Grains"] = ["Grains/Abstractions", "Grains/Mapping", "Grains/Redis", "Core", "Models.Lstm"],
        ["Silo"] = ["Grains"],
        ["Client/Sdk"] = ["Grains/Abstractions", "Grains/Redis"],
        ["Client"] = ["Client/Sdk", "Grains/Mapping", "Core", "Models.Lstm", "Grains"],
    };

    // Packages a project may use, where that is restricted.
    private static readonly Dictionary<string, string[]> AllowedPackages = new(StringComparer.Ordinal)
    {
        ["Core"] = ["MathNet.Numerics"],
        ["Grains/Abstractions"] = ["Microsoft.Orleans.Sdk"],
        ["Grains/Redis"] = ["StackExchange.Redis"],
        ["Grains/Mapping"] = [],
        ["Client/Sdk"] = ["Microsoft.Orleans.Clustering.Redis"],
    };

    [Fact]
    public void TheSdkReferencesOnlyTheGridsInterfacesAndMessages()
    {
        var references = AssemblyReferences("RiskGrid.Client.Sdk");
        Assert.Contains("RiskGrid.Grains.Abstractions", references);
        AssertNone(references, "RiskGrid.Client.Sdk",
            ["RiskGrid.Grains", "RiskGrid.Grains.Mapping", "RiskGrid.Core", "RiskGrid.Models.Lstm", "riskgrid", "MathNet.Numerics", "TorchSharp"]);
        Assert.All(references.Where(r => r.StartsWith("RiskGrid.", StringComparison.Ordinal)),
            r => Assert.Contains(r, new[] { "RiskGrid.Grains.Abstractions", "RiskGrid.Grains.Redis" }));
    }

    [Fact]
    public void AbstractionsReferenceNothingButOrleans()
    {
        var references = AssemblyReferences("RiskGrid.Grains.Abstractions");
        var foreign = references.Where(r => !IsFramework(r) && !r.StartsWith("Orleans.", StringComparison.Ordinal)).ToArray();
        Assert.True(foreign.Length == 0, $"RiskGrid.Grains.Abstractions references {string.Join(", ", foreign)}; it may use Orleans.Sdk only");
    }

    [Fact]
    public void CoreIsFreeOfOrleansTorchSharpAndTheGrid()
    {
        var references = AssemblyReferences("RiskGrid.Core");
        var foreign = references.Where(r => !IsFramework(r) && r != "MathNet.Numerics").ToArray();
        Assert.True(foreign.Length == 0, $"RiskGrid.Core references {string.Join(", ", foreign)}; it may use MathNet.Numerics only");
        AssertNone(AssemblyReferences("RiskGrid.Models.Lstm"), "RiskGrid.Models.Lstm", ["Orleans.Core", "Orleans.Core.Abstractions", "Orleans.Serialization", "RiskGrid.Grains"]);
    }

    [Fact]
    public void MappingAndRedisKnowNoGrains()
    {
        AssertNone(AssemblyReferences("RiskGrid.Grains.Mapping"), "RiskGrid.Grains.Mapping", ["RiskGrid.Grains", "RiskGrid.Client.Sdk", "riskgrid"]);
        var redis = AssemblyReferences("RiskGrid.Grains.Redis");
        var foreign = redis.Where(r => !IsFramework(r) && r != "StackExchange.Redis").ToArray();
        Assert.True(foreign.Length == 0, $"RiskGrid.Grains.Redis references {string.Join(", ", foreign)}; it may use StackExchange.Redis only");
    }

    [Fact]
    public void TheGrainsKnowNoClient()
    {
        AssertNone(AssemblyReferences("RiskGrid.Grains"), "RiskGrid.Grains", ["riskgrid", "RiskGrid.Client.Sdk", "RiskGrid.Silo"]);
    }

    [Fact]
    public void TheCliUsesTheGrainsOnlyToHostItsEmbeddedSilo()
    {
        // The CLI references RiskGrid.Grains for Cli/Embedded/EmbeddedSilo alone: the silo configuration
        // (UseRiskGrid, its options) and the metrics registry that silo serves; never a grain or grain state.
        var used = TypesReferencedFrom("riskgrid", "RiskGrid.Grains");
        Assert.NotEmpty(used);
        Assert.All(used, t => Assert.True(t.StartsWith("RiskGrid.Grains.Hosting.", StringComparison.Ordinal)
                                          || t.StartsWith("RiskGrid.Grains.Metrics.", StringComparison.Ordinal),
            $"the CLI uses {t} from RiskGrid.Grains; beyond its embedded silo's hosting it must go through the SDK"));
    }

    [Fact]
    public void ProjectReferencesPointFromHostsToGrainsToCoreAndFromClientsToAbstractions()
    {
        var src = Repository.Path("src");
        var projects = Directory.EnumerateFiles(src, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(p => Name(src, p), p => p, StringComparer.Ordinal);
        var unplaced = projects.Keys.Where(p => !AllowedProjectReferences.ContainsKey(p)).ToArray();
        Assert.True(unplaced.Length == 0, $"src/{string.Join(", src/", unplaced)}: not placed in the layering (AllowedProjectReferences)");

        var graph = projects.ToDictionary(p => p.Key, p => ProjectReferences(src, p.Value), StringComparer.Ordinal);
        foreach (var (project, references) in graph)
        {
            var wrong = references.Except(AllowedProjectReferences[project]).ToArray();
            Assert.True(wrong.Length == 0, $"src/{project} references src/{string.Join(", src/", wrong)}, against the layering");
            if (AllowedPackages.TryGetValue(project, out var allowed))
            {
                var packages = PackageReferences(projects[project]).Except(allowed).ToArray();
                Assert.True(packages.Length == 0, $"src/{project} uses package(s) {string.Join(", ", packages)}; allowed: {string.Join(", ", allowed)}");
            }
        }

        // Transitively too: a client never gets the grains or Core by way of another project.
        var sdk = Closure(graph, "Client/Sdk");
        Assert.DoesNotContain("Grains", sdk);
        Assert.DoesNotContain("Core", sdk);
        var hosts = graph.Where(p => p.Value.Contains("Grains")).Select(p => p.Key).Order().ToArray();
        Assert.Equal(["Client", "Silo"], hosts);
    }

    private static void AssertNone(IReadOnlyCollection<string> references, string assembly, string[] forbidden)
    {
        var found = forbidden.Intersect(references).ToArray();
        Assert.True(found.Length == 0, $"{assembly} references {string.Join(", ", found)}, against the layering (DEVELOPERS.md)");
    }

    private static bool IsFramework(string name) =>
        name is "netstandard" or "mscorlib" || name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal);

    private static string AssemblyPath(string assembly)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{assembly}.dll is not beside the tests", path);
    }

    private static HashSet<string> AssemblyReferences(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(AssemblyPath(assembly)));
        var metadata = pe.GetMetadataReader();
        return [.. metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name))];
    }

    // Full names of the types <paramref name="assembly"/> uses from <paramref name="from"/>.
    private static string[] TypesReferencedFrom(string assembly, string from)
    {
        using var pe = new PEReader(File.OpenRead(AssemblyPath(assembly)));
        var metadata = pe.GetMetadataReader();
        var types = new List<string>();
        foreach (var handle in metadata.TypeReferences)
        {
            var type = metadata.GetTypeReference(handle);
            var outer = type;
            while (outer.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                outer = metadata.GetTypeReference((TypeReferenceHandle)outer.ResolutionScope);
            }

            if (outer.ResolutionScope.Kind == HandleKind.AssemblyReference
                && metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)outer.ResolutionScope).Name) == from)
            {
                types.Add($"{metadata.GetString(outer.Namespace)}.{metadata.GetString(type.Name)}");
            }
        }

        return [.. types.Distinct().Order()];
    }

    // "Grains/Abstractions" for src/Grains/Abstractions/Abstractions.csproj.
    private static string Name(string src, string csproj) =>
        Path.GetRelativePath(src, Path.GetDirectoryName(csproj)!).Replace(Path.DirectorySeparatorChar, '/');

    private static string[] ProjectReferences(string src, string csproj) =>
        [.. XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(r => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(csproj)!, r.Attribute("Include")!.Value)))
            .Select(p => p.StartsWith(src + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? Name(src, p) : Path.GetRelativePath(src, p))];

    private static string[] PackageReferences(string csproj) =>
        [.. XDocument.Load(csproj).Descendants("PackageReference").Select(r => r.Attribute("Include")!.Value)];

    private static HashSet<string> Closure(Dictionary<string, string[]> graph, string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Stack<string>([project]);
        while (todo.TryPop(out var next))
        {
            foreach (var reference in graph.GetValueOrDefault(next) ?? [])
            {
                if (seen.Add(reference))
                {
                    todo.Push(reference);
                }
            }
        }

        return seen;
    }
}
