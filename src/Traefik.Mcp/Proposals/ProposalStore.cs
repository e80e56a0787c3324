using System.Text.Json;
using System.Text.Json.Nodes;

namespace Traefik.Mcp.Proposals;

/// <summary>
/// Remembers each proposal a tool returned (its tool call and its diff) inside the repository's git
/// directory, so <c>traefik_deliver_proposal</c> can ship exactly what was reviewed, even from another
/// process (the command line runs one process per call).
/// </summary>
/// <remarks>
/// Each process appends one JSON line per proposal to a journal of its own in
/// <c>traefik-mcp/proposals/</c>, created with its first proposal. A proposal then costs one write to an
/// open file instead of a new file (creating a file is the slowest step of a call on a busy file
/// system), and no two processes ever write the same file. Lookups find this process's proposals in
/// memory and read the other journals newest first. A line cut short by a crash is skipped. Journals
/// untouched for <see cref="Retention"/> are deleted when a process opens its own.
/// </remarks>
internal sealed class ProposalStore(string gitDirectory, TimeProvider timeProvider) : IDisposable
{
    /// <summary>How long a journal is kept after its last proposal.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(14);

    private const string Extension = ".jsonl";
    private const int RememberedInMemory = 256;

    private readonly string _folder = Path.Combine(gitDirectory, "traefik-mcp", "proposals");
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredProposal> _recent = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private FileStream? _journal;
    private bool _disposed;

    /// <summary>The folder the journals are in.</summary>
    public string Folder => _folder;

    /// <summary>Appends a proposal to this process's journal.</summary>
    public void Save(StoredProposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var line = JsonSerializer.SerializeToUtf8Bytes(proposal, McpJsonContext.Default.StoredProposal);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _journal ??= OpenJournal();
            var record = new byte[line.Length + 1];
            line.CopyTo(record, 0);
            record[^1] = (byte)'\n';

            // One write per record (the stream is unbuffered), so a reader sees whole lines or a torn last one.
            _journal.Write(record);
            Remember(proposal);
        }
    }

    /// <summary>The proposal with this id, or null when no journal has it.</summary>
    public StoredProposal? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length is 0 or > 128 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        lock (_gate)
        {
            if (_recent.TryGetValue(id, out var remembered))
            {
                return remembered;
            }
        }

        if (!Directory.Exists(_folder))
        {
            return null;
        }

        var journals = new DirectoryInfo(_folder).EnumerateFiles("*" + Extension)
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .ThenByDescending(f => f.Name, StringComparer.Ordinal);
        foreach (var journal in journals)
        {
            if (FindIn(journal.FullName, id) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _journal?.Dispose();
            _journal = null;
        }
    }

    private static StoredProposal? FindIn(string path, string id)
    {
        StoredProposal? found = null;
        IEnumerable<string> lines;
        try
        {
            lines = ReadLines(path);
        }
        catch (FileNotFoundException)
        {
            return null; // Deleted by another process's clean-up since the folder was listed.
        }

        var needle = "\"" + id + "\"";
        foreach (var line in lines)
        {
            if (!line.Contains(needle, StringComparison.Ordinal))
            {
                continue;
            }

            StoredProposal? candidate;
            try
            {
                candidate = JsonSerializer.Deserialize(line, McpJsonContext.Default.StoredProposal);
            }
            catch (JsonException)
            {
                continue; // A torn last line of a process that stopped while writing it.
            }

            if (candidate?.Id == id)
            {
                found = candidate; // The last record of an id wins.
            }
        }

        return found;
    }

    private static List<string> ReadLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    private FileStream OpenJournal()
    {
        Directory.CreateDirectory(_folder);
        var now = timeProvider.GetUtcNow();
        DeleteExpired(now);
        var name = $"{now:yyyyMMdd'T'HHmmss}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}{Extension}";
        return new FileStream(Path.Combine(_folder, name), FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
    }

    private void DeleteExpired(DateTimeOffset now)
    {
        foreach (var file in new DirectoryInfo(_folder).EnumerateFiles())
        {
            if (now - file.LastWriteTimeUtc <= Retention)
            {
                continue;
            }

            try
            {
                file.Delete();
            }
            catch (IOException)
            {
                // Another process deleted it first, or it cannot be deleted now: the next process tries again.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private void Remember(StoredProposal proposal)
    {
        if (_recent.TryAdd(proposal.Id, proposal))
        {
            _order.Enqueue(proposal.Id);
            if (_order.Count > RememberedInMemory)
            {
                _recent.Remove(_order.Dequeue());
            }
        }
        else
        {
            _recent[proposal.Id] = proposal;
        }
    }
}

/// <summary>A proposal as it was reviewed: the tool call that made it (its recorded intent) and its diff.</summary>
internal sealed record StoredProposal
{
    public required string Id { get; init; }

    public required string Tool { get; init; }

    public required JsonObject Arguments { get; init; }

    public required string Diff { get; init; }

    /// <summary>True once the proposal was discarded: it is never delivered.</summary>
    public bool Discarded { get; init; }
}
