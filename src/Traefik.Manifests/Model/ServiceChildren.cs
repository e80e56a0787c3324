using System.Collections.Immutable;
using System.Text.Json;

namespace Traefik.Manifests.Model;

/// <summary>What a TraefikService does with its children: the member Traefik uses.</summary>
internal enum TraefikServiceType
{
    /// <summary>No member is set: Traefik rejects it ("unspecified service type").</summary>
    None,

    /// <summary><c>weighted</c>: a weighted round robin.</summary>
    Weighted,

    /// <summary><c>mirroring</c>: a main service and mirrors.</summary>
    Mirroring,

    /// <summary><c>highestRandomWeight</c>: consistent hashing by client address, weighted.</summary>
    HighestRandomWeight,

    /// <summary><c>failover</c>: a service, and a fallback used when it fails.</summary>
    Failover,
}

/// <summary>The place of a child in its TraefikService.</summary>
internal enum ChildRole
{
    /// <summary>A weighted (or highest-random-weight) child.</summary>
    Weighted,

    /// <summary>The main service of a mirroring.</summary>
    MirrorMain,

    /// <summary>A mirror: receives copies.</summary>
    Mirror,

    /// <summary>The service of a failover.</summary>
    FailoverService,

    /// <summary>The fallback of a failover.</summary>
    FailoverFallback,
}

/// <summary>One child of a TraefikService: its reference (null when the manifest's JSON does not bind), where it is, and its mirror percentage.</summary>
internal sealed record ServiceChild(ChildRole Role, string Path, ServiceReference? Reference, int? Percent, string? Problem);

/// <summary>
/// Reads the children of a TraefikService the way Traefik's CRD provider does: the first member set, in the
/// order weighted, mirroring, highestRandomWeight, failover (the last two are not modelled and are read from the
/// fields that ride along).
/// </summary>
internal static class ServiceChildren
{
    public static (TraefikServiceType Type, ImmutableList<ServiceChild> Children) Read(TraefikService service)
    {
        var spec = service.Spec;
        if (spec.Weighted is { } weighted)
        {
            var services = weighted.Services ?? [];
            return (TraefikServiceType.Weighted, [.. services.Select((s, i) => new ServiceChild(ChildRole.Weighted, $"spec.weighted.services[{i}]", s, null, null))]);
        }

        if (spec.Mirroring is { } mirroring)
        {
            var children = ImmutableList.CreateBuilder<ServiceChild>();
            children.Add(new ServiceChild(ChildRole.MirrorMain, "spec.mirroring", mirroring, null, null));
            var mirrors = mirroring.Mirrors ?? [];
            for (var i = 0; i < mirrors.Count; i++)
            {
                children.Add(new ServiceChild(ChildRole.Mirror, $"spec.mirroring.mirrors[{i}]", mirrors[i], mirrors[i].Percent ?? 0, null));
            }

            return (TraefikServiceType.Mirroring, children.ToImmutable());
        }

        if (spec.UnmodelledFields?.TryGetValue("highestRandomWeight", out var hrw) == true && hrw.ValueKind == JsonValueKind.Object)
        {
            var children = ImmutableList.CreateBuilder<ServiceChild>();
            if (hrw.TryGetProperty("services", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in list.EnumerateArray())
                {
                    children.Add(Bind(ChildRole.Weighted, $"spec.highestRandomWeight.services[{i++}]", item));
                }
            }

            return (TraefikServiceType.HighestRandomWeight, children.ToImmutable());
        }

        if (spec.UnmodelledFields?.TryGetValue("failover", out var failover) == true && failover.ValueKind == JsonValueKind.Object)
        {
            var children = ImmutableList.CreateBuilder<ServiceChild>();
            children.Add(failover.TryGetProperty("service", out var main)
                ? Bind(ChildRole.FailoverService, "spec.failover.service", main)
                : new ServiceChild(ChildRole.FailoverService, "spec.failover.service", null, null, "is missing: a failover needs a service."));
            children.Add(failover.TryGetProperty("fallback", out var fallback)
                ? Bind(ChildRole.FailoverFallback, "spec.failover.fallback", fallback)
                : new ServiceChild(ChildRole.FailoverFallback, "spec.failover.fallback", null, null, "is missing: a failover needs a fallback."));
            return (TraefikServiceType.Failover, children.ToImmutable());
        }

        return (TraefikServiceType.None, []);
    }

    /// <summary>The children only, for walkers that do not care about the type.</summary>
    public static ImmutableList<ServiceChild> Of(TraefikService service) => Read(service).Children;

    private static ServiceChild Bind(ChildRole role, string path, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new ServiceChild(role, path, null, null, "is not a service object.");
        }

        try
        {
            var reference = element.Deserialize(ManifestJsonContext.Default.ServiceReference);
            return reference is null
                ? new ServiceChild(role, path, null, null, "is empty.")
                : new ServiceChild(role, path, reference, null, null);
        }
        catch (JsonException e)
        {
            return new ServiceChild(role, path, null, null, "does not bind to a service reference: " + e.Message);
        }
    }
}
