using System.Diagnostics;
using System.Globalization;
using System.Text;
using Traefik.GitOps;
using Traefik.GitOps.Layout;
using Traefik.Manifests;
using Traefik.Manifests.Mirroring;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;

namespace Traefik.Benchmarks;

/// <summary>
/// Builds a GitOps repository with N weighted routes the way teams end up with them: ten namespaces,
/// routes with a stable and a canary backend, one in three behind a hand-written rate-limit middleware,
/// one in ten with a shadow mirror, and one in fifty kept in a hand-written multi-document file with
/// comments. Every object is made by the library's own operations; the files are committed with git.
/// </summary>
public static class SyntheticRepository
{
    /// <summary>Namespaces the routes are spread over.</summary>
    public const int Namespaces = 10;

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The namespace of route <paramref name="i"/>.</summary>
    public static string NamespaceOf(int i) => "team-" + (i % Namespaces).ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>The name of route <paramref name="i"/>.</summary>
    public static string RouteName(int i) => "route-" + i.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>The objects of <paramref name="routes"/> weighted routes, with the hand-written middlewares they use.</summary>
    public static ManifestSet Objects(int routes)
    {
        var set = ManifestSet.Empty;
        for (var n = 0; n < Math.Min(routes, Namespaces); n++)
        {
            foreach (var doc in ManifestYaml.Parse(Middlewares(NamespaceOf(n))))
            {
                set = set.Set(doc);
            }
        }

        for (var i = 0; i < routes; i++)
        {
            var ns = NamespaceOf(i);
            var name = RouteName(i);
            set = WeightedRoutes.Upsert(set, ns, name, new WeightedRouteIntent
            {
                Match = new RouteMatch { Host = name + ".example.com", Path = i % 4 == 0 ? "/api" : null },
                Backends =
                [
                    new WeightedBackend { Service = $"svc-{i}-stable", Weight = 90 },
                    new WeightedBackend { Service = $"svc-{i}-canary", Weight = 10 },
                ],
                Middlewares = i % 3 == 0 ? ["rate-limit"] : null,
            }).Objects;
            if (i % 10 == 5)
            {
                set = Mirrors.Enable(set, ns, name, new MirrorIntent
                {
                    MainService = $"svc-{i}-stable",
                    MirrorService = $"svc-{i}-shadow",
                    Percent = 10,
                }).Objects;
            }
        }

        return set;
    }

    /// <summary>Creates the repository at <paramref name="folder"/> (branch main) and returns it.</summary>
    public static string Create(string folder, int routes)
    {
        GitOpsRepository.InitializeLocal(folder, "main", GitOpsOptions.DefaultRoot, CommitIdentity.Default, Epoch);
        var files = new Dictionary<string, StringBuilder>(StringComparer.Ordinal);
        var objects = Objects(routes);
        foreach (var o in objects)
        {
            if (o.Kind == TraefikApi.MiddlewareKind)
            {
                continue;
            }

            var route = o.Name.EndsWith("-wrr", StringComparison.Ordinal) ? o.Name[..^4] : o.Name.EndsWith("-mirror", StringComparison.Ordinal) ? o.Name[..^7] : o.Name;
            var number = int.Parse(route.AsSpan("route-".Length), CultureInfo.InvariantCulture);
            var path = number % 50 == 7
                ? $"{GitOpsOptions.DefaultRoot}/{o.Namespace}/hand-written-{route}.yaml"
                : GitOpsLayout.PathFor(GitOpsOptions.DefaultRoot, o.Key);
            if (!files.TryGetValue(path, out var text))
            {
                files[path] = text = new StringBuilder(number % 50 == 7 ? $"# {route}: edited by hand, kept in one file\n" : string.Empty);
            }
            else
            {
                text.Append("---\n# the weighted split\n");
            }

            text.Append(ManifestYaml.Render(o));
        }

        for (var n = 0; n < Math.Min(routes, Namespaces); n++)
        {
            files[$"{GitOpsOptions.DefaultRoot}/{NamespaceOf(n)}/middlewares.yaml"] = new StringBuilder(Middlewares(NamespaceOf(n)));
        }

        foreach (var folderFiles in files.Keys.GroupBy(p => Path.GetDirectoryName(p)!).ToList())
        {
            var list = string.Concat(folderFiles.Select(Path.GetFileName).Order(StringComparer.Ordinal).Select(f => $"- {f}\n"));
            files[folderFiles.Key + "/kustomization.yaml"] = new StringBuilder($"apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n{list}");
        }

        foreach (var (path, text) in files)
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text.ToString());
        }

        Git(folder, "add", "-A");
        Git(folder, "commit", "-q", "-m", $"{routes} synthetic routes");
        return folder;
    }

    /// <summary>Runs git in <paramref name="folder"/> and returns its standard output.</summary>
    public static string Git(string folder, params string[] args) => GitWith(folder, null, null, args);

    /// <summary>Runs git with extra environment variables and standard input.</summary>
    public static string GitWith(string folder, IReadOnlyDictionary<string, string>? environment, string? input, params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["GIT_AUTHOR_NAME"] = info.Environment["GIT_COMMITTER_NAME"] = "bench";
        info.Environment["GIT_AUTHOR_EMAIL"] = info.Environment["GIT_COMMITTER_EMAIL"] = "bench@example.com";
        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? stdout : throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {stderr}");
    }

    private static string Middlewares(string ns) => $"""
        # Protections shared by the routes of {ns}. Maintained by hand: keep the comments.
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata:
          name: rate-limit
          namespace: {ns}
        spec:
          rateLimit:
            average: 100 # requests per second per source
            burst: 200
        ---
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata:
          name: secure-headers
          namespace: {ns}
        spec:
          headers:
            frameDeny: true
            contentTypeNosniff: true

        """;
}
