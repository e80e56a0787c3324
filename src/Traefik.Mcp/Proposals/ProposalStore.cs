using System.Text.Json;
using System.Text.Json.Nodes;

namespace Traefik.Mcp.Proposals;

/// <summary>
/// Remembers each proposal a tool returned (its tool call and its diff) inside the repository's git
/// directory, so <c>traefik_deliver_proposal</c> can ship exactly what was reviewed, even from another
/// process (the command line runs one process per call).
/// </summary>
internal sealed class ProposalStore(string gitDirectory)
{
    private readonly string _folder = Path.Combine(gitDirectory, "traefik-mcp", "proposals");

    public void Save(StoredProposal proposal)
    {
        Directory.CreateDirectory(_folder);
        var path = PathFor(proposal.Id);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(proposal, McpJsonContext.Default.StoredProposal));
        File.Move(temp, path, overwrite: true);
    }

    public StoredProposal? Find(string id)
    {
        if (id.Length is 0 or > 128 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        var path = PathFor(id);
        return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), McpJsonContext.Default.StoredProposal) : null;
    }

    private string PathFor(string id) => Path.Combine(_folder, id + ".json");
}

/// <summary>A proposal as it was reviewed: the tool call that made it and its diff.</summary>
internal sealed record StoredProposal
{
    public required string Id { get; init; }

    public required string Tool { get; init; }

    public required JsonObject Arguments { get; init; }

    public required string Diff { get; init; }
}
