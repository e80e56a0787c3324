using System.Collections.Immutable;
using System.Text;
using Traefik.GitOps.Editing;
using Traefik.GitOps.Git;
using Traefik.GitOps.Intents;
using Traefik.GitOps.Layout;
using Traefik.GitOps.Proposals;
using Traefik.Manifests.Impact;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Validation;

namespace Traefik.GitOps.Planning;

/// <summary>
/// Plans an intent on one basis: applies it, checks its traffic impact, works out the file changes
/// (<see cref="ChangePlanner"/>), renders git's own diff of them, refuses a credential written into a file, and
/// validates the result. Nothing is written anywhere but libgit2's in-memory store. It keeps the text and parse
/// of the files plans edited lately: a route changed call after call is read from git and parsed once, not per
/// plan (keyed by blob id and by text, so neither can go stale).
/// </summary>
internal sealed class ProposalPlanner(GitOpsContext context)
{
    private readonly BoundedCache<string, FileText> _edited = new(32, StringComparer.Ordinal);
    private readonly BoundedCache<string, ParsedYaml> _parsed = new(32, StringComparer.Ordinal);

    /// <summary>The proposal of <paramref name="intent"/> on <paramref name="basis"/>, for <paramref name="branch"/>.</summary>
    /// <exception cref="ManifestException">The intent does not apply, or its traffic impact goes beyond what it was asked to change.</exception>
    /// <exception cref="GitOpsException">An object is defined twice, a file cannot be edited or written, or the change would write a credential.</exception>
    public Proposal Plan(GitSession session, PlanBasis basis, ITrafficIntent intent, string branch)
    {
        var state = basis.State;
        var duplicates = state.Duplicates.ToList();
        if (duplicates.Count > 0)
        {
            throw new GitOpsException(
                "The same object is defined more than once, so it is unclear which definition to change (Kubernetes would apply whichever comes last). Keep one definition of each: "
                + string.Join("; ", duplicates.Select(d => $"{d.Key} in {string.Join(" and ", d.Definitions.Select(x => x.Location))}")) + ".");
        }

        var result = intent.Apply(state.Objects);
        var impact = Impact(intent, state.Objects, result);
        var planned = result.IsNoOp ? null : ChangePlanner.Plan(state, result, f => f.Text ?? _edited.GetOrAdd(f.BlobId!, id => FileText.Decode(session.ReadBlob(id))), _parsed, intent.Target);
        var id = ShortHash.Of(intent.Fingerprint + "\n" + basis.Public.Identity, 16);
        if (planned is null || planned.Changes.IsEmpty)
        {
            return new Proposal
            {
                Id = id,
                Title = intent.Title,
                Summary = $"{intent.Title}\nNo changes: the intent is already satisfied.",
                Intent = intent,
                Basis = basis.Public,
                Branch = branch,
                ObjectChanges = [],
                FileChanges = [],
                Diff = string.Empty,
                Warnings = result.Warnings,
                Validation = new ValidationReport([], 0) { UnreadableFiles = [.. state.Unreadable.Values] },
                Outcome = result.Outcome,
                FileBytes = ImmutableSortedDictionary.Create<string, byte[]?>(StringComparer.Ordinal),
            };
        }

        var baseTree = session.TreeOfCommit(basis.Public.Commit);
        var oldTree = basis.Overlay.Count == 0
            ? baseTree
            : session.BuildTree(baseTree, planned.Bytes.Keys.Where(basis.Overlay.ContainsKey).Select(p => (p, basis.Overlay[p] is { } t ? t.Encode(t.Text) : null)));
        foreach (var added in planned.Changes.Where(c => c.Kind == FileChangeKind.Added))
        {
            session.ThrowIfNotWritable(oldTree, added.Path);
            if (session.FirstNonFolder(oldTree, added.Path) is { } existing && existing.Path == added.Path)
            {
                throw new GitOpsException($"Refusing to create {added.Path}: the repository already has a file there that is not read as manifests (it is excluded). Nothing was planned; move that file, or stop excluding it.");
            }
        }

        // The full new tree is only built when a delivery commits it; the diff needs only the changed paths.
        var diff = session.ChangePatch(oldTree, [.. planned.Bytes.Select(b => (b.Key, b.Value))]);
        RefuseCredentials(planned.Changes);
        var objectChanges = result.Changes
            .Select(c => new ObjectChangeSummary(
                c.Type,
                c.Key.Kind,
                c.Key.Namespace,
                c.Key.Name,
                planned.ObjectFiles.TryGetValue(c.Key, out var file) ? file : GitOpsLayout.PathFor(context.Root, intent.Target, c.Key),
                ValueDiff.Describe(c.Before, c.After)))
            .ToImmutableList();
        var validation = ProposalValidator.Validate(state.Objects, result) with { UnreadableFiles = [.. state.Unreadable.Values] };
        return new Proposal
        {
            Id = id,
            Title = intent.Title,
            Summary = Summarize(intent, objectChanges, planned.Changes, result.Warnings, validation),
            Intent = intent,
            Basis = basis.Public,
            Branch = branch,
            ObjectChanges = objectChanges,
            FileChanges = planned.Changes,
            Diff = diff,
            Warnings = result.Warnings,
            Validation = validation,
            Outcome = result.Outcome,
            TrafficImpact = impact,
            FileBytes = planned.Bytes,
        };
    }

