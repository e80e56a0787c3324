using Traefik.Manifests.Model;
using Traefik.Manifests.Schemas;

namespace Traefik.Manifests.Tests.Support;

/// <summary>
/// Asserts that objects are valid against the official Traefik v3.7.9 CRDs (the copy in src/Traefik.Manifests/Schemas,
/// pinned by its checksum; loaded once).
/// Every Traefik object a test emits goes through here.
/// </summary>
public static class SchemaAssert
{
    private static readonly Lazy<CrdSchema> Official = new(() => CrdSchema.Load(File.ReadAllText(RepoPaths.OfficialCrdsV3)));

    /// <summary>The schema loaded from the official crds-v3.7.9.yaml file.</summary>
    public static CrdSchema Schema => Official.Value;

    /// <summary>Fails when the object is a Traefik kind the schema does not know, or is not valid.</summary>
    public static void Valid(KubernetesObject value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (TraefikApi.IsTraefikApiVersion(value.ApiVersion))
        {
            Assert.True(Schema.Covers(value.ApiVersion, value.Kind), $"{value.ApiVersion} {value.Kind} has no CRD schema.");
        }

        var problems = Schema.Validate(value);
        Assert.True(problems.Count == 0, $"{value.Key} is not valid against the CRD schema:\n" + string.Join("\n", problems) + "\n---\n" + ManifestYaml.Render(value));
    }

    /// <summary>Validates every object.</summary>
    public static void Valid(IEnumerable<KubernetesObject> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            Valid(value);
        }
    }
}
