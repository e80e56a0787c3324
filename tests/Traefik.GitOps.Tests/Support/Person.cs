using System.Diagnostics;
using System.Text;
using Traefik.Manifests;
using Traefik.Manifests.Model;
using Traefik.Manifests.Tests.Support;
using Traefik.Manifests.Validation;

namespace Traefik.GitOps.Tests.Support;

/// <summary>
/// Someone with their own clone of the remote who merges pull requests with the git command line, the way a
/// merge button does (a merge commit on main, pushed), and checks that main is still a valid configuration.
/// </summary>
public sealed class Person
{
    public Person(TempRepository repo, string name)
    {
        Work = repo.CloneAgain(name);
    }

    public string Work { get; }

    /// <summary>Merges the remote branch into main and pushes; fails the test with git's output on a conflict.</summary>
    public void Merge(string branch)
    {
        Git("fetch", "-q", "origin");
        Git("checkout", "-q", "-B", "main", "origin/main");
        var (code, output, error) = Try("merge", "--no-ff", "-m", "Merge pull request from " + branch, "origin/" + branch);
        Assert.True(code == 0, $"Merging {branch} into main failed:\n{output}{error}");
        Git("push", "-q", "origin", "main");
    }

    /// <summary>Merges and reports whether git found a conflict (the merge is then aborted and nothing is pushed).</summary>
    public bool MergeConflicts(string branch)
    {
        Git("fetch", "-q", "origin");
        Git("checkout", "-q", "-B", "main", "origin/main");
        var (code, _, _) = Try("merge", "--no-ff", "-m", "Merge pull request from " + branch, "origin/" + branch);
        if (code == 0)
        {
            Git("reset", "-q", "--hard", "origin/main");
            return false;
        }

        Git("merge", "--abort");
        return true;
    }

    /// <summary>Commits files straight to main and pushes (someone changing main by hand).</summary>
    public string CommitToMain(string message, params (string Path, string Content)[] files)
    {
        Git("fetch", "-q", "origin");
        Git("checkout", "-q", "-B", "main", "origin/main");
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(Work, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content, new UTF8Encoding(false));
        }

        Git("add", "-A");
        Git("commit", "-q", "-m", message);
        Git("push", "-q", "origin", "main");
        return Git("rev-parse", "HEAD").Trim();
    }

    /// <summary>A file on origin/main.</summary>
    public string Show(string path)
    {
        Git("fetch", "-q", "origin");
        return Git("show", "origin/main:" + path);
    }

    /// <summary>Every object in the YAML files of origin/main under the root (kustomizations aside).</summary>
    public IReadOnlyList<KubernetesObject> MainObjects(string root = "traefik")
    {
        Git("fetch", "-q", "origin");
        return [.. Git("ls-tree", "-r", "--name-only", "origin/main", "--", root)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) && Path.GetFileName(f) != "kustomization.yaml")
            .SelectMany(f => ManifestYaml.Parse(Git("show", "origin/main:" + f)))];
    }

    /// <summary>
    /// Checks origin/main: every object valid against the CRDs, every reference between objects resolves, and
    /// (with kubectl) <c>kubectl kustomize &lt;root&gt;</c> builds exactly the objects of the files.
    /// </summary>
    public IReadOnlyList<KubernetesObject> AssertMainValid(string root = "traefik")
    {
        var objects = MainObjects(root);
        SchemaAssert.Valid(objects);
        Assert.Empty(References.Dangling(ManifestSet.From(objects)));
        if (KubectlFactAttribute.Required)
        {
            var kubectl = KubectlFactAttribute.RequireKubectl();
            Git("checkout", "-q", "-B", "main", "origin/main");
            var info = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add("kustomize");
            info.ArgumentList.Add(Path.Combine(Work, root));
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"kubectl kustomize {root} failed on main: {error}");
            Assert.Equal(
                objects.Select(o => o.Key.ToString()).Order(StringComparer.Ordinal),
                ManifestYaml.Parse(output.Result).Select(o => o.Key.ToString()).Order(StringComparer.Ordinal));
        }

        return objects;
    }

    public string Git(params string[] args)
    {
        var (code, output, error) = Try(args);
        Assert.True(code == 0, $"git {string.Join(' ', args)} failed: {error}");
        return output;
    }

    private (int Code, string Output, string Error) Try(params string[] args)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = Work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in (string[])["-c", "user.name=Reviewer", "-c", "user.email=reviewer@example.invalid", "-c", "commit.gpgsign=false", .. args])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }
}
