using System.Text.Json.Nodes;
using Traefik.Manifests.Schemas;
using Traefik.Manifests.Tests.Support;

namespace Traefik.Manifests.Tests.Schemas;

public sealed class CrdSchemaTests
{
    [Fact]
    public void EmbeddedCrds_AreTheOfficialFile()
    {
        using var stream = typeof(CrdSchema).Assembly.GetManifestResourceStream("Traefik.Manifests.Schemas.crds-v3.7.9.yaml")!;
        using var reader = new StreamReader(stream);
        Assert.Equal(File.ReadAllText(RepoPaths.OfficialCrdsV3), reader.ReadToEnd());
    }

    [Fact]
    public void Load_OfficialCrds_CoversTheTenTraefikKinds()
    {
        var kinds = SchemaAssert.Schema.Kinds.Select(k => k.Kind).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            ["IngressRoute", "IngressRouteTCP", "IngressRouteUDP", "Middleware", "MiddlewareTCP", "ServersTransport", "ServersTransportTCP", "TLSOption", "TLSStore", "TraefikService"],
            kinds);
        Assert.All(SchemaAssert.Schema.Kinds, k => Assert.Equal("traefik.io/v1alpha1", k.ApiVersion));
    }

    [Fact]
    public void Validate_ValidIngressRoute_HasNoProblems()
    {
        var problems = CrdSchema.TraefikV3.Validate(Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata: {name: web, namespace: apps}
            spec:
              entryPoints: [web]
              routes:
                - kind: Rule
                  match: Host(`a.example.com`)
                  services:
                    - name: app
                      port: http
                      weight: 0
            """));
        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_BrokenIngressRoute_ReportsEveryProblemWithItsPath()
    {
        var problems = CrdSchema.TraefikV3.Validate(Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata: {name: Web_1, namespace: apps}
            spec:
              entryPoints: web
              routes:
                - kind: Router
                  services:
                    - port: 80
                      weight: -1
                      sticky: {cookie: {sameSite: sideways}}
                  colour: blue
            """));
        Assert.Equal(
            [
                "spec.entryPoints: must be a list, not the string \"web\".",
                "spec.routes[0].match: is required.",
                "spec.routes[0].kind: \"Router\" is not one of Rule.",
                "spec.routes[0].services[0].name: is required.",
                "spec.routes[0].services[0].weight: must be at least 0.",
                "spec.routes[0].services[0].sticky.cookie.sameSite: \"sideways\" is not one of none, lax, strict, None, Lax, Strict.",
                "spec.routes[0].colour: is not a field of this kind in the CRD schema; Kubernetes would drop it.",
                "metadata.name: \"Web_1\" is not a valid object name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (DNS-1123 subdomain).",
            ],
            problems.Select(p => p.ToString()).ToArray());
    }

    [Theory]
    [InlineData("10s", true)]
    [InlineData(30, true)]
    [InlineData("1m30s", true)]
    [InlineData("ten seconds", false)]
    [InlineData(true, false)]
    public void Validate_IntOrStringDuration_AcceptsIntegersAndGoDurations(object value, bool valid)
    {
        var json = Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: Middleware
            metadata: {name: cb}
            spec: {circuitBreaker: {expression: 'NetworkErrorRatio() > 0.5'}}
            """);
        json["spec"]!["circuitBreaker"]!["checkPeriod"] = JsonValue.Create(value);
        Assert.Equal(valid, CrdSchema.TraefikV3.Validate(json).Count == 0);
    }

    [Fact]
    public void Validate_CelRules_AreCodedByHand()
    {
        var addPrefix = Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: Middleware
            metadata: {name: p}
            spec: {addPrefix: {prefix: api}}
            """);
        var transport = Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: ServersTransport
            metadata: {name: t}
            spec: {rootCAs: [{secret: a, configMap: b}]}
            """);
        Assert.Equal("spec.addPrefix.prefix: must start with a '/'.", Assert.Single(CrdSchema.TraefikV3.Validate(addPrefix)).ToString());
        Assert.Equal("spec.rootCAs[0]: RootCA cannot have both Secret and ConfigMap defined.", Assert.Single(CrdSchema.TraefikV3.Validate(transport)).ToString());
    }

    [Fact]
    public void Validate_PluginConfig_PreservesUnknownFields()
    {
        var json = Parse("""
            apiVersion: traefik.io/v1alpha1
            kind: Middleware
            metadata: {name: plug}
            spec: {plugin: {my-plugin: {anything: [1, {deep: true}]}}}
            """);
        Assert.Empty(CrdSchema.TraefikV3.Validate(json));
    }

    [Fact]
    public void Validate_KindWithoutSchema_HasNoProblems()
    {
        Assert.Empty(CrdSchema.TraefikV3.Validate(Parse("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: 1}\n")));
    }

    private static JsonObject Parse(string yaml) => (JsonObject)ManifestYaml.ReadDocuments(yaml)[0].Json!;
}
