using System.Text.Json.Nodes;
using Traefik.Mcp.Proposals;

namespace Traefik.Mcp.Tests.Proposals;

/// <summary>The proposal journal: one file per process, one line per proposal, readable by other processes.</summary>
public sealed class ProposalStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly string _gitDirectory = Directory.CreateTempSubdirectory("traefik-proposals-").FullName;

    public void Dispose() => Directory.Delete(_gitDirectory, recursive: true);

    [Fact]
    public void Save_ManyProposals_AppendsLinesToOneJournal()
    {
        using var store = new ProposalStore(_gitDirectory, new FixedClock(Now));

        for (var i = 0; i < 20; i++)
        {
            store.Save(Proposal($"p{i}", $"diff {i}\nwith \"quotes\"\n"));
        }

        var journal = Assert.Single(Directory.GetFiles(store.Folder));
        Assert.EndsWith(".jsonl", journal, StringComparison.Ordinal);
        Assert.StartsWith("20261123T090000-", Path.GetFileName(journal), StringComparison.Ordinal);
        var lines = File.ReadAllLines(journal);
        Assert.Equal(20, lines.Length);
        Assert.Equal("p7", JsonNode.Parse(lines[7])!["id"]!.GetValue<string>());
    }

    [Fact]
    public void Find_SavedByAnotherStore_ReadsItsJournal()
    {
        using (var writer = new ProposalStore(_gitDirectory, new FixedClock(Now)))
        {
            writer.Save(Proposal("abc123", "the reviewed diff\n"));
            writer.Save(Proposal("def456", "another diff\n"));
        }

        using var reader = new ProposalStore(_gitDirectory, new FixedClock(Now));
        var found = reader.Find("abc123");

        Assert.NotNull(found);
        Assert.Equal(("traefik_manage_middleware", "the reviewed diff\n", "api"), (found.Tool, found.Diff, found.Arguments["middleware_name"]!.GetValue<string>()));
        Assert.Null(reader.Find("zzz999"));
    }

    [Fact]
    public void Find_MoreProposalsThanKeptInMemory_ReadsTheOlderOnesFromItsOwnJournal()
    {
        using var store = new ProposalStore(_gitDirectory, new FixedClock(Now));
        for (var i = 0; i < 300; i++)
        {
            store.Save(Proposal($"p{i}", $"diff {i}\n"));
        }

        Assert.Equal("diff 0\n", store.Find("p0")?.Diff);
        Assert.Equal("diff 299\n", store.Find("p299")?.Diff);
    }

    [Fact]
    public void Find_TornLastLine_SkipsItAndFindsTheWholeOnes()
    {
        using (var writer = new ProposalStore(_gitDirectory, new FixedClock(Now)))
        {
            writer.Save(Proposal("whole", "kept\n"));
        }

        var journal = Assert.Single(Directory.GetFiles(Path.Combine(_gitDirectory, "traefik-mcp", "proposals")));
        File.AppendAllText(journal, """{"id":"torn","tool":"traefik_manage_middl""");
        using var reader = new ProposalStore(_gitDirectory, new FixedClock(Now));

        Assert.Equal("kept\n", reader.Find("whole")?.Diff);
        Assert.Null(reader.Find("torn"));
    }

    [Fact]
    public void Save_FirstOfAProcess_DeletesJournalsUntouchedForLongerThanTheRetention()
    {
        var folder = Path.Combine(_gitDirectory, "traefik-mcp", "proposals");
        Directory.CreateDirectory(folder);
        var expired = Path.Combine(folder, "20261101T000000-1-aaaaaaaa.jsonl");
        var recent = Path.Combine(folder, "20261120T000000-2-bbbbbbbb.jsonl");
        File.WriteAllText(expired, "{}\n");
        File.WriteAllText(recent, "{}\n");
        File.SetLastWriteTimeUtc(expired, (Now - ProposalStore.Retention - TimeSpan.FromHours(1)).UtcDateTime);
        File.SetLastWriteTimeUtc(recent, (Now - ProposalStore.Retention + TimeSpan.FromHours(1)).UtcDateTime);
        using var store = new ProposalStore(_gitDirectory, new FixedClock(Now));

        store.Save(Proposal("new", "diff\n"));

        Assert.False(File.Exists(expired));
        Assert.True(File.Exists(recent));
        Assert.Equal(2, Directory.GetFiles(folder).Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../../config")]
    [InlineData("id with spaces")]
    public void Find_IdThatCannotBeAProposal_NullWithoutReadingFiles(string id)
    {
        using var store = new ProposalStore(_gitDirectory, new FixedClock(Now));

        Assert.Null(store.Find(id));
        Assert.False(Directory.Exists(store.Folder));
    }

    private static StoredProposal Proposal(string id, string diff) => new()
    {
        Id = id,
        Tool = "traefik_manage_middleware",
        Arguments = new JsonObject { ["action"] = "create", ["middleware_name"] = "api" },
        Diff = diff,
    };

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
