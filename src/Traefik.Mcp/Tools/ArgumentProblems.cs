using Traefik.Manifests.Validation;

namespace Traefik.Mcp.Tools;

/// <summary>Collects every problem with a tool's arguments, then throws them together (like the library's validation).</summary>
internal sealed class ArgumentProblems
{
    private readonly List<ManifestProblem> _items = [];

    /// <summary>Adds a problem with the argument at <paramref name="path"/>.</summary>
    public void Add(string path, string message) => _items.Add(new ManifestProblem(path, message));

    /// <summary>Throws one <see cref="ManifestException"/> with every problem, when there is any.</summary>
    public void ThrowIfAny(string headline)
    {
        if (_items.Count > 0)
        {
            throw new ManifestException(headline, [.. _items]);
        }
    }
}
