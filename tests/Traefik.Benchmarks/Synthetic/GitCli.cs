using System.Diagnostics;
using System.Text;

namespace Traefik.Benchmarks.Synthetic;

/// <summary>Runs the <c>git</c> command line in a repository, isolated from the user's and the system's configuration.</summary>
public static class GitCli
{
    /// <summary>Fixed identity and dates, so a generated repository is the same commit on every run.</summary>
    private static readonly (string Name, string Value)[] Environment =
    [
        ("GIT_CONFIG_NOSYSTEM", "1"),
        ("GIT_CONFIG_GLOBAL", "/dev/null"),
        ("GIT_AUTHOR_NAME", "Benchmark"),
        ("GIT_AUTHOR_EMAIL", "benchmark@example.invalid"),
        ("GIT_COMMITTER_NAME", "Benchmark"),
        ("GIT_COMMITTER_EMAIL", "benchmark@example.invalid"),
        ("GIT_AUTHOR_DATE", "2026-01-02T03:04:05Z"),
        ("GIT_COMMITTER_DATE", "2026-01-02T03:04:05Z"),
    ];

    /// <summary>Runs git and returns its standard output; throws with its standard error when it fails.</summary>
    /// <param name="directory">The working directory.</param>
    /// <param name="input">Bytes for standard input, or null.</param>
    /// <param name="extraEnvironment">More environment variables (for example <c>GIT_INDEX_FILE</c>).</param>
    /// <param name="args">The git arguments.</param>
    public static string Run(string directory, byte[]? input, IReadOnlyList<(string Name, string Value)>? extraEnvironment, params string[] args)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in Environment.Concat(extraEnvironment ?? []))
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("git could not be started.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.BaseStream.Write(input);
            process.StandardInput.Close();
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}");
        }

        return stdout.Result;
    }

    /// <summary>Runs git with no input and no extra environment.</summary>
    public static string Run(string directory, params string[] args) => Run(directory, null, null, args);
}
