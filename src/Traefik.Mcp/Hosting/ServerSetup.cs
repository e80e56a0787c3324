using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Traefik.Mcp.Configuration;
using Traefik.Mcp.Observability;
using Traefik.Mcp.Prompts;
using Traefik.Mcp.Resources;
using Traefik.Mcp.Tools;

namespace Traefik.Mcp.Hosting;

/// <summary>Registers the server's services, tools, resources, prompts and completions (no assembly scanning: AOT-safe).</summary>
public static class ServerSetup
{
    /// <summary>The server name announced to clients.</summary>
    public const string ServerName = "traefik-mcp";

    /// <summary>JSON options for tool arguments and output schemas: the SDK's defaults plus this server's source-generated types.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    /// <summary>The product version.</summary>
    public static string Version { get; } =
        typeof(ServerSetup).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Adds the settings, the credentials to mask (<see cref="ConfiguredSecrets"/>, unless a <see cref="Traefik.GitOps.Security.SecretRedactor"/> is registered already), the repository host and the tool runner.</summary>
    public static IServiceCollection AddTraefikServices(this IServiceCollection services, McpSettings settings, Func<string, string?> environment)
    {
        services.AddSingleton(settings);
        services.TryAddSingleton(_ => ConfiguredSecrets.Redactor(settings, environment));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Proposals.RecordedIntentDecoder>();
        services.AddSingleton(sp => new RepositoryHost(settings, sp.GetRequiredService<ILogger<RepositoryHost>>(), sp.GetRequiredService<TimeProvider>(), record => sp.GetRequiredService<Proposals.RecordedIntentDecoder>().Decode(record)));
        services.AddSingleton<ToolRunner>();
        services.AddSingleton(sp => new TrafficMetrics(settings, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TrafficMetrics>>(), environment));
        return services;
    }

    /// <summary>
    /// Adds every tool, resource and prompt, and argument completion; the check of request parameters
    /// (<see cref="RequestParamsCheck"/>), and the masking of credentials in everything sent (<see cref="OutgoingRedaction"/>).
    /// </summary>
    public static IMcpServerBuilder AddTraefikPrimitives(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .WithMessageFilters(filters => filters
                .AddIncomingFilter(RequestParamsCheck.Filter)
                .AddOutgoingFilter(OutgoingRedaction.Filter))
            .WithCatalogedPrimitives()
            .WithRequestFilters(filters => filters.AddCallToolFilter(ArgumentChecker.Filter))
            .WithCompleteHandler(async (request, cancellationToken) =>
            {
                var host = request.Services!.GetRequiredService<RepositoryHost>();
                var argument = request.Params?.Argument;
                if (argument is null || request.Params!.Ref is not ResourceTemplateReference)
                {
                    return new CompleteResult();
                }

                await Task.Yield();
                var values = TrafficResources.Complete(host.Repository.ReadState().Objects, argument.Name, argument.Value ?? string.Empty, request.Params.Context?.Arguments?.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                return new CompleteResult { Completion = new Completion { Values = [.. values.Take(100)], Total = values.Count, HasMore = values.Count > 100 } };
            });
    }

    /// <summary>
    /// Serves one session over <paramref name="input"/> and <paramref name="output"/> (standard input and output
    /// when they are null) with <see cref="CompactStreamServerTransport"/>.
    /// </summary>
    public static IMcpServerBuilder WithCompactStreamTransport(this IMcpServerBuilder builder, Stream? input = null, Stream? output = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if ((input is null) != (output is null))
        {
            throw new ArgumentException("Give both streams, or neither for standard input and output.", input is null ? nameof(input) : nameof(output));
        }

        // The SDK's stdio registration brings the single-session server and its hosted service; its transport is
        // then replaced before anything resolves it.
        builder.WithStdioServerTransport();
        builder.Services.Replace(ServiceDescriptor.Singleton<ITransport>(sp =>
        {
            var limit = sp.GetService<McpSettings>()?.MaxMessageBytes ?? MessageLimits.DefaultMaxMessageBytes;
            return input is not null && output is not null
                ? new CompactStreamServerTransport(input, output, ServerName, sp.GetService<ILoggerFactory>(), limit)
                : CompactStreamServerTransport.OverStdio(ServerName, sp.GetService<ILoggerFactory>(), limit);
        }));
        return builder;
    }

    /// <summary>Server identity and instructions.</summary>
    public static void ConfigureServer(ModelContextProtocol.Server.McpServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ServerInfo = new Implementation { Name = ServerName, Version = Version };
        options.ServerInstructions = "Tools propose changes to Traefik manifests in a GitOps repository and return the diff; nothing touches a cluster. Show the diff and warnings to the user, and deliver a reviewed proposal with traefik_deliver_proposal (worktree, branch or pull_request). Resources read the desired state from the repository.";
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        // The source-generated metadata takes its property names from the options it is resolved through,
        // so the options must carry the wire naming too: otherwise schemas would say objectChanges while
        // the structured content says object_changes.
        var options = new JsonSerializerOptions(McpJsonUtilities.DefaultOptions) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        options.TypeInfoResolverChain.Insert(0, McpJsonContext.Default);
        options.MakeReadOnly();
        return options;
    }
}
