using System.Collections.Immutable;
using System.Text.Json.Nodes;
using k8s.Models;
using Traefik.Manifests.Impact;
using Traefik.Manifests.Model;
using Traefik.Manifests.Validation;

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

    /// <summary>
    /// The object an operation creates or replaces, or null when there is none yet. An object with the same kind,
    /// namespace and name that this library does not model (another apiVersion) is never overwritten.
    /// </summary>
    /// <exception cref="ManifestException">The key holds a foreign object; <paramref name="path"/> names the argument that chose the name.</exception>
    public T? Replaceable<T>(string kind, string @namespace, string name, string path)
        where T : KubernetesObject
    {
        var key = new ObjectKey(kind, @namespace, name);
        if (!Current.TryGet(key, out var found))
        {
            return null;
        }

        if (found is T typed && TraefikApi.IsTraefikApiVersion(typed.ApiVersion))
        {
            return typed;
        }

        throw new ManifestException(path, $"{key} exists with apiVersion {found.ApiVersion}, which this library does not write; it was not made by this library, so it is not overwritten. Change it by hand, delete it first, or choose another name.");
    }

    /// <summary>
    /// The one create-or-replace path: builds the object from the one it replaces (null when new) and metadata that
    /// keeps an existing object's labels and annotations (with the managed-by label on a new one), keeps the
    /// existing object's apiVersion, and sets it. Foreign objects are refused (see <see cref="Replaceable{T}"/>).
    /// </summary>
    public T CreateOrReplace<T>(string kind, string @namespace, string name, string path, string? partOf, Func<T?, V1ObjectMeta, T> build)
        where T : KubernetesObject
    {
        ArgumentNullException.ThrowIfNull(build);
        var existing = Replaceable<T>(kind, @namespace, name, path);
        var value = build(existing, ObjectMetadata.For(name, @namespace, existing?.Metadata, partOf));
        if (existing is not null && value.ApiVersion != existing.ApiVersion)
        {
            value = value with { ApiVersion = existing.ApiVersion };
        }

        Set(value);
        return value;
    }

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

    public OperationResult<TOutcome> Result<TOutcome>(TOutcome outcome, ChangeAllowance? allowed = null)
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
            Allowed = allowed ?? ChangeAllowance.None,
        };
    }
}
