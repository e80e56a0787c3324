namespace Traefik.Mcp.Tests.Support.Prometheus;

/// <summary>When the real-Prometheus tests run, are skipped, or fail: decided from PATH and CI.</summary>
public sealed class PrometheusInstallationTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("traefik-mcp-path-");

    [Fact]
    public void Find_BothExecutablesOnPath_NoSkip()
    {
        var bin = Executables("bin", "prometheus", "promtool");

        var installation = PrometheusInstallation.Find($"/nonexistent{Path.PathSeparator}{bin}");

        Assert.Equal(Path.Combine(bin, "prometheus"), installation.Prometheus);
        Assert.Equal(Path.Combine(bin, "promtool"), installation.Promtool);
        Assert.Null(installation.Missing);
        Assert.Null(installation.SkipReason(ci: null));
    }

    [Fact]
    public void Find_PromtoolMissingOrNotExecutable_SkippedWithTheInstallCommand()
    {
        var bin = Executables("bin", "prometheus");
        File.WriteAllText(Path.Combine(bin, "promtool"), "not executable");

        var installation = PrometheusInstallation.Find(bin);

        Assert.Null(installation.Promtool);
        Assert.Equal("prometheus is not installed: apt-get install -y prometheus (promtool is not on PATH)", installation.SkipReason(ci: null));
        Assert.Equal(installation.Missing, installation.SkipReason(ci: "false"));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    public void SkipReason_MissingUnderCi_RunsSoItFails(string ci)
    {
        var installation = PrometheusInstallation.Find(null);

        Assert.Equal("prometheus is not installed: apt-get install -y prometheus (neither prometheus nor promtool is on PATH)", installation.Missing);
        Assert.Null(installation.SkipReason(ci));
    }

    [Fact]
    public async Task StartAsync_NotInstalled_ThrowsTheReason()
    {
        var scenario = new TrafficScenario(DateTimeOffset.UnixEpoch.AddDays(1), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(15));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => PrometheusServer.StartAsync(scenario, PrometheusInstallation.Find(_folder.FullName)));

        Assert.StartsWith("prometheus is not installed: apt-get install -y prometheus", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private string Executables(string directory, params string[] names)
    {
        var bin = _folder.CreateSubdirectory(directory).FullName;
        foreach (var name in names)
        {
            var file = Path.Combine(bin, name);
            File.WriteAllText(file, "#!/bin/sh\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        return bin;
    }
}
