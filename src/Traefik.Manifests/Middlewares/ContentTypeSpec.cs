using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary>
/// <c>contentType</c>: its presence (<c>contentType: {}</c>) makes Traefik detect and set a missing
/// <c>Content-Type</c>, as Traefik v2 did by default. The deprecated <c>autoDetect</c> is not modelled;
/// it rides along when a file has it.
/// </summary>
public sealed record ContentTypeSpec : JsonRecord
{
}
