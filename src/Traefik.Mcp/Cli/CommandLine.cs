using Traefik.Mcp.Configuration;

namespace Traefik.Mcp.Cli;

/// <summary>A parsed command line: the command, its positional arguments, and <c>--name value</c> options.</summary>
public sealed record CommandLine(string Command, IReadOnlyList<string> Positionals, IReadOnlyDictionary<string, string> Options, bool Help, bool Version)
{
    private static readonly HashSet<string> CommandOptions = new(StringComparer.Ordinal) { "args", "output", "config" };

    /// <summary>Parses arguments.</summary>
    /// <exception cref="UsageException">An option is unknown or has no value.</exception>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? command = null;
        var positionals = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var help = false;
        var version = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                help = true;
            }
            else if (arg is "--version")
            {
                version = true;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                var name = eq > 0 ? arg[2..eq] : arg[2..];
                if (!SettingsLoader.OptionNames.Contains(name) && !CommandOptions.Contains(name))
                {
                    throw new UsageException($"Unknown option --{name}. Run traefik-mcp --help for the list.");
                }

                string value;
                if (eq > 0)
                {
                    value = arg[(eq + 1)..];
                }
                else if (i + 1 < args.Count)
                {
                    value = args[++i];
                }
                else
                {
                    throw new UsageException($"--{name} needs a value.");
                }

                // --exclude may be given several times: the patterns add up (one per line); so do the list options
                // (--allowed-origins, --allowed-hosts), as a comma-separated list.
                options[name] = options.TryGetValue(name, out var earlier) && (name == "exclude" || SettingsLoader.ListOptionNames.Contains(name))
                    ? earlier + (name == "exclude" ? "\n" : ",") + value
                    : value;
            }
            else if (command is null)
            {
                command = arg;
            }
            else
            {
                positionals.Add(arg);
            }
        }

        command ??= "serve";
        if (command is not ("serve" or "call" or "read" or "deliver" or "refresh" or "discard"))
        {
            throw new UsageException($"Unknown command '{command}': use serve, call, read, deliver, refresh or discard.");
        }

        return new CommandLine(command, positionals, options, help, version);
    }

    /// <summary>The usage text.</summary>
    public static readonly string Usage = """
        traefik-mcp — Traefik traffic changes as reviewed Git changes (MCP server and command line)

        Usage:
          traefik-mcp [serve] [--transport stdio|http] [--urls URL] [--auth-token-env NAME] [options]
          traefik-mcp call <tool> --args '<json object>' [--output text|json] [options]
          traefik-mcp read <uri> [options]
          traefik-mcp deliver <proposal-id> [--output text|json] [options]     (traefik_deliver_proposal)
          traefik-mcp refresh [--output text|json] [options]                   (traefik_refresh_proposals)
          traefik-mcp discard <proposal-id | namespace/route> [--output text|json] [options]
                                                                                (traefik_discard_proposal)
          traefik-mcp --version | --help

        deliver ships a reviewed proposal with the configured --delivery (branch when that is diff); refresh
        rebuilds pending proposals whose base moved and closes merged ones (pull requests with --delivery
        pull_request, else local branches).

        Options (also TRAEFIK_MCP_<NAME> environment variables, or a JSON file given by --config):
          --repo PATH_OR_URL       GitOps repository (default: ./gitops, created when missing)
          --base-branch NAME       base branch (default: the remote's default branch, else main)
          --root PATH              manifest root in the repository (default: traefik)
          --delivery MODE          diff | worktree | branch | pull_request (default: diff)
          --pr-provider NAME       none | github (default: none)
          --prometheus-url URL     Prometheus base URL for live figures
          --prometheus-timeout S   seconds one Prometheus request may take (default: 10)
          --prometheus-token-env NAME       environment variable holding a Prometheus bearer token
          --prometheus-basic-auth-env NAME  environment variable holding user:password for Prometheus
          --transport NAME         stdio | http (default: stdio)
          --urls URL               HTTP listen address (default: http://127.0.0.1:8769, endpoint /mcp)
          --auth-token-env NAME    environment variable holding the HTTP bearer token
          --allowed-origins LIST   more origins browsers may call the HTTP server from (scheme://host[:port],
                                   comma-separated or repeated; * for any); loopback ones are always allowed
          --allowed-hosts LIST     more Host names the HTTP server answers to (comma-separated or repeated)
          --max-message-size SIZE  largest JSON-RPC message read, stdio and HTTP (default: 4MiB)
          --git-token-env NAME     environment variable holding the git HTTPS token
          --github-token-env NAME  environment variable holding the GitHub token (default: GITHUB_TOKEN)
          --github-api-url URL     GitHub Enterprise API URL
          --github-repository O/N  GitHub repository (default: from the remote URL)
          --author-name NAME       commit author name
          --author-email EMAIL     commit author e-mail
          --cache-dir PATH         where remote repositories are cloned
          --exclude GLOB           files under the root that are not Kubernetes manifests, never read nor written
                                   (repeatable; * within a name, ** across folders; e.g. traefik/charts/** or values*.yaml)
          --max-file-size SIZE     largest manifest file read, in bytes or with KiB/MiB (default: 4MiB)
          --config FILE            JSON settings file (keys as above, e.g. {"repo": "...", "delivery": "branch"})

        """ + ExitCodes.Help;
}
