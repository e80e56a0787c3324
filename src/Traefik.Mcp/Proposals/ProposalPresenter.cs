using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Traefik.GitOps;
using Traefik.GitOps.Delivery;
using Traefik.GitOps.Proposals;
using Traefik.Manifests.Affinity;
using Traefik.Manifests.Impact;
using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Mirroring;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Tcp;
using Traefik.Manifests.Transports;
using Traefik.Mcp.Configuration;

namespace Traefik.Mcp.Proposals;

/// <summary>Turns a delivery result into the structured view and the text a person reads.</summary>
internal static class ProposalPresenter
{
    public static ProposalView View(DeliveryResult result, string? statusOverride = null, string? messageOverride = null)
    {
        var p = result.Proposal;
        var status = statusOverride ?? result.Outcome switch
        {
            DeliveryOutcome.NoChanges => "no_changes",
            DeliveryOutcome.Previewed => "proposed",
            DeliveryOutcome.NotDelivered => "base_moved",
            _ => "delivered",
        };
        return new ProposalView
        {
            Id = p.Id,
            Title = p.Title,
            Summary = p.Summary,
            Status = status,
            Delivery = new DeliveryView
            {
                Mode = SettingsLoader.Name(result.Mode),
                Outcome = statusOverride == "base_moved" ? "not_delivered" : Snake(result.Outcome.ToString()),
                Branch = result.Mode == DeliveryMode.Worktree ? null : result.Branch ?? p.Branch,
                Commit = result.Commit,
                PullRequestUrl = result.PullRequest?.Url,
                PullRequestNumber = result.PullRequest?.Number,
                Message = messageOverride ?? result.Message,
            },
            ObjectChanges = p.ObjectChanges.Select(c => new ObjectChangeView
            {
                Change = c.Type.ToString().ToLowerInvariant(),
                Kind = c.Kind,
                Namespace = c.Namespace,
                Name = c.Name,
                File = c.File,
                Values = c.Values.Select(v => new ValueChangeView { Field = v.Field, Before = v.Before, After = v.After }).ToList(),
            }).ToList(),
            Files = p.FileChanges.Select(f => new FileChangeView { Path = f.Path, Change = f.Kind.ToString().ToLowerInvariant() }).ToList(),
            Diff = p.Diff,
            Warnings = p.Warnings,
            Validation = new ValidationView
            {
                Valid = !p.Validation.HasErrors,
                ObjectsChecked = p.Validation.ObjectsChecked,
                Summary = p.Validation.Summary,
                Issues = p.Validation.Issues.Select(i => new ValidationIssueView
                {
                    Severity = i.Severity.ToString().ToLowerInvariant(),
                    Object = i.Object,
                    Path = i.Path,
                    Message = i.Message,
                }).ToList(),
                UnreadableFiles = Resources.UnreadableFileView.Of(p.Validation.UnreadableFiles),
            },
            TrafficImpact = [.. p.TrafficImpact.Select(Impact)],
            Outcome = Outcome(p.Outcome),
            Basis = new BasisView
            {
                Mode = SettingsLoader.Name(p.Basis.Mode),
                BaseBranch = p.Basis.BaseBranch,
                BaseCommit = p.Basis.BaseCommit,
                PendingBranch = p.Basis.IsPendingBranch,
                DependsOn = p.Basis.DependsOn,
            },
        };
    }

