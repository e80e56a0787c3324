using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using Traefik.GitOps;
using Traefik.GitOps.Intents;
using Traefik.Manifests.Validation;
using Traefik.Mcp.Configuration;
using Traefik.Mcp.Hosting;
using Traefik.Mcp.Proposals;

namespace Traefik.Mcp.Tools;

/// <summary>
/// Runs a mutating tool: builds its intent, plans it against the repository, delivers it the requested
/// way, remembers the proposal, and returns text plus structured content. Input and planning errors
/// come back as tool errors (<c>isError</c>) whose message says what to fix, with no structured content.
/// </summary>
public sealed class ToolRunner(RepositoryHost host, TimeProvider timeProvider) : IDisposable
{
    private static readonly AsyncLocal<ReviewedDelivery?> Reviewed = new();
    private readonly Lock _gate = new();
    private ProposalStore? _store;

    /// <summary>Runs a tool call.</summary>
    /// <param name="tool">The tool name.</param>
    /// <param name="arguments">The raw arguments of the call (stored so the proposal can be delivered later).</param>
    /// <param name="delivery">The delivery requested in the call, or null for the configured default.</param>
    /// <param name="build">Builds the intent from the arguments; throws <see cref="ManifestException"/> on bad input.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<CallToolResult> RunAsync(string tool, IDictionary<string, JsonElement>? arguments, string? delivery, Func<ITrafficIntent> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        try
        {
            var reviewed = Reviewed.Value;
            var mode = reviewed?.Mode ?? (delivery is null ? host.Settings.Delivery : SettingsLoader.ParseDelivery(delivery));
            var intent = build();
            var repository = host.Repository;
            ProposalView view;
            if (reviewed is not null)
            {
                var replanned = repository.Plan(intent);
                if (replanned.Diff != reviewed.Diff)
                {
                    var preview = await repository.ProposeAsync(intent, DeliveryMode.Diff, cancellationToken).ConfigureAwait(false);
                    view = ProposalPresenter.View(preview, "base_moved", "Not delivered: the repository changed since this proposal was reviewed, so its diff would differ. Review the new proposal below and deliver it by its id.");
                }
                else
                {
                    view = ProposalPresenter.View(await repository.DeliverAsync(replanned, mode, cancellationToken).ConfigureAwait(false));
                }
            }
            else
            {
                view = ProposalPresenter.View(await repository.ProposeAsync(intent, mode, cancellationToken).ConfigureAwait(false));
            }

            if (view.Status is "proposed" or "base_moved")
            {
                Store().Save(new StoredProposal { Id = view.Id, Tool = tool, Arguments = WithoutDelivery(arguments), Diff = view.Diff });
            }

            return Success(view);
        }
        catch (ManifestException e)
        {
            return Error(e.Message);
        }
        catch (GitOpsException e)
        {
            return Error(e.Message);
        }
        catch (UsageException e)
        {
            return Error(e.Message);
        }
    }

    /// <summary>
    /// Runs <paramref name="invoke"/> (the original tool call) so that it delivers only when its plan
    /// still has exactly the reviewed diff.
    /// </summary>
    internal static async Task<CallToolResult> WithReviewedDiffAsync(string diff, DeliveryMode mode, Func<Task<CallToolResult>> invoke)
    {
        Reviewed.Value = new ReviewedDelivery(diff, mode);
        try
        {
            return await invoke().ConfigureAwait(false);
        }
        finally
        {
            Reviewed.Value = null;
        }
    }

    /// <summary>The proposals of this repository, opened on first use (the repository may still be opening when the runner is built).</summary>
    internal ProposalStore Store()
    {
        lock (_gate)
        {
            return _store ??= new ProposalStore(host.Repository.GitDirectory, timeProvider);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            _store?.Dispose();
        }
    }

    /// <summary>The delivery used when a proposal is delivered without naming one.</summary>
    internal Traefik.GitOps.DeliveryMode DefaultDelivery =>
        host.Settings.Delivery == DeliveryMode.Diff ? DeliveryMode.Branch : host.Settings.Delivery;

    /// <summary>A successful result: the readable text and the structured proposal.</summary>
    internal static CallToolResult Success(ProposalView view) => new()
    {
        Content = [new TextContentBlock { Text = ProposalPresenter.Text(view) }],
        StructuredContent = JsonSerializer.SerializeToElement(view, McpJsonContext.Default.ProposalView),
    };

    /// <summary>A tool error: the message only, no structured content.</summary>
    public static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };

    private static JsonObject WithoutDelivery(IDictionary<string, JsonElement>? arguments)
    {
        var result = new JsonObject();
        if (arguments is null)
        {
            return result;
        }

        foreach (var (key, value) in arguments.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (key != "delivery")
            {
                result[key] = JsonNode.Parse(value.GetRawText());
            }
        }

        return result;
    }

    /// <summary>A stable fingerprint of a call: the tool and its arguments, delivery excluded.</summary>
    public static string Fingerprint(string tool, IDictionary<string, JsonElement>? arguments) =>
        tool + " " + WithoutDelivery(arguments).ToJsonString();

    private sealed record ReviewedDelivery(string Diff, DeliveryMode Mode);
}
