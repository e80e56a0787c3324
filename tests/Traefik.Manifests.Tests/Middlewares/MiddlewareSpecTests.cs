using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Snapshooter;
using Snapshooter.Xunit;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Model;
using Traefik.Manifests.Tests.Support;

namespace Traefik.Manifests.Tests.Middlewares;

public sealed class MiddlewareSpecTests
{
    /// <summary>CRD fields this library deliberately does not write (deprecated); they round-trip as extension data.</summary>
    private static readonly string[] Deprecated =
    [
        "contentType.autoDetect",
        "forwardAuth.tls.caOptional",
        "forwardAuth.trustForwardHeader",
        "headers.featurePolicy",
        "headers.sslForceHost",
        "headers.sslHost",
        "headers.sslRedirect",
        "headers.sslTemporaryRedirect",
        "ipWhiteList",
        "stripPrefix.forceSlash",
    ];

    [Fact]
    public void Catalog_HasOneSpecPerType_AndTypeNamesIt()
    {
        Assert.Equal(25, MiddlewareTypes.All.Length);
        Assert.Equal(MiddlewareTypes.All.Order(StringComparer.Ordinal), MiddlewareCatalog.Specs.Keys);
        Assert.All(MiddlewareCatalog.Specs, pair =>
        {
            Assert.Equal(pair.Key, pair.Value.Type);
            Assert.Equal([pair.Key], pair.Value.Types);
        });
    }

    [Theory]
    [MemberData(nameof(MiddlewareCatalog.Types), MemberType = typeof(MiddlewareCatalog))]
    public void Render_EveryType_MatchesSnapshot(string type)
    {
        var result = HttpMiddlewares.Upsert(MiddlewareCatalog.Prerequisites, "apps", "mw-" + type.ToLowerInvariant(), MiddlewareCatalog.Specs[type]);

        var written = Assert.Single(result.Changes).After!;
        SchemaAssert.Valid(result.Objects);
        Snapshot.Match(ManifestYaml.Render(written), new SnapshotNameExtension(type));
    }

    [Theory]
    [MemberData(nameof(MiddlewareCatalog.Types), MemberType = typeof(MiddlewareCatalog))]
    public void RenderParseRender_EveryType_GivesIdenticalBytes(string type)
    {
        var first = ManifestYaml.Render(MiddlewareCatalog.Middleware("apps", "mw", MiddlewareCatalog.Specs[type]));

        var parsed = Assert.IsType<Middleware>(Assert.Single(ManifestYaml.Parse(first)));
        var second = ManifestYaml.Render(parsed);

        Assert.Equal(first, second);
        Assert.Equal(type, parsed.Spec.Type);
        Assert.Empty(parsed.Spec.AdditionalFields);
    }

    [Fact]
    public void Describe_EveryType_MatchesSnapshot()
    {
        var lines = MiddlewareCatalog.Specs.Values.Select(HttpMiddlewares.Describe);

        Snapshot.Match(string.Join("\n", lines) + "\n");
    }

