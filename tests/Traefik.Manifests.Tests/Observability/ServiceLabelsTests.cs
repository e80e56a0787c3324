using Traefik.Manifests.Observability;

namespace Traefik.Manifests.Tests.Observability;

public sealed class ServiceLabelsTests
{
    [Fact]
    public void Router_ReferenceExample_MatchesTraefiksName()
    {
        // REFERENCE.md §2 and §7: IngressRoute test.route in default.
        var label = ServiceLabels.Router("default", "test.route", "Host(`foo.com`) && PathPrefix(`/bar`)");

        Assert.Equal("default-test-route-6b204d94623b3df4370c@kubernetescrd", label);
    }

    [Fact]
    public void MatchHash_IsTheFirst20HexOfSha256()
    {
        Assert.Equal("6b204d94623b3df4370c", ServiceLabels.MatchHash("Host(`foo.com`) && PathPrefix(`/bar`)"));
        Assert.Equal("6f97418635c7e18853da", ServiceLabels.MatchHash("Host(`foo.com`)"));
    }

    [Fact]
    public void KubernetesService_ReferenceExample_NamespaceNamePort()
    {
        Assert.Equal("default-whoami-80@kubernetescrd", ServiceLabels.KubernetesService("default", "whoami", "80"));
        Assert.Equal("production-api-service-canary-http@kubernetescrd", ServiceLabels.KubernetesService("production", "api-service-canary", "http"));
        Assert.Equal("default-whoami@kubernetescrd", ServiceLabels.KubernetesService("default", "whoami", null));
    }

    [Fact]
    public void TraefikService_LocalAndCrossProvider()
    {
        Assert.Equal("production-api-service-route-wrr@kubernetescrd", ServiceLabels.TraefikService("production", "api-service-route-wrr"));
        Assert.Equal("my-wrr@file", ServiceLabels.TraefikService("production", "my_wrr@file"));
    }

    [Theory]
    [InlineData("test.route", "test-route")]
    [InlineData("a..b", "a-b")]
    [InlineData("ns/my_svc:http", "ns-my-svc-http")]
    [InlineData("-leading.and.trailing-", "leading-and-trailing")]
    [InlineData("café-42", "café-42")]
    [InlineData("...", "")]
    public void Normalize_RunsOfOtherCharactersBecomeOneDash(string name, string expected)
    {
        Assert.Equal(expected, ServiceLabels.Normalize(name));
    }
}
