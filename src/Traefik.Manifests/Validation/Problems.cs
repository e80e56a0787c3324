namespace Traefik.Manifests.Validation;

/// <summary>Collects problems while validating, then throws them all at once.</summary>
internal sealed class Problems
{
    private readonly List<ManifestProblem> _items = [];

    public bool Any => _items.Count > 0;

    public int Count => _items.Count;

    public IReadOnlyList<ManifestProblem> Items => _items;

    public void Add(string path, string message) => _items.Add(new ManifestProblem(path, message));

    public void AddRange(IEnumerable<ManifestProblem> problems) => _items.AddRange(problems);

    /// <summary>Runs a check that reports through its return value (null = fine).</summary>
    public void Check(string path, string? error)
    {
        if (error is not null)
        {
            Add(path, error);
        }
    }

    public void ThrowIfAny(string headline)
    {
        if (_items.Count > 0)
        {
            throw new ManifestException(headline, _items.ToArray());
        }
    }
}
