using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.GitOps.Security;
using Traefik.Mcp.Configuration;
using Traefik.Mcp.Hosting;

namespace Traefik.Mcp.Cli;

/// <summary>The traefik-mcp entry point: serve (stdio or HTTP), call a tool, or read a resource.</summary>
public static class TraefikMcpProgram
{
    /// <summary>Runs the command line; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(environment);

        // Until the settings are read, only URL user information is known to be secret.
        var redactor = new SecretRedactor();
        try
        {
            var line = CommandLine.Parse(args);
            if (line.Help)
            {
                await stdout.WriteLineAsync(CommandLine.Usage).ConfigureAwait(false);
                return 0;
            }

            if (line.Version)
            {
                await stdout.WriteLineAsync($"traefik-mcp {ServerSetup.Version}").ConfigureAwait(false);
                return 0;
            }

            var settings = SettingsLoader.Load(line.Options.Where(o => o.Key is not ("args" or "output")).ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal), environment);
            redactor = ConfiguredSecrets.Redactor(settings, environment);
            return line.Command switch
            {
                "call" => await CallAsync(line, settings, stdout, stderr, environment, redactor).ConfigureAwait(false),
                "deliver" or "refresh" or "discard" => await ShortcutAsync(line, settings, stdout, stderr, environment, redactor).ConfigureAwait(false),
                "read" => await ReadAsync(line, settings, stdout, stderr, environment, redactor).ConfigureAwait(false),
                _ => settings.Transport == "http"
                    ? await ServeHttpAsync(settings, stderr, environment, redactor).ConfigureAwait(false)
                    : await ServeStdioAsync(settings, environment, redactor).ConfigureAwait(false),
            };
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync("traefik-mcp: " + redactor.Redact(e.Message)).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing should get here; if something does, its text is still redacted (an unhandled exception
            // would be printed by the runtime as it is).
            await stderr.WriteLineAsync("traefik-mcp: unexpected failure: " + redactor.Redact(e.ToString())).ConfigureAwait(false);
            return UnexpectedFailure;
        }
    }

    /// <summary>The exit code of a failure that is a defect (EX_SOFTWARE).</summary>
    public const int UnexpectedFailure = 70;

    private static async Task<int> ServeStdioAsync(McpSettings settings, Func<string, string?> environment, SecretRedactor redactor)
    {
        var builder = Host.CreateEmptyApplicationBuilder(settings: null);
        builder.Logging.AddProvider(new TextWriterLoggerProvider(Console.Error, LogLevel.Information, redactor));
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Services.AddSingleton(redactor);
        builder.Services.AddTraefikServices(settings, environment);
        builder.Services.AddMcpServer(ServerSetup.ConfigureServer).WithCompactStreamTransport().AddTraefikPrimitives();
        var host = builder.Build();

        // The repository opens on another thread while this one builds the MCP server (the SDK's set-up of
        // every request and result type); both finish before the server reads its first message, so a bad
        // --repo still stops it at start.
        var opening = Task.Run(() => OpenRepository(host.Services));
        _ = host.Services.GetRequiredService<McpServer>();
        await opening.ConfigureAwait(false);
        await host.RunAsync().ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> ServeHttpAsync(McpSettings settings, TextWriter stderr, Func<string, string?> environment, SecretRedactor redactor)
    {
        var token = settings.AuthTokenEnv is { } name ? environment(name) : null;
        if (settings.AuthTokenEnv is not null && string.IsNullOrEmpty(token))
        {
            throw new UsageException($"--auth-token-env names {settings.AuthTokenEnv}, but that environment variable is empty.");
        }

        var addresses = ListenAddress.ParseList(settings.Urls);
        foreach (var address in addresses.Where(a => !a.IsLoopback))
        {
            if (token is null)
            {
                throw new UsageException($"--urls {address.Url} is not a loopback address: binding it needs a bearer token (--auth-token-env NAME), so the tools are not open to the network.");
            }
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new TextWriterLoggerProvider(Console.Error, LogLevel.Information, redactor));
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.WebHost.UseUrls([.. addresses.Select(a => a.Url)]);
        // A backstop behind HttpGuard.MessageBody, which answers an oversize body itself.
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = settings.MaxMessageBytes + 1L);
        builder.Services.AddSingleton(redactor);
        builder.Services.AddTraefikServices(settings, environment);
        builder.Services.AddMcpServer(ServerSetup.ConfigureServer).WithHttpTransport(o => o.Stateless = false).AddTraefikPrimitives();
        var app = builder.Build();
        OpenRepository(app.Services);
        app.Use(HttpGuard.HostAndOrigin(new HostOriginPolicy(addresses, settings.AllowedHosts, settings.AllowedOrigins)));
        if (token is not null)
        {
            app.Use(HttpGuard.Bearer(token));
        }

        app.Use(HttpGuard.MessageBody(settings.MaxMessageBytes));
        app.MapMcp("/mcp");
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            throw new UsageException($"Cannot listen on {string.Join(", ", addresses.Select(a => a.Url))}: {e.Message}");
        }

        await stderr.WriteLineAsync($"traefik-mcp listening on {string.Join(", ", addresses.Select(a => a.Url))} (endpoint /mcp)").ConfigureAwait(false);
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>Opens (and for the embedded default, creates) the repository before serving, so a bad --repo fails at start.</summary>
    private static void OpenRepository(IServiceProvider services)
    {
        try
        {
            _ = services.GetRequiredService<RepositoryHost>().Repository;
        }
        catch (Traefik.GitOps.GitOpsException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static async Task<int> CallAsync(CommandLine line, McpSettings settings, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, SecretRedactor redactor)
    {
        if (line.Positionals.Count != 1)
        {
            throw new UsageException("call needs exactly one tool name: traefik-mcp call <tool> --args '<json object>'.");
        }

        var output = line.Options.GetValueOrDefault("output") ?? "text";
        if (output is not ("text" or "json"))
        {
            throw new UsageException($"--output must be text or json, not '{output}'.");
        }

        var arguments = ParseArguments(line.Options.GetValueOrDefault("args") ?? "{}");
        return await InvokeAsync(line.Positionals[0], arguments, output, settings, stdout, stderr, environment, redactor).ConfigureAwait(false);
    }

    /// <summary>deliver, refresh and discard: the tools they stand for, with their arguments from the command line.</summary>
    private static async Task<int> ShortcutAsync(CommandLine line, McpSettings settings, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, SecretRedactor redactor)
    {
        var output = line.Options.GetValueOrDefault("output") ?? "text";
        if (output is not ("text" or "json"))
        {
            throw new UsageException($"--output must be text or json, not '{output}'.");
        }

        if (line.Options.ContainsKey("args"))
        {
            throw new UsageException($"{line.Command} takes no --args; use traefik-mcp call with the tool name for that.");
        }

        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        string tool;
        switch (line.Command)
        {
            case "deliver":
                tool = Tools.DeliverProposalTool.Name;
                arguments["proposal_id"] = line.Positionals.Count == 1 ? line.Positionals[0] : throw new UsageException("deliver needs exactly one proposal id: traefik-mcp deliver <proposal-id>.");
                break;
            case "refresh":
                tool = Tools.RefreshProposalsTool.Name;
                if (line.Positionals.Count != 0)
                {
                    throw new UsageException("refresh takes no arguments: traefik-mcp refresh [--delivery branch|pull_request].");
                }

                break;
            default:
                tool = Tools.DiscardProposalTool.Name;
                var which = line.Positionals.Count == 1 ? line.Positionals[0] : throw new UsageException("discard needs a proposal id or namespace/route: traefik-mcp discard <proposal-id | namespace/route>.");
                var slash = which.IndexOf('/', StringComparison.Ordinal);
                if (slash < 0)
                {
                    arguments["proposal_id"] = which;
                }
                else
                {
                    arguments["namespace"] = which[..slash];
                    arguments["route_name"] = which[(slash + 1)..];
                }

                break;
        }

        return await InvokeAsync(tool, arguments, output, settings, stdout, stderr, environment, redactor).ConfigureAwait(false);
    }

    private static async Task<int> InvokeAsync(string tool, Dictionary<string, object?> arguments, string output, McpSettings settings, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, SecretRedactor redactor)
    {
        await using var session = await InProcessSession.StartAsync(settings, stderr, environment, redactor).ConfigureAwait(false);
        CallToolResult result;
        try
        {
            result = await session.Client.CallToolAsync(tool, arguments).ConfigureAwait(false);
        }
        catch (McpException e)
        {
            await stderr.WriteLineAsync("traefik-mcp: " + e.Message).ConfigureAwait(false);
            return ExitCodes.ToolError;
        }

        var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
        if (result.IsError == true)
        {
            await stderr.WriteLineAsync(text).ConfigureAwait(false);
            return ExitCodes.ToolError;
        }

        await stdout.WriteAsync(output == "json" && result.StructuredContent is { } structured
            ? JsonSerializer.Serialize(structured, McpJsonContext.Default.JsonElement) + "\n"
            : text.EndsWith('\n') ? text : text + "\n").ConfigureAwait(false);
        return ExitCodes.For(tool, result);
    }

    private static async Task<int> ReadAsync(CommandLine line, McpSettings settings, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, SecretRedactor redactor)
    {
        if (line.Positionals.Count != 1)
        {
            throw new UsageException("read needs exactly one resource URI: traefik-mcp read traefik://traffic/routes/list.");
        }

        await using var session = await InProcessSession.StartAsync(settings, stderr, environment, redactor).ConfigureAwait(false);
        try
        {
            var result = await session.Client.ReadResourceAsync(line.Positionals[0]).ConfigureAwait(false);
            foreach (var content in result.Contents.OfType<TextResourceContents>())
            {
                await stdout.WriteLineAsync(content.Text).ConfigureAwait(false);
            }

            return 0;
        }
        catch (McpException e)
        {
            await stderr.WriteLineAsync("traefik-mcp: " + e.Message).ConfigureAwait(false);
            return 1;
        }
    }

    private static Dictionary<string, object?> ParseArguments(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new UsageException("--args must be a JSON object, for example '{\"route_name\": \"api\"}'.");
            }

            return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw new UsageException($"--args is not valid JSON: {e.Message}");
        }
    }

    /// <summary>The server and a client in this process, connected by pipes (the command line uses the same code path as MCP clients).</summary>
    private sealed class InProcessSession : IAsyncDisposable
    {
        private readonly IHost _host;

        private InProcessSession(IHost host, McpClient client)
        {
            _host = host;
            Client = client;
        }

        public McpClient Client { get; }

        public static async Task<InProcessSession> StartAsync(McpSettings settings, TextWriter stderr, Func<string, string?> environment, SecretRedactor redactor)
        {
            var clientToServer = new Pipe();
            var serverToClient = new Pipe();
            var builder = Host.CreateEmptyApplicationBuilder(settings: null);
            builder.Logging.AddProvider(new TextWriterLoggerProvider(stderr, LogLevel.Warning, redactor));
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddSingleton(redactor);
            builder.Services.AddTraefikServices(settings, environment);
            builder.Services.AddMcpServer(ServerSetup.ConfigureServer)
                .WithCompactStreamTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream())
                .AddTraefikPrimitives();
            var host = builder.Build();
            await host.StartAsync().ConfigureAwait(false);
            // The server is in this process and answers server/discover: no probe timeout, which on a loaded
            // machine could expire before the answer and make the client fall back to initialize after the
            // server has already settled on the newer protocol.
            var client = await McpClient.CreateAsync(
                new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream()),
                new McpClientOptions { DiscoverProbeTimeout = Timeout.InfiniteTimeSpan }).ConfigureAwait(false);
            return new InProcessSession(host, client);
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync().ConfigureAwait(false);
            await _host.StopAsync().ConfigureAwait(false);
            _host.Dispose();
        }
    }
}
