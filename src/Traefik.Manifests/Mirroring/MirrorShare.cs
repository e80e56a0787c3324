namespace Traefik.Manifests.Mirroring;

/// <summary>A mirror and the share of requests copied to it.</summary>
/// <param name="Service">The mirrored Service.</param>
/// <param name="Port">Its port, as written.</param>
/// <param name="Percent">Percentage of requests copied.</param>
public sealed record MirrorShare(string Service, string? Port, int Percent);
