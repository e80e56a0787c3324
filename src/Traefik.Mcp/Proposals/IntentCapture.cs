using Traefik.GitOps.Intents;

namespace Traefik.Mcp.Proposals;

/// <summary>What a tool call made on a capturing runner built: its intent, or why it could not build one.</summary>
internal sealed class IntentCapture
{
    /// <summary>The intent the call built, with its record.</summary>
    public ITrafficIntent? Intent { get; set; }

    /// <summary>Why the call built no intent (its arguments are not valid).</summary>
    public Exception? Error { get; set; }
}
