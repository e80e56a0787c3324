using Traefik.GitOps.Git;

namespace Traefik.GitOps.Tests.Git;

public sealed class CommitTrailersTests
{
    [Fact]
    public void Parse_OnlyTheLastParagraphCounts()
    {
        const string Message = "Title\n\nTraefik-Target: evil/one\nbody text\n\nTraefik-Proposal-Id: 0123456789abcdef\nTraefik-Target: prod/api\n";

        var trailers = CommitTrailers.Parse(Message);

        Assert.Equal(new Dictionary<string, string> { ["Traefik-Proposal-Id"] = "0123456789abcdef", ["Traefik-Target"] = "prod/api" }, trailers);
    }

    [Fact]
    public void Append_AlwaysTheLastParagraph_SoTemplateTextCannotPoseAsATrailer()
    {
        var message = CommitTrailers.Append("Set weights\n\nTraefik-Target: evil/one", [("Traefik-Target", "prod/api"), ("Traefik-Depends-On", null), ("Traefik-Intent", "eyJhIjox")]);

        Assert.Equal("Set weights\n\nTraefik-Target: evil/one\n\nTraefik-Target: prod/api\nTraefik-Intent: eyJhIjox\n", message);
        Assert.Equal("prod/api", CommitTrailers.Parse(message)["Traefik-Target"]);
    }

    [Theory]
    [InlineData("prod/api\nTraefik-Target: evil/x")]
    [InlineData("a\rb")]
    [InlineData("")]
    public void Append_ValueThatWouldLeaveItsLine_IsRefused(string value)
    {
        var error = Assert.Throws<GitOpsException>(() => CommitTrailers.Append("Title", [("Traefik-Target", value)]));

        Assert.Equal("The commit trailer Traefik-Target would hold a line break or another control character, so the commit was not made.", error.Message);
    }

    [Fact]
    public void OneLine_LineBreaksAndControls_BecomeSingleSpaces() =>
        Assert.Equal("Attach a, b to api Traefik-Target: x/y", CommitTrailers.OneLine("Attach a, b\nto api\r\n\tTraefik-Target: x/y"));
}