    /// <summary>
    /// The traffic impact of a result: the routers whose effect on users changes. Refuses the intent when users would
    /// get anything it was not asked to change (or a router would start to fail).
    /// </summary>
    private static ImmutableList<RouterImpact> Impact(ITrafficIntent intent, ManifestSet before, IntentResult result)
    {
        if (result.IsNoOp)
        {
            return [];
        }

        var impact = TrafficImpact.Compute(before, result.Objects, result.Changes);
        var violations = TrafficImpact.Violations(before, result.Changes, impact, result.Allowed);
        if (violations.Count > 0)
        {
            throw new ManifestException(
                $"'{intent.Title}' was refused: it would change what users get beyond what was asked. Nothing was planned.",
                violations);
        }

        return impact;
    }

    /// <summary>
    /// Refuses a change that would write a credential this repository was given (the git or GitHub token, in
    /// any encoding) into a file: it would end up in a commit, a pull request and every clone.
    /// </summary>
    private void RefuseCredentials(IEnumerable<FileChange> changes)
    {
        foreach (var change in changes.Where(c => c.NewContent is not null))
        {
            if (context.Redactor.Source(change.NewContent) is { } source && context.Redactor.Source(change.OldContent) is null)
            {
                throw new GitOpsException($"The change would write the credential from {source} into {change.Path}; refusing. Reference a Kubernetes Secret instead of putting a credential in a manifest.");
            }
        }
    }

    private static string Summarize(ITrafficIntent intent, ImmutableList<ObjectChangeSummary> objects, ImmutableList<FileChange> files, ImmutableList<string> warnings, ValidationReport validation)
    {
        var sb = new StringBuilder(intent.Title).Append('\n');
        foreach (var change in objects)
        {
            var verb = change.Type switch { ChangeType.Created => "Creates", ChangeType.Deleted => "Deletes", _ => "Updates" };
            sb.Append("- ").Append(verb).Append(' ').Append(change.Kind).Append(' ').Append(change.Namespace).Append('/').Append(change.Name)
                .Append(" in ").Append(change.File);
            if (change.Type == ChangeType.Updated && change.Values.Count > 0)
            {
                sb.Append(": ").AppendJoin("; ", change.Values.Select(v => $"{v.Field} {v.Before ?? "(none)"} → {v.After ?? "(none)"}"));
            }

            sb.Append('\n');
        }

        var counts = files.GroupBy(f => f.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
        sb.Append("Files: ").AppendJoin(", ", counts).Append('.').Append('\n');
        foreach (var warning in warnings)
        {
            sb.Append("Warning: ").Append(warning).Append('\n');
        }

        sb.Append(validation.Summary);
        return sb.ToString();
    }
}
