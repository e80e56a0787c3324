namespace Traefik.Manifests.Impact;

/// <summary>A middleware on a router.</summary>
public sealed record RouterMiddleware
{
    /// <summary>The middleware: <c>namespace/name</c>, or <c>name@provider</c> for one of another provider.</summary>
    public required string Name { get; init; }

    /// <summary>Its type (for example <c>rateLimit</c>), or null when it is of another provider or missing.</summary>
    public string? Type { get; init; }

    /// <summary>What it does in one line, or null when it is of another provider or missing.</summary>
    public string? Summary { get; init; }

    /// <summary>Its spec (and, for a chain, its members' specs) as canonical JSON, so a change to it shows as a change of the router.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>The name, with the summary when there is one.</summary>
    public override string ToString() => Summary is null ? Name : $"{Name} ({Summary})";
}
