using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;
using Traefik.GitOps.Intents;
using Traefik.GitOps.Proposals;
using Traefik.Manifests.Impact;

namespace Traefik.GitOps.Templates;

/// <summary>
/// The parsed Scriban templates (shipped defaults or the user's files) and the data they see. Every
/// template renders with strict variables, so a misspelt variable is an error naming the template.
/// </summary>
/// <remarks>
/// The user's templates are read and parsed when the repository opens, so a missing file or a syntax error
/// stops the server at start with a message naming the template. The shipped ones are known to parse (tests
/// render them) and are parsed on first use: start-up does not pay for a template engine it may not need.
/// </remarks>
internal sealed class TemplateSet
{
    /// <summary>
    /// Scriban's builtin functions (<c>string</c>, <c>date</c>, ...), built once and frozen. A context
    /// otherwise deep-copies every builtin module when it is created, which was a tenth of a plan; frozen,
    /// they are safe to share between renders and threads, and a template that tries to change one
    /// (<c>date.format = ...</c>) gets an error instead of changing it for the next render.
    /// </summary>
    private static readonly Lazy<ScriptObject> Builtins = new(() =>
    {
        var builtins = TemplateContext.GetDefaultBuiltinObject();
        foreach (var module in builtins.Values.OfType<ScriptObject>())
        {
            module.IsReadOnly = true;
        }

        builtins.IsReadOnly = true;
        return builtins;
    });

    private readonly Lazy<(Template Template, string Name)> _branch;
    private readonly Lazy<(Template Template, string Name)> _commit;
    private readonly Lazy<(Template Template, string Name)> _title;
    private readonly Lazy<(Template Template, string Name)> _body;

    private TemplateSet(Lazy<(Template, string)> branch, Lazy<(Template, string)> commit, Lazy<(Template, string)> title, Lazy<(Template, string)> body)
    {
        _branch = branch;
        _commit = commit;
        _title = title;
        _body = body;
    }

    public static TemplateSet Load(GitOpsTemplates options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TemplateSet(
            options.BranchName == GitOpsTemplates.DefaultBranchName
                ? new(() => Parse(GitOpsTemplates.DefaultBranchName, "the branch name template"))
                : new(Parse(options.BranchName, "the branch name template")),
            FromFileOrDefault(options.CommitMessagePath, "commit-message.scriban"),
            FromFileOrDefault(options.PullRequestTitlePath, "pull-request-title.scriban"),
            FromFileOrDefault(options.PullRequestBodyPath, "pull-request-body.scriban"));
    }

