using Traefik.Manifests.Model;

namespace Traefik.Manifests.Middlewares;

/// <summary>
/// <c>encodedCharacters</c> (Traefik 3.7+): which percent-encoded characters a request path may contain.
/// Each defaults to false (rejected with 400).
/// </summary>
public sealed record EncodedCharactersSpec : JsonRecord
{
    /// <summary>Allow <c>%2F</c> (<c>/</c>).</summary>
    public bool? AllowEncodedSlash { get; init; }

    /// <summary>Allow <c>%5C</c> (<c>\</c>).</summary>
    public bool? AllowEncodedBackSlash { get; init; }

    /// <summary>Allow <c>%00</c>.</summary>
    public bool? AllowEncodedNullCharacter { get; init; }

    /// <summary>Allow <c>%3B</c> (<c>;</c>).</summary>
    public bool? AllowEncodedSemicolon { get; init; }

    /// <summary>Allow <c>%25</c> (<c>%</c>).</summary>
    public bool? AllowEncodedPercent { get; init; }

    /// <summary>Allow <c>%3F</c> (<c>?</c>).</summary>
    public bool? AllowEncodedQuestionMark { get; init; }

    /// <summary>Allow <c>%23</c> (<c>#</c>).</summary>
    public bool? AllowEncodedHash { get; init; }
}
