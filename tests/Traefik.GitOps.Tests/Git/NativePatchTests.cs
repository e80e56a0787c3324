using LibGit2Sharp;
using Traefik.GitOps.Git;
using Traefik.GitOps.Tests.Support;

namespace Traefik.GitOps.Tests.Git;

public sealed class NativePatchTests
{
    [Fact]
    public void Library_IsTheLibgit2ThatLibGit2SharpLoads() =>
        Assert.Equal(NativePatch.Library, "git2-" + GlobalSettings.Version.LibGit2CommitSha);

    [Fact]
    public void Create_RenameEditAndDelete_PrintsWhatGitDiffPrints()
    {
        using var repo = new TempRepository(withRemote: false);
        var before = repo.Commit("before",
            ("a/kept.yaml", "one\ntwo\nthree\nfour\nfive\nsix\nseven\n"),
            ("a/moved.yaml", "alpha\nbeta\ngamma\ndelta\nepsilon\n"),
            ("a/gone.yaml", "bye\n"),
            ("outside.yaml", "x\n"));
        repo.Git("mv", "a/moved.yaml", "a/renamed.yaml");
        repo.Git("rm", "-q", "a/gone.yaml");
        var after = repo.Commit("after",
            ("a/kept.yaml", "one\ntwo\nthree\nFOUR\nfive\nsix\nseven\n"),
            ("a/new.yaml", "no newline"),
            ("outside.yaml", "y\n"));
        var paths = new[] { "a/kept.yaml", "a/moved.yaml", "a/renamed.yaml", "a/gone.yaml", "a/new.yaml" };
        using var git = new Repository(repo.Work);

        var patch = PatchOf(git.Info.Path, git.Lookup<Commit>(before).Tree.Id.RawId, git.Lookup<Commit>(after).Tree.Id.RawId, paths);

        Assert.Equal(repo.Git(["diff", "--no-color", "-M", before, after, "--", .. paths]), patch);
        Assert.Contains("rename from a/moved.yaml\nrename to a/renamed.yaml\n", patch, StringComparison.Ordinal);
        Assert.Contains("\\ No newline at end of file\n", patch, StringComparison.Ordinal);
        Assert.DoesNotContain("outside.yaml", patch, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RenameWithEdit_PrintsWhatLibGit2SharpsPatchPrints()
    {
        // libgit2 scores similarity its own way (not git's), so the reference here is LibGit2Sharp's Patch with
        // the same options: the text the proposals showed before this seam existed.
        using var repo = new TempRepository(withRemote: false);
        var before = repo.Commit("before", ("a/moved.yaml", "alpha\nbeta\ngamma\ndelta\nepsilon\n"), ("a/kept.yaml", "1\n2\n"));
        repo.Git("mv", "a/moved.yaml", "a/renamed.yaml");
        var after = repo.Commit("after", ("a/renamed.yaml", "alpha\nbeta\ngamma\ndelta\nepsilon\nzeta\n"), ("a/kept.yaml", "1\n3\n"));
        using var git = new Repository(repo.Work);
        var (from, to) = (git.Lookup<Commit>(before).Tree, git.Lookup<Commit>(after).Tree);
        string[] paths = ["a/moved.yaml", "a/renamed.yaml", "a/kept.yaml"];
        using var expected = git.Diff.Compare<Patch>(from, to, paths, new CompareOptions { Similarity = SimilarityOptions.Renames });

        var patch = PatchOf(git.Info.Path, from.Id.RawId, to.Id.RawId, paths);

        Assert.Equal(expected.Content, patch);
        Assert.Contains("rename from a/moved.yaml\nrename to a/renamed.yaml\n", patch, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MissingTree_ThrowsGitOpsException()
    {
        using var repo = new TempRepository(withRemote: false);
        var commit = repo.Commit("one", ("f.yaml", "x\n"));
        using var git = new Repository(repo.Work);

        var error = Assert.Throws<GitOpsException>(() => PatchOf(git.Info.Path, new byte[20], git.Lookup<Commit>(commit).Tree.Id.RawId, ["f.yaml"]));

        Assert.StartsWith("libgit2 could not read the old tree (not found): ", error.Message, StringComparison.Ordinal);
    }

    private static string PatchOf(string gitDirectory, byte[] fromTree, byte[] toTree, IReadOnlyCollection<string> paths)
    {
        var repository = NativePatch.Open(gitDirectory);
        try
        {
            return NativePatch.Create(repository, fromTree, toTree, paths);
        }
        finally
        {
            NativePatch.Free(repository);
        }
    }
}
