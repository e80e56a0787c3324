namespace Traefik.Manifests;

/// <summary>
/// How much work one YAML text may cause when it is read. Repository contents are untrusted: a small file can
/// describe exponential work (aliases that copy aliases) or nest deep enough to exhaust the stack, so every read
/// is bounded, and a text over a bound is refused with the line where it went over. Parsing is linear in the
/// text within these bounds.
/// </summary>
public sealed record YamlLimits
{
    /// <summary>The default <see cref="MaxBytes"/>: 4 MiB.</summary>
    public const int DefaultMaxBytes = 4 * 1024 * 1024;

    /// <summary>The default <see cref="MaxDepth"/>.</summary>
    public const int DefaultMaxDepth = 100;

    /// <summary>The default <see cref="MaxAliasExpansion"/>.</summary>
    public const int DefaultMaxAliasExpansion = 100_000;

    /// <summary>The defaults.</summary>
    public static YamlLimits Default { get; } = new();

    /// <summary>
    /// The largest text read, in UTF-8 bytes.
    /// <value>The default value is 4 MiB (<see cref="DefaultMaxBytes"/>).</value>
    /// </summary>
    public int MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>
    /// How deep collections may nest (a mapping in a sequence in a mapping is depth 3), aliases included.
    /// <value>The default value is 100.</value>
    /// </summary>
    public int MaxDepth { get; init; } = DefaultMaxDepth;

    /// <summary>
    /// How much aliases may copy in one text: every node an alias repeats counts 1, plus the characters of each
    /// repeated scalar. A few aliases of a shared block stay far below it; ten levels of aliases that each repeat
    /// the one before (a "billion laughs" text) go over it after a few thousand copies.
    /// <value>The default value is 100,000.</value>
    /// </summary>
    public int MaxAliasExpansion { get; init; } = DefaultMaxAliasExpansion;
}
