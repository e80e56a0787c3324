using System.Text.Json;
using ModelContextProtocol.Protocol;
using Traefik.Mcp.Tools;

namespace Traefik.Mcp.Cli;

/// <summary>
/// The exit codes of <c>traefik-mcp</c>: 0 only when the command did what was asked, and a distinct code for
/// each way it did not, so a pipeline can act on them (for example gate a canary step on
/// <c>traefik_check_anomalies</c>).
/// </summary>
public static class ExitCodes
{
    /// <summary>The tool did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The tool refused: bad input, or the change does not apply (the message is on standard error).</summary>
    public const int ToolError = 1;

    /// <summary>The command line is wrong, or the server could not start (the message is on standard error).</summary>
    public const int Usage = 2;

    /// <summary>Not delivered: the repository moved since the proposal was reviewed; the new proposal is printed.</summary>
    public const int NotDelivered = 3;

    /// <summary>No figures: Prometheus is not configured or did not answer.</summary>
    public const int FiguresUnavailable = 4;

    /// <summary>The anomaly check found anomalies.</summary>
    public const int AnomaliesFound = 5;

    /// <summary>A pending proposal could not follow its base and was left as it was (refresh, or discard rebuilding what built on it).</summary>
    public const int ProposalsLeftInConflict = 6;

    /// <summary>The help text's description of the codes.</summary>
    public const string Help = """
        Exit codes (call, deliver, refresh, discard):
          0  done: the tool did what was asked
          1  tool error: bad input, or the change does not apply (message on stderr)
          2  usage error: bad command line or options, or the repository cannot be opened
          3  not delivered: the repository moved since the proposal was reviewed; the new proposal is printed
          4  figures unavailable: Prometheus is not configured or not reachable (traefik_check_anomalies)
          5  anomalies found (traefik_check_anomalies)
          6  a pending proposal could not follow its base and was left as it was (refresh, discard)
         70  unexpected failure: a defect (message on stderr)
        """;

    /// <summary>The exit code for a tool result.</summary>
    public static int For(string tool, CallToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IsError == true)
        {
            return ToolError;
        }

        if (result.StructuredContent is not { ValueKind: JsonValueKind.Object } content)
        {
            return Success;
        }

        switch (tool)
        {
            case CheckAnomaliesTool.Name:
                if (content.TryGetProperty("prometheus", out var prometheus) && prometheus.TryGetProperty("available", out var available) && available.ValueKind == JsonValueKind.False)
                {
                    return FiguresUnavailable;
                }

                return content.TryGetProperty("anomaly_count", out var count) && count.TryGetInt32(out var anomalies) && anomalies > 0 ? AnomaliesFound : Success;
            case RefreshProposalsTool.Name:
                return content.TryGetProperty("has_problems", out var problems) && problems.ValueKind == JsonValueKind.True ? ProposalsLeftInConflict : Success;
            case DiscardProposalTool.Name:
                return content.TryGetProperty("dependents", out var dependents) && dependents.ValueKind == JsonValueKind.Array
                    && dependents.EnumerateArray().Any(d => d.TryGetProperty("outcome", out var outcome) && outcome.GetString() is "conflict" or "not_rebuilt")
                    ? ProposalsLeftInConflict
                    : Success;
            default:
                return content.TryGetProperty("status", out var status) && status.GetString() == "base_moved" ? NotDelivered : Success;
        }
    }
}
