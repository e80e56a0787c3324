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
/// Runs a mutating tool: builds its intent, records it (the tool name and its arguments, delivery aside, so
/// the proposal branch can be rebuilt and a reviewed proposal delivered by any process), plans it against the
/// repository, delivers it the requested way, remembers the proposal, and returns text plus structured
/// content. Input and planning errors come back as tool errors (<c>isError</c>) whose message says what to
/// fix, with no structured content.
/// </summary>
public sealed class ToolRunner(RepositoryHost host, TimeProvider timeProvider) : IDisposable
{
    private readonly Lock _gate = new();
    private ProposalStore? _store;

    /// <summary>Set on a runner that only builds intents (see <see cref="Capturing"/>).</summary>
    private IntentCapture? _capture;

    /// <summary>Runs a tool call.</summary>
    /// <param name="tool">The tool name.</param>
    /// <param name="arguments">The raw arguments of the call (recorded with the intent).</param>
    /// <param name="delivery">The delivery requested in the call, or null for the configured default.</param>
    /// <param name="build">Builds the intent from the call (its arguments, through the tool's <see cref="ParameterMap"/>); throws <see cref="ManifestException"/> on bad input.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    internal Task<CallToolResult> RunAsync(string tool, IDictionary<string, JsonElement>? arguments, string? delivery, Func<ToolCall, ITrafficIntent> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (_capture is { } capture)
        {
            try
            {
                capture.Intent = Recorded(tool, arguments, build(new ToolCall(tool, arguments)));
            }
            catch (Exception e) when (e is ManifestException or GitOpsException or UsageException)
            {
                capture.Error = e;
            }

            return Task.FromResult(new CallToolResult { Content = [] });
        }

        return ProposeAsync(tool, arguments, delivery, build, cancellationToken);
    }

    private async Task<CallToolResult> ProposeAsync(string tool, IDictionary<string, JsonElement>? arguments, string? delivery, Func<ToolCall, ITrafficIntent> build, CancellationToken cancellationToken)
    {
        try
        {
            var mode = delivery is null ? host.Settings.Delivery : SettingsLoader.ParseDelivery(delivery);
            var intent = Recorded(tool, arguments, build(new ToolCall(tool, arguments)));
            var view = ProposalPresenter.View(await host.Repository.ProposeAsync(intent, mode, cancellationToken).ConfigureAwait(false));
            Remember(view, intent);
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

    /// <summary>A runner whose tool calls only build their intent into <paramref name="capture"/>: how a recorded intent is built again.</summary>
    internal static ToolRunner Capturing(RepositoryHost host, TimeProvider timeProvider, IntentCapture capture) => new(host, timeProvider) { _capture = capture };

    /// <summary>The intent with its record: the tool name and the arguments of the call, delivery aside.</summary>
    internal static ITrafficIntent Recorded(string tool, IDictionary<string, JsonElement>? arguments, ITrafficIntent intent) =>
        TrafficIntent.WithRecord(intent, IntentRecord.Create(tool, WithoutDelivery(arguments)));

    /// <summary>Remembers a proposal that was only shown (or shown instead of delivering), so it can be delivered by its id later.</summary>
    internal void Remember(ProposalView view, ITrafficIntent intent)
    {
        if (view.Status is "proposed" or "base_moved" && intent.Record is { } record)
        {
            Store().Save(new StoredProposal { Id = view.Id, Tool = record.Kind, Arguments = record.ArgumentsObject(), Diff = view.Diff });
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

    /// <summary>The repository host.</summary>
    internal RepositoryHost Host => host;

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
}
