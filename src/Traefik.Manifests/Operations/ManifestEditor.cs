using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Traefik.Manifests.Model;

namespace Traefik.Manifests.Operations;

/// <summary>
/// Applies an operation's edits to a <see cref="ManifestSet"/> and records what changed, so every
/// operation reports its changes the same way. Updates that render to the same bytes are not changes.
/// </summary>
internal sealed class ManifestEditor
{
    private readonly ManifestSet _original;
    private readonly SortedSet<ObjectKey> _touched = [];
    private readonly List<string> _warnings = [];

    public ManifestEditor(ManifestSet original)
    {
        ArgumentNullException.ThrowIfNull(original);
        _original = original;
        Current = original;
    }

    public ManifestSet Current { get; private set; }

    public T? Find<T>(string kind, string @namespace, string name)
        where T : KubernetesObject => Current.Find<T>(kind, @namespace, name);

    public void Set(KubernetesObject value)
    {
        Current = Current.Set(value);
        _touched.Add(value.Key);
    }

    public bool Remove(ObjectKey key)
    {
        if (!Current.Contains(key))
        {
            return false;
        }

        Current = Current.Remove(key);
        _touched.Add(key);
        return true;
    }

    public void Warn(string warning)
    {
        if (!_warnings.Contains(warning))
        {
            _warnings.Add(warning);
        }
    }

    public OperationResult<TOutcome> Result<TOutcome>(TOutcome outcome)
    {
        var changes = ImmutableList.CreateBuilder<ObjectChange>();
        foreach (var key in _touched)
        {
            _original.TryGet(key, out var before);
            Current.TryGet(key, out var after);
            if (before is null && after is not null)
            {
                changes.Add(new ObjectChange(ChangeType.Created, key, null, after));
            }
            else if (before is not null && after is null)
            {
                changes.Add(new ObjectChange(ChangeType.Deleted, key, before, null));
            }
            else if (before is not null && after is not null && !ReferenceEquals(before, after)
                     && !JsonNode.DeepEquals(ManifestYaml.ToJson(before), ManifestYaml.ToJson(after)))
            {
                changes.Add(new ObjectChange(ChangeType.Updated, key, before, after));
            }
        }

        // Unchanged objects keep their original instance, so callers can compare by reference.
        var objects = Current;
        foreach (var key in _touched)
        {
            if (_original.TryGet(key, out var before) && objects.TryGet(key, out var after) && !ReferenceEquals(before, after)
                && !changes.Any(c => c.Key == key))
            {
                objects = objects.Set(before);
            }
        }

        return new OperationResult<TOutcome>
        {
            Objects = objects,
            Changes = changes.ToImmutable(),
            Warnings = [.. _warnings],
            Outcome = outcome,
        };
    }
}
