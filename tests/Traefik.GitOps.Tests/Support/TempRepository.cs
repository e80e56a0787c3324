using System.Diagnostics;
using System.Text;

namespace Traefik.GitOps.Tests.Support;

/// <summary>
/// A bare remote (<c>git init --bare -b main</c>) and a clone of it in a fresh temporary folder, deleted on
/// dispose. Git runs with no system or global configuration, so the machine's settings cannot leak in.
/// </summary>
public sealed class TempRepository : IDisposable
{
    public TempRepository(bool withRemote = true)
    {
        Folder = Directory.CreateTempSubdirectory("traefik-gitops-test-").FullName;
        Remote = Path.Combine(Folder, "remote.git");
        Work = Path.Combine(Folder, "work");
        if (withRemote)
        {
            Directory.CreateDirectory(Remote);
            Run(Remote, "init", "--bare", "-q", "-b", "main");
            Run(Folder, "clone", "-q", Remote, "work");
        }
        else
        {
            Directory.CreateDirectory(Work);
            Run(Work, "init", "-q", "-b", "main");
        }
    }

    public string Folder { get; }

    public string Remote { get; }

    public string Work { get; }

    /// <summary>Runs git in the working clone and returns its standard output.</summary>
    public string Git(params string[] args) => Run(Work, args);

    /// <summary>Runs git in the bare remote.</summary>
    public string RemoteGit(params string[] args) => Run(Remote, args);

    public static string Run(string directory, params string[] args)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("user.name=Test Person");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("user.email=test@example.invalid");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("commit.gpgsign=false");
        foreach (var arg in args)
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
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({process.ExitCode}): {stderr}");
        }

        return stdout.Result;
    }

    public void Write(string path, string content)
    {
        var full = Path.Combine(Work, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content, new UTF8Encoding(false));
    }

    public string Read(string path) => File.ReadAllText(Path.Combine(Work, path));

    /// <summary>Writes files, commits them on the current branch and pushes when there is a remote.</summary>
    public string Commit(string message, params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            Write(path, content);
        }

        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
        if (Directory.Exists(Remote))
        {
            Git("push", "-q", "origin", "HEAD");
        }

        return Git("rev-parse", "HEAD").Trim();
    }

    /// <summary>A second clone of the remote, as another person or machine would have it.</summary>
    public string CloneAgain(string name)
    {
        Run(Folder, "clone", "-q", Remote, name);
        return Path.Combine(Folder, name);
    }

    /// <summary>Everything a checkout consists of: status (untracked files too), HEAD, the current branch, the index (entries and file bytes) and the files under traefik/.</summary>
    public string CheckoutState() =>
        string.Join(
            "\n",
            Git("status", "--porcelain", "--untracked-files=all"),
            Git("rev-parse", "HEAD"),
            Git("symbolic-ref", "HEAD"),
            Git("ls-files", "--stage"),
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(Work, ".git", "index")))),
            string.Join("\n", Directory.EnumerateFiles(Path.Combine(Work, "traefik"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => f + "\n" + File.ReadAllText(f))));

    public string RemoteBranch(string branch) => RemoteGit("rev-parse", "refs/heads/" + branch).Trim();

    public bool RemoteHasBranch(string branch) => RemoteGit("branch", "--list", branch).Trim().Length > 0;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
