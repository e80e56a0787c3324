using System.Collections.Immutable;
using Traefik.GitOps.Intents;
using Traefik.GitOps.Proposals;
using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Schemas;
using Traefik.Manifests.Validation;

namespace Traefik.GitOps.Planning;

/// <summary>
/// Validates the objects a change touches, so the cost follows the size of the change: each created or
/// updated Traefik object against the official CRD schema, the references it makes (to TraefikServices,
/// Middlewares, ServersTransports), and the references other objects still make to an object it deletes
/// (for example a mirror deleted while a route points at it). A problem the object already had before the
/// change is reported as a warning; one the change introduces is an error.
/// </summary>
internal static class ProposalValidator
{
    public static ValidationReport Validate(ManifestSet before, IntentResult result)
    {
        var errors = new List<ValidationIssue>();
        var warnings = new List<ValidationIssue>();
        var after = result.Objects;
        var checkedCount = 0;
        foreach (var change in result.Changes)
        {
            checkedCount++;
            if (change.After is { } value)
            {
                var previous = change.Type == ChangeType.Updated ? change.Before : null;
                if (TraefikApi.IsTraefikApiVersion(value.ApiVersion))
                {
                    var schema = CrdSchema.TraefikV3;
                    if (!schema.Covers(value.ApiVersion, value.Kind) && value.ApiVersion == TraefikApi.Version)
                    {
                        errors.Add(new ValidationIssue(ValidationSeverity.Error, value.Key.ToString(), "kind", $"{value.Kind} is not a Traefik v3 kind."));
                    }

                    var old = previous is null ? [] : schema.Validate(previous);
                    foreach (var problem in schema.Validate(value))
                    {
                        var known = old.Any(o => o.Path == problem.Path && o.Message == problem.Message);
                        (known ? warnings : errors).Add(new ValidationIssue(
                            known ? ValidationSeverity.Warning : ValidationSeverity.Error,
                            value.Key.ToString(),
                            problem.Path,
                            known ? problem.Message + " (already so before this change)" : problem.Message));
                    }
                }

                var oldDangling = previous is null
                    ? []
                    : References.Of(previous).Where(u => !before.Contains(u.Target)).Select(u => (u.Path, u.Target)).ToHashSet();
                foreach (var use in References.Of(value))
                {
                    if (after.Contains(use.Target))
                    {
                        continue;
                    }

                    var known = oldDangling.Contains((use.Path, use.Target));
                    var message = $"refers to {use.Target.Kind} {use.Target.Namespace}/{use.Target.Name}, which does not exist; Traefik would drop this {(value.Kind == TraefikApi.IngressRouteKind ? "router" : "service")}.";
                    (known ? warnings : errors).Add(new ValidationIssue(
                        known ? ValidationSeverity.Warning : ValidationSeverity.Error,
                        value.Key.ToString(),
                        use.Path,
                        known ? message + " (already so before this change)" : message));
                }
            }
            else if (change.Type == ChangeType.Deleted)
            {
                foreach (var use in References.UsesOf(after, change.Key))
                {
                    errors.Add(new ValidationIssue(
                        ValidationSeverity.Error,
                        use.From.ToString(),
                        use.Path,
                        $"still refers to {change.Key}, which this change deletes; Traefik would drop this {(use.From.Kind == TraefikApi.IngressRouteKind ? "router" : "service")}."));
                }
            }
        }

        return new ValidationReport([.. errors, .. warnings], checkedCount);
    }
}
