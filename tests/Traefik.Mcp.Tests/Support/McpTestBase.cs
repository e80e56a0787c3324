using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Traefik.GitOps;
using Traefik.Manifests;
using Traefik.Manifests.Model;
using Traefik.Manifests.Tests.Support;
using Traefik.Mcp.Configuration;
using Traefik.Mcp.Hosting;

namespace Traefik.Mcp.Tests.Support;

/// <summary>
/// Per test: a fresh git repository (branch <c>main</c>, one initial commit) in a temporary folder, the
/// server built in-process exactly as <c>traefik-mcp serve</c> builds it, over two in-memory pipes, and an
/// <see cref="McpClient"/> connected to it. Helpers call tools, read resources, and check every manifest
/// in the repository against the official CRD schema.
/// </summary>
public abstract class McpTestBase : IAsyncLifetime
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly Pipe _clientToServer = new();
    private readonly Pipe _serverToClient = new();
    private IHost? _host;
    private McpClient? _client;

    protected McpTestBase()
    {
        Folder = Directory.CreateTempSubdirectory("traefik-mcp-test-").FullName;
        Work = Path.Combine(Folder, "repo");
        GitOpsRepository.InitializeLocal(Work, "main", GitOpsOptions.DefaultRoot, CommitIdentity.Default, Epoch);
    }

    /// <summary>The temporary folder (deleted after the test).</summary>
    protected string Folder { get; }

    /// <summary>The repository's working tree.</summary>
    protected string Work { get; }

    /// <summary>The configured default delivery; scenario tests stack their steps in the working tree.</summary>
    protected virtual DeliveryMode Delivery => DeliveryMode.Worktree;

    /// <summary>The server's clock; tests of live figures pin it to the end of their metrics.</summary>
    protected virtual TimeProvider Clock => TimeProvider.System;

    /// <summary>The settings the server runs with, from the defaults every test uses.</summary>
    protected virtual McpSettings Configure(McpSettings defaults) => defaults;

    /// <summary>The environment variables the server sees (none by default).</summary>
    protected virtual string? EnvironmentVariable(string name) => null;

    /// <summary>The connected client.</summary>
    protected McpClient Client => _client ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>The in-process server's services, as its tools, resources and prompts see them.</summary>
    protected IServiceProvider ServerServices => _host?.Services ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        var settings = Configure(new McpSettings { Repo = Work, Delivery = Delivery });
        var builder = Host.CreateEmptyApplicationBuilder(settings: null);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddTraefikServices(settings, EnvironmentVariable);
        builder.Services.AddSingleton(Clock);
        builder.Services.AddMcpServer(ServerSetup.ConfigureServer)
            .WithCompactStreamTransport(_clientToServer.Reader.AsStream(), _serverToClient.Writer.AsStream())
            .AddTraefikPrimitives();
        _host = builder.Build();
        await _host.StartAsync();
        _client = await McpClient.CreateAsync(new StreamClientTransport(_clientToServer.Writer.AsStream(), _serverToClient.Reader.AsStream()), new McpClientOptions { DiscoverProbeTimeout = Timeout.InfiniteTimeSpan });
    }

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Git marks some object files read-only; leaving them is harmless.
        }
    }

    /// <summary>Calls a tool with arguments written as a JSON object.</summary>
    protected async Task<CallToolResult> CallAsync(string tool, string argumentsJson)
    {
        using var document = JsonDocument.Parse(argumentsJson);
        var arguments = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal);
        return await Client.CallToolAsync(tool, arguments);
    }

    /// <summary>Calls a mutating tool that must succeed; returns its structured proposal (and checks the text block agrees).</summary>
    protected async Task<JsonObject> ProposeAsync(string tool, string argumentsJson)
    {
        var result = await CallAsync(tool, argumentsJson);
        var text = Text(result);
        Assert.False(result.IsError == true, $"{tool} failed: {text}");
        Assert.True(result.StructuredContent is { ValueKind: JsonValueKind.Object }, $"{tool} returned no structured content: {text}");
        var proposal = JsonNode.Parse(result.StructuredContent!.Value.GetRawText())!.AsObject();
        Assert.Contains(proposal["id"]!.GetValue<string>(), text, StringComparison.Ordinal);
        foreach (var warning in proposal["warnings"]!.AsArray())
        {
            Assert.Contains(warning!.GetValue<string>(), text, StringComparison.Ordinal);
        }

        return proposal;
    }

    /// <summary>Calls a tool that must fail; checks it is a tool error with no structured content and returns the message.</summary>
    protected async Task<string> ErrorAsync(string tool, string argumentsJson)
    {
        var result = await CallAsync(tool, argumentsJson);
        Assert.True(result.IsError == true, $"{tool} should have failed: {Text(result)}");
        Assert.Null(result.StructuredContent);
        return Text(result);
    }

    /// <summary>Reads a resource as JSON.</summary>
    protected async Task<JsonObject> ReadAsync(string uri)
    {
        var result = await Client.ReadResourceAsync(uri);
        var text = Assert.IsType<TextResourceContents>(Assert.Single(result.Contents)).Text;
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The text of a tool result.</summary>
    protected static string Text(CallToolResult result) =>
        string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    /// <summary>Every object in the working tree's manifest files.</summary>
    protected IReadOnlyList<KubernetesObject> WorktreeObjects()
    {
        var root = Path.Combine(Work, GitOpsOptions.DefaultRoot);
        if (!Directory.Exists(root))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .Order(StringComparer.Ordinal)
            .SelectMany(f => ManifestYaml.Parse(File.ReadAllText(f)))];
    }

    /// <summary>Every object in the manifest files of a branch.</summary>
    protected IReadOnlyList<KubernetesObject> BranchObjects(string branch) =>
        [.. Git("ls-tree", "-r", "--name-only", branch)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) && !f.EndsWith("kustomization.yaml", StringComparison.Ordinal))
            .SelectMany(f => ManifestYaml.Parse(Git("show", $"{branch}:{f}")))];

    /// <summary>Checks every manifest in the working tree against the official CRD schema; returns them.</summary>
    protected IReadOnlyList<KubernetesObject> AssertWorktreeValid()
    {
        var objects = WorktreeObjects();
        SchemaAssert.Valid(objects);
        return objects;
    }

    /// <summary>Finds an object in a list by kind and name.</summary>
    protected static T Find<T>(IEnumerable<KubernetesObject> objects, string kind, string @namespace, string name)
        where T : KubernetesObject =>
        Assert.IsType<T>(Assert.Single(objects, o => o.Kind == kind && o.Namespace == @namespace && o.Name == name));

    /// <summary>Runs git in the repository (no system or global configuration) and returns its output.</summary>
    protected string Git(params string[] args) => GitIn(Work, ("Test Person", "test@example.invalid"), args);

    /// <summary>Runs git in <paramref name="directory"/> as <paramref name="person"/> (no system or global configuration) and returns its output.</summary>
    protected static string GitIn(string directory, (string Name, string Email) person, params string[] args)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in (string[])["-c", $"user.name={person.Name}", "-c", $"user.email={person.Email}", "-c", "commit.gpgsign=false", .. args])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)} failed: {stderr}");
        return stdout.Result;
    }

    /// <summary>The object changes of a proposal as "change Kind ns/name" lines.</summary>
    protected static string[] Changes(JsonObject proposal) =>
        [.. proposal["object_changes"]!.AsArray().Select(c => $"{c!["change"]} {c["kind"]} {c["namespace"]}/{c["name"]}")];

    /// <summary>The warnings of a proposal.</summary>
    protected static string[] Warnings(JsonObject proposal) =>
        [.. proposal["warnings"]!.AsArray().Select(w => w!.GetValue<string>())];

    /// <summary>Asserts the proposal is valid and was delivered the given way (or only proposed).</summary>
    protected static void AssertDelivered(JsonObject proposal, string status = "delivered")
    {
        Assert.Equal(status, proposal["status"]!.GetValue<string>());
        Assert.True(proposal["validation"]!["valid"]!.GetValue<bool>(), proposal["validation"]!.ToJsonString());
    }
}