    [Fact]
    public void Parse_UnknownAndDeprecatedFields_AreKeptOnRender()
    {
        const string yaml = """
            apiVersion: traefik.io/v1alpha1
            kind: Middleware
            metadata:
              name: legacy-headers
              namespace: apps
            spec:
              headers:
                frameDeny: true
                futureOption:
                  nested: 1
                sslRedirect: true
            """;

        var middleware = Assert.IsType<Middleware>(Assert.Single(ManifestYaml.Parse(yaml + "\n")));

        Assert.Equal(MiddlewareTypes.Headers, middleware.Spec.Type);
        Assert.Equal(["futureOption", "sslRedirect"], middleware.Spec.Headers!.AdditionalFields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(yaml + "\n", ManifestYaml.Render(middleware));
    }

    [Fact]
    public void Parse_DeprecatedIpWhiteList_IsKeptAndNamedAsItsType()
    {
        const string yaml = """
            apiVersion: traefik.io/v1alpha1
            kind: Middleware
            metadata:
              name: office-only
              namespace: apps
            spec:
              ipWhiteList:
                sourceRange:
                  - 10.0.0.0/8

            """;

        var middleware = Assert.IsType<Middleware>(Assert.Single(ManifestYaml.Parse(yaml)));

        Assert.Equal(MiddlewareTypes.IpWhiteList, middleware.Spec.Type);
        Assert.Null(middleware.Spec.IpAllowList);
        Assert.Equal(yaml, ManifestYaml.Render(middleware));
        SchemaAssert.Valid(middleware);
    }

    [Fact]
    public void Type_NoTypeSet_IsNullAndTypesIsEmpty()
    {
        var spec = new MiddlewareSpec();

        Assert.Null(spec.Type);
        Assert.Empty(spec.Types);
    }

    [Fact]
    public void Type_TwoTypesSet_IsNullAndTypesListsBothInCrdOrder()
    {
        var spec = MiddlewareSpecs.StripPrefix(["/api"]) with { RateLimit = new RateLimitSpec { Average = 1 } };

        Assert.Null(spec.Type);
        Assert.Equal(["rateLimit", "stripPrefix"], spec.Types);
    }

    [Fact]
    public void Render_RedirectSchemePort_IsAQuotedString()
    {
        var yaml = ManifestYaml.Render(MiddlewareCatalog.Middleware("apps", "to-https", MiddlewareSpecs.RedirectScheme("https", 443)));

        Assert.Contains("    port: '443'\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HeaderMaps_AreSortedOrdinally()
    {
        var spec = MiddlewareSpecs.Headers(new Dictionary<string, string> { ["x-lower"] = "1", ["X-Upper"] = "2", ["A-First"] = "3" });

        var yaml = ManifestYaml.Render(MiddlewareCatalog.Middleware("apps", "h", spec));

        Assert.EndsWith("      A-First: '3'\n      X-Upper: '2'\n      x-lower: '1'\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryModelledField_IsAFieldOfTheCrd()
    {
        var middleware = MiddlewareCatalog.Middleware("apps", "all-fields", (MiddlewareSpec)Fill(typeof(MiddlewareSpec)));

        var unknown = SchemaAssert.Schema.Validate(middleware)
            .Where(p => p.Message.StartsWith("is not a field", StringComparison.Ordinal))
            .Select(p => p.Path)
            .ToArray();

        Assert.Empty(unknown);
    }

    [Fact]
    public void EveryCrdField_IsModelled_ExceptDeprecatedOnes()
    {
        var rendered = ManifestYaml.ToJson(MiddlewareCatalog.Middleware("apps", "all-fields", (MiddlewareSpec)Fill(typeof(MiddlewareSpec))))["spec"]!;
        var missing = new List<string>();

        foreach (var path in CrdPaths(MiddlewareCrdSpecSchema(), string.Empty))
        {
            var isDeprecated = Deprecated.Any(d => path == d || path.StartsWith(d + ".", StringComparison.Ordinal));
            var isSharedServiceType = path.StartsWith("errors.service.", StringComparison.Ordinal);
            if (!isDeprecated && !isSharedServiceType && Navigate(rendered, path) is null)
            {
                missing.Add(path);
            }
        }

        Assert.Empty(missing);
    }

    private static JsonObject MiddlewareCrdSpecSchema()
    {
        var crd = ManifestYaml.ReadDocuments(File.ReadAllText(RepoPaths.OfficialCrdsV3))
            .Select(d => d.Json)
            .Single(j => j?["metadata"]?["name"]?.GetValue<string>() == "middlewares.traefik.io")!;
        return crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!.AsObject();
    }

    private static IEnumerable<string> CrdPaths(JsonObject schema, string prefix)
    {
        var properties = schema["properties"] as JsonObject ?? (schema["items"]?["properties"] as JsonObject);
        if (properties is null)
        {
            yield break;
        }

        var owner = schema["properties"] is null ? schema["items"]!.AsObject() : schema;
        foreach (var (key, child) in owner["properties"]!.AsObject())
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            yield return path;
            foreach (var nested in CrdPaths(child!.AsObject(), path))
            {
                yield return nested;
            }
        }
    }

    private static JsonNode? Navigate(JsonNode node, string path)
    {
        JsonNode? current = node;
        foreach (var key in path.Split('.'))
        {
            if (current is JsonArray array)
            {
                current = array.Count > 0 ? array[0] : null;
            }

            current = (current as JsonObject)?[key];
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>Builds an instance of a model type with every property set (booleans true, numbers 1, lists of one).</summary>
    private static object Fill(Type type)
    {
        var instance = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is null || property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            property.SetValue(instance, ValueFor(property.PropertyType));
        }

        return instance;
    }

    private static object ValueFor(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "x";
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(int))
        {
            return 1;
        }

        if (type == typeof(long))
        {
            return 1L;
        }

        if (type == typeof(IntOrString))
        {
            return IntOrString.FromText("1s");
        }

        if (type == typeof(ImmutableList<string>))
        {
            return ImmutableList.Create("x");
        }

        if (type == typeof(ImmutableList<MiddlewareReference>))
        {
            return ImmutableList.Create((MiddlewareReference)Fill(typeof(MiddlewareReference)));
        }

        if (type == typeof(ImmutableSortedDictionary<string, string>))
        {
            return ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("X-A", "x");
        }

        if (type == typeof(ImmutableSortedDictionary<string, int>))
        {
            return ImmutableSortedDictionary.Create<string, int>(StringComparer.Ordinal).Add("418", 404);
        }

        if (type == typeof(ImmutableSortedDictionary<string, JsonElement>))
        {
            return ImmutableSortedDictionary.Create<string, JsonElement>(StringComparer.Ordinal).Add("p", MiddlewareCatalog.JsonElementOf("{}"));
        }

        if (typeof(JsonRecord).IsAssignableFrom(type) && !type.IsAbstract)
        {
            return Fill(type);
        }

        throw new InvalidOperationException($"No test value for {type}.");
    }
}
