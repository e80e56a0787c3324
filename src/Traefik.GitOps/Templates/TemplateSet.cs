using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;
using Traefik.GitOps.Intents;
using Traefik.GitOps.Proposals;

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
            ["namespace"] = @namespace,
            ["target"] = target,
            ["title"] = title,
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
        var message = Render(_commit, model).TrimEnd();
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
            ["branch"] = branch,
            ["base_branch"] = baseBranch,
            ["commits"] = new ScriptArray(commits),
        };
        var title = Render(_title, model).Trim();
        var newline = title.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? title : title[..newline].Trim(), Render(_body, model).TrimEnd() + "\n");
    }

    private static ScriptObject ProposalModel(Proposal proposal, string baseBranch)
    {
        var changes = new ScriptArray();
        foreach (var change in proposal.ObjectChanges)
        {
            var values = new ScriptArray();
            foreach (var value in change.Values)
            {
                values.Add(new ScriptObject { ["field"] = value.Field, ["before"] = value.Before, ["after"] = value.After });
            }

            changes.Add(new ScriptObject
            {
                ["type"] = change.Type.ToString().ToLowerInvariant(),
                ["kind"] = change.Kind,
                ["namespace"] = change.Namespace,
                ["name"] = change.Name,
                ["file"] = change.File,
                ["values"] = values,
            });
        }

        var files = new ScriptArray();
        foreach (var file in proposal.FileChanges)
        {
            files.Add(new ScriptObject { ["path"] = file.Path, ["kind"] = file.Kind.ToString().ToLowerInvariant() });
        }

        var issues = new ScriptArray();
        foreach (var issue in proposal.Validation.Issues)
        {
            issues.Add(new ScriptObject
            {
                ["severity"] = issue.Severity.ToString().ToLowerInvariant(),
                ["object"] = issue.Object,
                ["path"] = issue.Path,
                ["message"] = issue.Message,
            });
        }

        var commit = proposal.Basis.Commit ?? string.Empty;
        return new ScriptObject
        {
            ["id"] = proposal.Id,
            ["title"] = Git.CommitTrailers.OneLine(proposal.Title),
            ["summary"] = proposal.Summary,
            ["namespace"] = proposal.Intent.Namespace,
            ["target"] = proposal.Intent.Target,
            ["fingerprint"] = proposal.Intent.Fingerprint,
            ["branch"] = proposal.Branch,
            ["base_branch"] = baseBranch,
            ["base_commit"] = commit,
            ["base_commit_short"] = commit.Length > 7 ? commit[..7] : commit,
            ["is_pending_branch"] = proposal.Basis.IsPendingBranch,
            ["depends_on"] = proposal.Basis.DependsOn,
            ["object_changes"] = changes,
            ["file_changes"] = files,
            ["warnings"] = new ScriptArray(proposal.Warnings),
            ["validation"] = new ScriptObject
            {
                ["summary"] = proposal.Validation.Summary,
                ["has_errors"] = proposal.Validation.HasErrors,
                ["issues"] = issues,
            },
            ["diff"] = proposal.Diff,
        };
    }

    private static string Render(Lazy<(Template Template, string Name)> parsed, ScriptObject model)
    {
        var template = parsed.Value;
        var context = new TemplateContext(Builtins.Value) { StrictVariables = true, EnableRelaxedMemberAccess = false, MemberRenamer = m => m.Name };
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
