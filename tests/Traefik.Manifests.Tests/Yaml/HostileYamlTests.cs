using System.Text;
using Traefik.Manifests.Tests.Support;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Tests.Yaml;

/// <summary>Texts a repository can hold that once hung the reader, exhausted memory or failed without saying where.</summary>
public sealed class HostileYamlTests
{
    private static readonly TimeSpan Time = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("a: b: c", 1, 5)]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b: c\n", 6, 7)]
    [InlineData("x: 1\n---\na: b: c # and a comment\n", 3, 5)]
    public void TryReadDocuments_ValueThatIsAMapping_IsAnErrorWithItsLine(string yaml, int line, int column)
    {
        // "a: b: c" made YamlDotNet's comment scanner emit error tokens forever: the process spun at 100% CPU.
        var error = Read(yaml);

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Equal("While scanning a plain scalar value, found invalid mapping.", error.Reason);
    }

    [Fact]
    public void TryReadDocuments_UnclosedFlowSequenceBeforeAnotherLine_NamesTheOpenBracket()
    {
        // YamlDotNet threw InvalidOperationException ("Operation is not valid due to the current state of the object.").
        var error = Read("a: [b\nc: d\n");

        Assert.Equal("line 2, column 1: the YAML parser could not continue here (inside the flow sequence '[' opened at line 1, column 4: is its ']' missing?).", error.ToString());
    }

    [Fact]
    public void TryReadDocuments_DuplicateKey_IsAnErrorWithItsLine()
    {
        var error = Read("apiVersion: traefik.io/v1alpha1\nkind: IngressRoute\nmetadata:\n  name: a\n  name: b\n");

        Assert.Equal("line 5, column 3: duplicate key 'name' (a mapping may hold each key once; Kubernetes would keep only one of the values).", error.ToString());
    }

    [Fact]
    public void TryReadDocuments_AliasesOfAliases_StopAtTheExpansionBudget()
    {
        // Six levels of nine copies: 531,441 scalars once expanded, from 400 bytes. Read in full before.
        var error = Read(AliasBomb(6));

        Assert.Equal(5, error.Line);
        Assert.StartsWith("aliases repeat more than 100,000 nodes and characters in this file", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadDocuments_TenLevelAliasBomb_IsRefusedWithinAFewMegabytes()
    {
        // Like the 599-byte text of the report: 9^10 copies grew the process to 24 GB.
        var yaml = AliasBomb(10);
        Assert.InRange(Encoding.UTF8.GetByteCount(yaml), 400, 700);

        var error = Bounded.Run(() => Read(yaml), Time, 16 * 1024 * 1024, "alias bomb");

        Assert.StartsWith("aliases repeat more than", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadDocuments_AliasUnderTheBudget_IsCopied()
    {
        var documents = ReadOk("base: &b {a: 1, b: [p, q]}\none: *b\ntwo: *b\n");

        Assert.Equal("{\"base\":{\"a\":1,\"b\":[\"p\",\"q\"]},\"one\":{\"a\":1,\"b\":[\"p\",\"q\"]},\"two\":{\"a\":1,\"b\":[\"p\",\"q\"]}}", documents[0].Json!.ToJsonString());
    }

    [Theory]
    [InlineData(100_000, '[')]
    [InlineData(100_000, '{')]
    public void TryReadDocuments_DeepNesting_IsRefusedAtTheDepthLimit(int depth, char open)
    {
        // 100,000 nested collections would overflow the stack of a recursive reader: a crash no handler can catch.
        var error = Bounded.Run(() => Read(new string(open, depth)), Time, 64 * 1024 * 1024, "deep nesting");

        Assert.Equal("line 1, column 101: collections nest more than 100 levels deep.", error.ToString());
    }

    [Fact]
    public void TryReadDocuments_BlockNestingAtTheLimit_IsRead()
    {
        var yaml = new StringBuilder();
        for (var i = 0; i < 99; i++)
        {
            yaml.Append(' ', i * 2).Append('k').Append(i).Append(":\n");
        }

        yaml.Append(' ', 99 * 2).Append("leaf: 1\n");

        Assert.Single(ReadOk(yaml.ToString()));
        Assert.Contains("nest more than 100 levels", Read("x:\n" + string.Concat(yaml.ToString().Split('\n').Select(l => "  " + l + "\n"))).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadDocuments_AliasThatNestsTooDeep_IsRefused()
    {
        var deep = new string('[', 60) + new string(']', 60);
        var error = Read($"a: &d {deep}\nb: {new string('[', 50)}*d{new string(']', 50)}\n");

        Assert.Equal("line 2, column 54: the alias '*d' makes collections nest more than 100 levels deep.", error.ToString());
    }

    [Fact]
    public void TryReadDocuments_TextOverTheSizeLimit_IsRefusedBeforeParsing()
    {
        var yaml = "a: " + new string('x', 200) + "\n";

        var error = Read(yaml, new YamlLimits { MaxBytes = 100 });

        Assert.Equal("line 1, column 101: the text is larger than the 100-byte limit for one file (204 characters).", error.ToString());
        Assert.Single(ReadOk(yaml, new YamlLimits { MaxBytes = 204 }));
    }

    [Fact]
    public void TryReadDocuments_LimitCountsUtf8Bytes()
    {
        var yaml = "a: " + new string('é', 10);

        Assert.Contains("larger than the 20-byte limit", Read(yaml, new YamlLimits { MaxBytes = 20 }).Reason, StringComparison.Ordinal);
        Assert.Single(ReadOk(yaml, new YamlLimits { MaxBytes = 23 }));
    }

    [Fact]
    public void TryReadDocuments_ManyDocumentsWithComments_AreAssignedInOnePass()
    {
        // Each document searched the whole comment list: 40,000 small documents took 23 s, 4 MiB of them half an hour.
        var yaml = string.Concat(Enumerable.Repeat("a: 1 # c\n---\n", 150_000));

        var documents = Bounded.Run(() => ReadOk(yaml), Time, 512L * 1024 * 1024, "many documents");

        Assert.Equal(150_001, documents.Count);
        Assert.All(documents.SkipLast(1), d => Assert.Equal('#', yaml[Assert.Single(d.Comments)]));
    }

    [Fact]
    public void YamlLimits_Defaults_ArePinned()
    {
        Assert.Equal((4 * 1024 * 1024, 100, 100_000), (YamlLimits.Default.MaxBytes, YamlLimits.Default.MaxDepth, YamlLimits.Default.MaxAliasExpansion));
    }

    [Fact]
    public void ReadDocuments_InvalidText_ThrowsOneProblemWithTheLine()
    {
        var e = Assert.Throws<ManifestException>(() => ManifestYaml.ReadDocuments("a: [b\nc: d\n"));

        Assert.Equal("line 2, column 1", Assert.Single(e.Problems).Path);
        Assert.StartsWith("The text is not valid YAML.\n- line 2, column 1: the YAML parser could not continue here", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: | # header\n  # text, not a comment\n  b\n# after\nc: 'x # y' # real\nd: x#y\n", new[] { 5, 42, 61 })]
    [InlineData("# lead\na: \"#q\" #c\n---\nb: >-  # folded\n  #t\n", new[] { 0, 15, 29 })]
    [InlineData("a: [x, #c\n  y]\n", new[] { 7 })]
    [InlineData("a: &x #c\n  b: 1\nc: !!str #d\n  z\n", new[] { 6, 25 })]
    public void ReadDocuments_Comments_AreFoundOutsideScalars(string yaml, int[] offsets)
    {
        var documents = ReadOk(yaml);

        Assert.All(offsets, o => Assert.Equal('#', yaml[o]));
        var inSpans = documents.SelectMany(d => d.Comments).ToList();
        Assert.Equal(offsets.Where(o => documents.Any(d => o >= d.Start && o < d.End)), inSpans);
        Assert.All(documents, d => Assert.True(d.HasComments));
    }

    private static YamlError Read(string yaml, YamlLimits? limits = null)
    {
        var ok = Bounded.Run(
            () => (ManifestYaml.TryReadDocuments(yaml, limits ?? YamlLimits.Default, out _, out var error), error),
            Time,
            256 * 1024 * 1024,
            "read");
        Assert.False(ok.Item1, "the text was read, but it should have been refused");
        return ok.error!;
    }

    private static IReadOnlyList<ManifestDocument> ReadOk(string yaml, YamlLimits? limits = null)
    {
        Assert.True(ManifestYaml.TryReadDocuments(yaml, limits ?? YamlLimits.Default, out var documents, out var error), error?.ToString());
        return documents;
    }

    private static string AliasBomb(int levels)
    {
        var sb = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 1; i < levels; i++)
        {
            sb.Append('a').Append(i).Append(": &a").Append(i).Append(" [").AppendJoin(",", Enumerable.Repeat($"*a{i - 1}", 9)).Append("]\n");
        }

        return sb.ToString();
    }
}
