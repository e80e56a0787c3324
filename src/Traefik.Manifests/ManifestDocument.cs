using System.Text.Json.Nodes;
using Traefik.Manifests.Model;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests;

/// <summary>One document of a YAML stream, with its position in the text.</summary>
/// <param name="Index">Zero-based position of the document in the stream.</param>
/// <param name="Json">The document as JSON, in the key order of the text (null for an empty document).</param>
/// <param name="Object">The Kubernetes object, or null when the document is not one.</param>
/// <param name="Start">Offset of the document's first character in the text.</param>
/// <param name="End">Offset just past the document's last character.</param>
/// <param name="HasComments">True when the document contains comments, which a rewrite would lose.</param>
public sealed record ManifestDocument(int Index, JsonNode? Json, KubernetesObject? Object, int Start, int End, bool HasComments)
{
    /// <summary>Why a document that looks like a Kubernetes object could not be read as one (empty otherwise).</summary>
    public IReadOnlyList<ManifestProblem> Problems { get; init; } = [];

    /// <summary>The offsets in the text of the comments between <see cref="Start"/> and <see cref="End"/>, in order.</summary>
    public IReadOnlyList<int> Comments { get; init; } = [];
}
