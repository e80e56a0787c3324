using Traefik.Mcp.Cli;

return await TraefikMcpProgram.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable).ConfigureAwait(false);
