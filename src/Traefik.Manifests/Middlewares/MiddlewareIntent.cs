using System.Collections.Immutable;
using System.Text.Json;

namespace Traefik.Manifests.Middlewares;

/// <summary>
/// An HTTP Middleware to write (<see cref="HttpMiddlewares.Upsert(Model.ManifestSet, string, string, MiddlewareIntent)"/>): a
/// type and its fields in the CRD's own shape, checked against the Middleware CRD, with the library's defaults and a
/// few conveniences. The middleware's name and namespace are the arguments of the operation.
/// </summary>
/// <remarks>
/// Defaults: <c>redirectScheme</c> redirects to <c>https</c> permanently, and <c>replacePathRegex</c> replaces with
/// an empty string, unless the fields say otherwise. A <c>stripPrefix</c> whose fields hold <c>regex</c> (and no
/// <c>prefixes</c>) is written as <c>stripPrefixRegex</c>, with a warning saying so.
/// </remarks>
public sealed record MiddlewareIntent
{
    /// <summary>The type: its CRD key, for example <c>rateLimit</c> (see <see cref="MiddlewareTypes"/>).</summary>
    public required string Type { get; init; }

    /// <summary>
    /// The type's fields in the CRD's camelCase shape, for example <c>{"average": 100, "burst": 200}</c> for
    /// <c>rateLimit</c> (<c>{"rateLimit": {…}}</c> is accepted too); for a plugin, its configuration. A field the CRD
    /// does not have, or a value of the wrong type, is refused.
    /// </summary>
    public JsonElement? Fields { get; init; }

    /// <summary>For a plugin: the plugin name declared in Traefik's static configuration (<c>experimental.plugins</c>).</summary>
    public string? Plugin { get; init; }

    /// <summary>For a circuit breaker: the trigger its expression is built from, instead of <c>fields.expression</c>.</summary>
    public CircuitBreakerTrigger? Trigger { get; init; }

    /// <summary>For a chain: its middlewares in order, each <c>name</c>, <c>namespace/name</c> or <c>name@provider</c> (instead of <c>fields.middlewares</c>).</summary>
    public ImmutableList<string>? Chain { get; init; }
}
