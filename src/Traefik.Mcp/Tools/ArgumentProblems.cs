using Traefik.Manifests.Validation;

namespace Traefik.Mcp.Tools;

/// <summary>Collects every problem with a tool's arguments, then throws them together (like the library's validation).</summary>
internal sealed class ArgumentProblems
{
    private readonly List<ManifestProblem> _items = [];

    /// <summary>Adds a problem with the argument at <paramref name="path"/>.</summary>
    public void Add(string path, string message) => _items.Add(new ManifestProblem(path, message));

    /// <summary>True when a problem was added.</summary>
    public bool Any => _items.Count > 0;

    /// <summary>
    /// Runs <paramref name="operation"/> (the library's validation) and reports its problems together with
    /// these, so one call lists everything to fix. Library problems at a path in <paramref name="covered"/>
    /// are dropped when these already explain them.
    /// </summary>
    public T Together<T>(Func<T> operation, string headline, params string[] covered)
    {
        ArgumentNullException.ThrowIfNull(operation);
        T result;
        try
        {
            result = operation();
        }
        catch (ManifestException e) when (Any)
        {
            throw new ManifestException(headline, [.. _items, .. e.Problems.Where(p => !covered.Contains(p.Path))]);
        }

        ThrowIfAny(headline);
        return result;
    }

    /// <summary>Throws one <see cref="ManifestException"/> with every problem, when there is any.</summary>
    public void ThrowIfAny(string headline)
    {
        if (_items.Count > 0)
        {
            throw new ManifestException(headline, [.. _items]);
        }
    }
}
