using System.Text;
using LibGit2Sharp;
using Traefik.GitOps.Git;
using Traefik.GitOps.Tests.Support;

namespace Traefik.GitOps.Tests.Delivery;

/// <summary>
/// Trees are written as raw git objects (only the folders on changed paths), so they are checked against
/// git itself: the same edits made through a temporary index with the git command line give the same
/// tree id, and git fsck finds nothing wrong.
/// </summary>
public sealed class TreeWriterTests : IDisposable
{
    private readonly TempRepository _repo = new(withRemote: false);

    [Fact]
    public void BuildTree_MixedEdits_SameTreeAsGitAndFsckClean()
    {
        Write("traefik/prod/a.yaml", "a: 1\n");
        Write("traefik/prod/b.yaml", "b: 1\n");
        Write("traefik/prod-x/c.yaml", "c: 1\n");      // sorts after "prod" only when trees sort as "prod/"
        Write("traefik/prod.yaml", "flat: true\n");
        Write("traefik/lonely/only.yaml", "x: 1\n");
        Write("scripts/deploy.sh", "#!/bin/sh\necho hi\n");
        Write("README.md", "# gitops\n");
        _repo.Git("add", "-A");
        _repo.Git("update-index", "--chmod=+x", "scripts/deploy.sh");
        _repo.Git("commit", "-q", "-m", "base");
        var edits = new (string Path, string? Content)[]
        {
            ("traefik/prod/a.yaml", "a: 2\n"),                 // changed
            ("traefik/prod/new.yaml", "n: 1\n"),               // added in an existing folder
            ("traefik/staging/deep/d.yaml", "d: 1\n"),         // added in new nested folders
            ("traefik/lonely/only.yaml", null),                // deleted: the folder disappears
            ("scripts/deploy.sh", "#!/bin/sh\necho bye\n"),    // keeps its executable mode
        };

        string ours;
        using (var session = GitSession.Open(_repo.Work))
        using (var repository = new Repository(_repo.Work))
        {
            var baseTree = repository.Head.Tip.Tree.Sha;
            ours = session.BuildTree(baseTree, edits.Select(e => (e.Path, e.Content is null ? null : Encoding.UTF8.GetBytes(e.Content))));
        }

        Assert.Equal(GitCommandLineTree(edits), ours);
        Assert.Equal("100755", _repo.Git("ls-tree", ours, "scripts/deploy.sh").Split(' ')[0]);
        Assert.Equal(string.Empty, _repo.Git("ls-tree", ours, "traefik/lonely"));
        _repo.Git("fsck", "--strict", "--no-dangling");
    }

    [Fact]
    public void ChangePatch_ChangedPaths_PrintsGitsDiffAndWritesNoObjects()
    {
        Write("traefik/prod/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  first: one\n");
        Write("traefik/prod/b.yaml", "b: 1\n");
        Write("traefik/stage/c.yaml", "c: 1\n");
        _repo.Git("add", "-A");
        _repo.Git("commit", "-q", "-m", "base");
        var objectsBefore = _repo.Git("count-objects", "-v");

        string patch;
        using (var session = GitSession.Open(_repo.Work))
        using (var repository = new Repository(_repo.Work))
        {
            patch = session.ChangePatch(repository.Head.Tip.Tree.Sha, [
                ("traefik/prod/b.yaml", Encoding.UTF8.GetBytes("b: 2\n")),
                ("traefik/prod/new.yaml", Encoding.UTF8.GetBytes("n: 1\n")),
                ("traefik/prod/a.yaml", null),
            ]);
        }

        Assert.Equal(objectsBefore, _repo.Git("count-objects", "-v"));
        Write("traefik/prod/b.yaml", "b: 2\n");
        Write("traefik/prod/new.yaml", "n: 1\n");
        File.Delete(Path.Combine(_repo.Work, "traefik/prod/a.yaml"));
        _repo.Git("add", "-A");
        Assert.Equal(_repo.Git("diff", "--cached", "--no-color"), patch);
        Assert.Contains("+b: 2", patch, StringComparison.Ordinal);
        Assert.Contains("deleted file mode 100644", patch, StringComparison.Ordinal);
    }

    public void Dispose() => _repo.Dispose();

    private void Write(string path, string content)
    {
        var full = Path.Combine(_repo.Work, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    private string GitCommandLineTree((string Path, string? Content)[] edits)
    {
        var index = Path.Combine(_repo.Folder, "cli-index");
        var git = (string[] args) => RunWithIndex(index, args);
        git(["read-tree", "HEAD"]);
        foreach (var (path, content) in edits)
        {
            if (content is null)
            {
                git(["update-index", "--force-remove", path]);
                continue;
            }

            var temp = Path.Combine(_repo.Folder, "blob");
            File.WriteAllText(temp, content);
            var blob = _repo.Git("hash-object", "-w", temp).Trim();
            var mode = path.EndsWith(".sh", StringComparison.Ordinal) ? "100755" : "100644";
            git(["update-index", "--add", "--cacheinfo", $"{mode},{blob},{path}"]);
        }

        return git(["write-tree"]).Trim();
    }

    /// <summary>git with its own index file (set on the child process only: tests run in parallel).</summary>
    private string RunWithIndex(string index, string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = _repo.Work, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["GIT_INDEX_FILE"] = index;
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? stdout.Result : throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {stderr}");
    }
}