    public static string FingerprintHash(string fingerprint) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint)))[..12];

    public string BranchName(string @namespace, string target, string title, string fingerprint)
    {
        var model = new ScriptObject
        {
            ["namespace"] = TemplateText.BranchPart(@namespace),
            ["target"] = TemplateText.BranchPart(target),
            ["title"] = TemplateText.BranchPart(title),
            ["fingerprint_hash"] = FingerprintHash(fingerprint),
        };
        var name = Render(_branch, model).Trim();
        if (!Git.GitSession.IsValidBranchName(name))
        {
            throw new GitOpsException($"The branch name template gave '{name}', which is not a valid git branch name.");
        }

        return name;
    }

    public string CommitMessage(Proposal proposal, string baseBranch)
    {
        var model = new ScriptObject { ["proposal"] = ProposalModel(proposal, baseBranch) };
        var message = TemplateText.Block(Render(_commit, model), TemplateText.MaxMessage).TrimEnd();
        return Git.CommitTrailers.Append(message, [
            (Git.CommitTrailers.ProposalId, proposal.Id),
            (Git.CommitTrailers.Target, $"{proposal.Intent.Namespace}/{proposal.Intent.Target}"),
            (Git.CommitTrailers.DependsOn, proposal.Basis.DependsOn),
            (Git.CommitTrailers.Intent, proposal.Intent.Record?.Encode()),
        ]);
    }

    public (string Title, string Body) PullRequest(Proposal proposal, string branch, string baseBranch, IReadOnlyList<string> commits)
    {
        var model = new ScriptObject
        {
            ["proposal"] = ProposalModel(proposal, baseBranch),
            ["branch"] = TemplateText.Line(branch),
            ["base_branch"] = TemplateText.Line(baseBranch),
            ["commits"] = TemplateText.Lines(commits, TemplateText.MaxCommits, out var omitted),
            ["commits_omitted"] = omitted,
            ["commit_count"] = commits.Count,
        };
        var title = Render(_title, model).Trim();
        var newline = title.IndexOf('\n', StringComparison.Ordinal);
        return (TemplateText.Line(newline < 0 ? title : title[..newline].Trim(), TemplateText.MaxTitle)!, TemplateText.Block(Render(_body, model), TemplateText.MaxMessage).TrimEnd() + "\n");
    }

    /// <summary>
    /// What templates see of a proposal: every text one line with control characters escaped and a bounded length
    /// (the summary and the diff keep their lines, bounded too), and every list cut to a bounded number of items with
    /// the count left out beside it (<c>values_omitted</c>, <c>object_changes_omitted</c>, ...). No value a caller or a
    /// repository puts in a proposal can make a template fail, loop past its limit or write a NUL into a commit.
    /// </summary>
    private static ScriptObject ProposalModel(Proposal proposal, string baseBranch)
    {
        var changes = new ScriptArray();
        foreach (var change in proposal.ObjectChanges.Take(TemplateText.MaxObjectChanges))
        {
            var values = new ScriptArray();
            foreach (var value in change.Values.Take(TemplateText.MaxValues))
            {
                values.Add(new ScriptObject { ["field"] = TemplateText.Line(value.Field), ["before"] = TemplateText.Line(value.Before), ["after"] = TemplateText.Line(value.After) });
            }

            changes.Add(new ScriptObject
            {
                ["type"] = change.Type.ToString().ToLowerInvariant(),
                ["kind"] = TemplateText.Line(change.Kind),
                ["namespace"] = TemplateText.Line(change.Namespace),
                ["name"] = TemplateText.Line(change.Name),
                ["file"] = TemplateText.Line(change.File),
                ["values"] = values,
                ["values_omitted"] = Math.Max(0, change.Values.Count - TemplateText.MaxValues),
            });
        }

        var files = new ScriptArray();
        foreach (var file in proposal.FileChanges.Take(TemplateText.MaxFiles))
        {
            files.Add(new ScriptObject { ["path"] = TemplateText.Line(file.Path), ["kind"] = file.Kind.ToString().ToLowerInvariant() });
        }

        var issues = new ScriptArray();
        foreach (var issue in proposal.Validation.Issues.Take(TemplateText.MaxIssues))
        {
            issues.Add(new ScriptObject
            {
                ["severity"] = issue.Severity.ToString().ToLowerInvariant(),
                ["object"] = TemplateText.Line(issue.Object),
                ["path"] = TemplateText.Line(issue.Path),
                ["message"] = TemplateText.Line(issue.Message),
            });
        }

        var impact = new ScriptArray();
        foreach (var entry in proposal.TrafficImpact.Take(TemplateText.MaxObjectChanges))
        {
            impact.Add(new ScriptObject
            {
                ["router"] = TemplateText.Line(entry.Router),
                ["match"] = TemplateText.Line(entry.Match),
                ["change"] = entry.Change.ToString().ToLowerInvariant(),
                ["differences"] = TemplateText.Lines(entry.Differences, TemplateText.MaxValues, out var differencesOmitted),
                ["differences_omitted"] = differencesOmitted,
                ["summary"] = TemplateText.Line(string.Join("; ", entry.Differences)),
                ["before"] = RouterModel(entry.Before),
                ["after"] = RouterModel(entry.After),
            });
        }

        var commit = proposal.Basis.Commit ?? string.Empty;
        return new ScriptObject
        {
            ["id"] = TemplateText.Line(proposal.Id),
            ["title"] = TemplateText.Line(proposal.Title, TemplateText.MaxTitle),
            ["summary"] = TemplateText.Block(proposal.Summary, TemplateText.MaxMessage),
            ["namespace"] = TemplateText.Line(proposal.Intent.Namespace),
            ["target"] = TemplateText.Line(proposal.Intent.Target),
            ["fingerprint"] = TemplateText.Line(proposal.Intent.Fingerprint),
            ["branch"] = TemplateText.Line(proposal.Branch),
            ["base_branch"] = TemplateText.Line(baseBranch),
            ["base_commit"] = commit,
            ["base_commit_short"] = commit.Length > 7 ? commit[..7] : commit,
            ["is_pending_branch"] = proposal.Basis.IsPendingBranch,
            ["depends_on"] = TemplateText.Line(proposal.Basis.DependsOn),
            ["object_changes"] = changes,
            ["object_changes_omitted"] = Math.Max(0, proposal.ObjectChanges.Count - TemplateText.MaxObjectChanges),
            ["file_changes"] = files,
            ["file_changes_omitted"] = Math.Max(0, proposal.FileChanges.Count - TemplateText.MaxFiles),
            ["warnings"] = TemplateText.Lines(proposal.Warnings, TemplateText.MaxIssues, out var warningsOmitted),
            ["warnings_omitted"] = warningsOmitted,
            ["validation"] = new ScriptObject
            {
                ["summary"] = TemplateText.Line(proposal.Validation.Summary),
                ["has_errors"] = proposal.Validation.HasErrors,
                ["issues"] = issues,
                ["issues_omitted"] = Math.Max(0, proposal.Validation.Issues.Count - TemplateText.MaxIssues),
            },
            ["diff"] = TemplateText.Block(proposal.Diff, TemplateText.MaxDiff),
            ["traffic_impact"] = impact,
            ["traffic_impact_omitted"] = Math.Max(0, proposal.TrafficImpact.Count - TemplateText.MaxObjectChanges),
        };
    }

    /// <summary>One side of a router's impact, for templates (null when the router is absent on that side); every list and text bounded.</summary>
    private static ScriptObject? RouterModel(EffectiveRouter? router)
    {
        if (router is null)
        {
            return null;
        }

        var backends = new ScriptArray();
        foreach (var b in router.Backends.Take(TemplateText.MaxValues))
        {
            var options = new ScriptObject();
            foreach (var (key, value) in b.Options.Take(TemplateText.MaxValues))
            {
                options[TemplateText.Line(key)!] = TemplateText.Line(value);
            }

            backends.Add(new ScriptObject
            {
                ["service"] = TemplateText.Line(b.Service),
                ["namespace"] = TemplateText.Line(b.Namespace),
                ["port"] = TemplateText.Line(b.Port),
                ["share"] = b.Share,
                ["fallback"] = b.Fallback,
                ["options"] = options,
            });
        }

        var mirrors = new ScriptArray();
        foreach (var m in router.Mirrors.Take(TemplateText.MaxValues))
        {
            mirrors.Add(new ScriptObject { ["service"] = TemplateText.Line(m.Service), ["namespace"] = TemplateText.Line(m.Namespace), ["port"] = TemplateText.Line(m.Port), ["percent"] = m.Percent });
        }

        return new ScriptObject
        {
            ["entry_points"] = router.EntryPoints is null ? null : TemplateText.Lines(router.EntryPoints, TemplateText.MaxValues, out _),
            ["tls"] = TemplateText.Line(router.Tls?.ToString()),
            ["middlewares"] = TemplateText.Lines(router.Middlewares.Select(m => m.ToString()), TemplateText.MaxValues, out _),
            ["backends"] = backends,
            ["mirrors"] = mirrors,
            ["problems"] = TemplateText.Lines(router.Problems, TemplateText.MaxIssues, out _),
        };
    }

    private static string Render(Lazy<(Template Template, string Name)> parsed, ScriptObject model)
    {
        var template = parsed.Value;
        var context = new TemplateContext(Builtins.Value)
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            MemberRenamer = m => m.Name,
            LoopLimit = TemplateText.LoopLimit,
        };
        context.PushGlobal(model);
        context.PushCulture(CultureInfo.InvariantCulture);
        try
        {
            return template.Template.Render(context);
        }
        catch (ScriptRuntimeException e)
        {
            throw new GitOpsException($"{template.Name} failed to render: {e.OriginalMessage}");
        }
    }

    private static Lazy<(Template, string)> FromFileOrDefault(string? path, string resource)
    {
        if (path is null)
        {
            return new(() =>
            {
                var name = "Traefik.GitOps.Templates." + resource;
                using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
                    ?? throw new InvalidOperationException("Missing embedded template " + name);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                return Parse(reader.ReadToEnd(), "the shipped template " + resource);
            });
        }

        if (!File.Exists(path))
        {
            throw new GitOpsException($"The template file {path} does not exist.");
        }

        return new(Parse(File.ReadAllText(path, Encoding.UTF8), "the template " + path));
    }

    private static (Template, string) Parse(string text, string name)
    {
        var template = Template.Parse(text, name);
        if (template.HasErrors)
        {
            throw new GitOpsException($"{name} has errors: {string.Join("; ", template.Messages.Select(m => m.ToString()))}");
        }

        return (template, name);
    }
}
