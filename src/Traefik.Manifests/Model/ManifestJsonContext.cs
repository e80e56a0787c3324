using System.Text.Json.Serialization;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Tcp;
using Traefik.Manifests.Transports;

namespace Traefik.Manifests.Model;

/// <summary>Source-generated JSON metadata for every modelled object (NativeAOT-safe, no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(IngressRoute))]
[JsonSerializable(typeof(TraefikService))]
[JsonSerializable(typeof(Middleware))]
[JsonSerializable(typeof(ServersTransport))]
[JsonSerializable(typeof(IngressRouteTcp))]
[JsonSerializable(typeof(MiddlewareTcp))]
[JsonSerializable(typeof(CoreService))]
[JsonSerializable(typeof(UnknownObject))]
[JsonSerializable(typeof(k8s.Models.IntOrString), TypeInfoPropertyName = "KubernetesIntOrString")]
internal sealed partial class ManifestJsonContext : JsonSerializerContext
{
}