    public static string Text(ProposalView view)
    {
        var sb = new StringBuilder();
        sb.Append("## ").Append(view.Title).Append('\n').Append('\n');
        sb.Append(view.Summary).Append('\n').Append('\n');
        sb.Append("Status: ").Append(view.Status switch
        {
            "proposed" => "proposed — nothing was written (review the diff, then deliver it with traefik_deliver_proposal)",
            "no_changes" => "no changes — the intent is already satisfied; nothing was committed, pushed or opened",
            "base_moved" => "NOT delivered — the repository moved since the proposal was reviewed, so its diff would differ; the new proposal is below",
            _ => "delivered",
        }).Append('\n');
        sb.Append("Delivery: ").Append(view.Delivery.Mode).Append(" — ").Append(view.Delivery.Message).Append('\n');
        if (view.Delivery.Branch is { } branch)
        {
            sb.Append("Branch: ").Append(branch).Append('\n');
        }

        if (view.Basis.DependsOn is { } dependency)
        {
            sb.Append("Builds on: ").Append(dependency).Append(" (a pending proposal this change needs; its branch carries that change too)\n");
        }

        if (view.Delivery.Commit is { } commit)
        {
            sb.Append("Commit: ").Append(commit).Append('\n');
        }

        if (view.Delivery.PullRequestUrl is { } url)
        {
            sb.Append("Pull request: #").Append(view.Delivery.PullRequestNumber?.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(url).Append('\n');
        }

        sb.Append("Proposal id: ").Append(view.Id).Append('\n');
        if (view.Outcome is { } outcome && outcome["status"]?.GetValue<string>() is { } mirrorStatus)
        {
            sb.Append("Mirror status: ").Append(mirrorStatus switch
            {
                "active" => "active — an IngressRoute points at the mirror in the desired state",
                "waiting_on_ingress" => "waiting on an ingress change — no IngressRoute points at the mirror yet, so it receives no traffic",
                _ => mirrorStatus,
            }).Append('\n');
        }

        if (view.TrafficImpact.Count > 0)
        {
            sb.Append("\n### Traffic impact\n");
            foreach (var impact in view.TrafficImpact)
            {
                sb.Append("- ").Append(impact.Match).Append(": ").AppendJoin("; ", impact.Differences).Append(" (").Append(impact.Router).Append(")\n");
            }
        }

        if (view.ObjectChanges.Count > 0)
        {
            sb.Append("\n### Object changes\n");
            foreach (var c in view.ObjectChanges)
            {
                sb.Append("- ").Append(c.Change).Append(' ').Append(c.Kind).Append(' ').Append(c.Namespace).Append('/').Append(c.Name).Append(" (").Append(c.File).Append(")\n");
                foreach (var v in c.Values)
                {
                    sb.Append("    ").Append(v.Field).Append(": ").Append(v.Before ?? "—").Append(" → ").Append(v.After ?? "—").Append('\n');
                }
            }
        }

        if (view.Warnings.Count > 0)
        {
            sb.Append("\n### Warnings\n");
            foreach (var w in view.Warnings)
            {
                sb.Append("- ").Append(w).Append('\n');
            }
        }

        sb.Append("\n### Validation\n").Append(view.Validation.Summary).Append('\n');
        foreach (var issue in view.Validation.Issues)
        {
            sb.Append("- ").Append(issue.Severity).Append(": ").Append(issue.Object).Append(' ').Append(issue.Path).Append(": ").Append(issue.Message).Append('\n');
        }

        if (view.Validation.UnreadableFiles is { } unreadable)
        {
            sb.Append("\n### Unreadable files\nWhat these define is unknown to this plan, so it is not valid and only diff delivery works until they are fixed or excluded (--exclude):\n");
            foreach (var file in unreadable)
            {
                sb.Append("- ").Append(file.Path);
                if (file.Line is { } line)
                {
                    sb.Append(", line ").Append(line.ToString(CultureInfo.InvariantCulture));
                    if (file.Column is { } column)
                    {
                        sb.Append(", column ").Append(column.ToString(CultureInfo.InvariantCulture));
                    }
                }

                sb.Append(": ").Append(file.Reason).Append('\n');
            }
        }

        if (view.Diff.Length > 0)
        {
            sb.Append("\n### Diff\n```diff\n").Append(view.Diff);
            if (!view.Diff.EndsWith('\n'))
            {
                sb.Append('\n');
            }

            sb.Append("```\n");
        }

        return sb.ToString();
    }

    /// <summary>The structured form of one router's impact.</summary>
    public static TrafficImpactView Impact(RouterImpact impact)
    {
        ArgumentNullException.ThrowIfNull(impact);
        return new TrafficImpactView
        {
            Router = impact.Router,
            Match = impact.Match,
            Change = impact.Change.ToString().ToLowerInvariant(),
            Differences = impact.Differences,
            Before = State(impact.Before),
            After = State(impact.After),
        };
    }

    /// <summary>The structured form of a router's effective model.</summary>
    public static RouterStateView? State(EffectiveRouter? router) => router is null
        ? null
        : new RouterStateView
        {
            EntryPoints = router.EntryPoints,
            Tls = router.Tls is { } tls
                ? new RouterTlsView
                {
                    SecretName = tls.SecretName,
                    CertResolver = tls.CertResolver,
                    Options = tls.Options,
                    Store = tls.Store,
                    Domains = tls.Domains.IsEmpty ? null : tls.Domains,
                    Passthrough = tls.Passthrough,
                }
                : null,
            Middlewares = [.. router.Middlewares.Select(m => m.ToString())],
            Backends = [.. router.Backends.Select(b => new ImpactBackendView
            {
                Service = b.Service,
                Namespace = b.Namespace,
                Port = b.Port,
                Share = b.Share,
                Fallback = b.Fallback ? true : null,
                Options = Options(b.Options),
            })],
            Mirrors = [.. router.Mirrors.Select(m => new ImpactMirrorView { Service = m.Service, Namespace = m.Namespace, Port = m.Port, Percent = m.Percent })],
            Problems = router.Problems,
        };

    private static JsonObject Options(IReadOnlyDictionary<string, string> options)
    {
        var json = new JsonObject();
        foreach (var (key, value) in options)
        {
            json[key] = JsonNode.Parse(value);
        }

        return json;
    }

    /// <summary>Serialises an operation outcome with the server's snake_case JSON.</summary>
    public static JsonObject? Outcome(object? outcome)
    {
        var ctx = McpJsonContext.Default;
        JsonNode? node = outcome switch
        {
            null => null,
            WeightedRouteOutcome o => JsonSerializer.SerializeToNode(o, ctx.WeightedRouteOutcome),
            SimpleRouteOutcome o => JsonSerializer.SerializeToNode(o, ctx.SimpleRouteOutcome),
            RouteDeletion o => JsonSerializer.SerializeToNode(o, ctx.RouteDeletion),
            MirrorOutcome o => JsonSerializer.SerializeToNode(o, ctx.MirrorOutcome),
            MiddlewareOutcome o => JsonSerializer.SerializeToNode(o, ctx.MiddlewareOutcome),
            RouteMiddlewaresOutcome o => JsonSerializer.SerializeToNode(o, ctx.RouteMiddlewaresOutcome),
            ServersTransportOutcome o => JsonSerializer.SerializeToNode(o, ctx.ServersTransportOutcome),
            TransportLinkOutcome o => JsonSerializer.SerializeToNode(o, ctx.TransportLinkOutcome),
            StickySessionOutcome o => JsonSerializer.SerializeToNode(o, ctx.StickySessionOutcome),
            TcpRouteOutcome o => JsonSerializer.SerializeToNode(o, ctx.TcpRouteOutcome),
            ObjectKey o => JsonSerializer.SerializeToNode(o, ctx.ObjectKey),
            _ => null,
        };
        return node as JsonObject;
    }

    private static string Snake(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(pascal[i]));
        }

        return sb.ToString();
    }
}
