using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Traefik.Benchmarks.Startup;

/// <summary>A <c>traefik-mcp serve</c> child process on stdio; its standard error is collected for error messages.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly StringBuilder _stderr = new();

    private ServerProcess(Process process)
    {
        Process = process;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
    }

    /// <summary>The process.</summary>
    public Process Process { get; }

    /// <summary>What the server wrote to standard error so far.</summary>
    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts <c>serve --repo &lt;repository&gt;</c> with a build.</summary>
    public static ServerProcess Start(ServerBuild build, string repository)
    {
        ArgumentNullException.ThrowIfNull(build);
        return new ServerProcess(Process.Start(build.StartInfo("serve", "--repo", repository)) ?? throw new InvalidOperationException($"{build} did not start."));
    }

    /// <summary>A field of <c>/proc/&lt;pid&gt;/status</c> in kB (for example <c>VmHWM</c>, the peak resident set).</summary>
    public long StatusKilobytes(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{Process.Id.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{Process.Id}/status has no {field}.");
    }

    /// <summary>Kills the process (if it still runs) and waits for it.</summary>
    public void Dispose()
    {
        try
        {
            Process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It already exited.
        }

        Process.WaitForExit();
        Process.Dispose();
    }
}
