using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Traefik.GitOps;
using Traefik.GitOps.Layout;
using Traefik.Manifests;
using Traefik.Manifests.Model;

namespace Traefik.Benchmarks.Synthetic;

/// <summary>
/// A real git repository (branch <c>main</c>, working tree checked out) holding the estate of
/// <see cref="SyntheticRoutes"/> under <c>traefik/</c>, laid out as the product lays it out: one object per
/// file at <c>traefik/&lt;namespace&gt;/&lt;kind&gt;-&lt;name&gt;.yaml</c> and a <c>kustomization.yaml</c> per
/// namespace. Among them are hand-written multi-document files with comments: every namespace keeps its
/// middlewares in one <c>middlewares.yaml</c>, and every 25th route (with its mirror) lives in one
/// <c>&lt;route&gt;.yaml</c> of its own. Created with <see cref="GitOpsRepository.InitializeLocal"/>, then one
/// commit by the <c>git</c> command line. The folder is deleted on dispose.
/// </summary>
public sealed class SyntheticRepository : IDisposable
{
    /// <summary>The manifest root.</summary>
    public const string Root = GitOpsOptions.DefaultRoot;

    private static readonly DateTimeOffset Epoch = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private SyntheticRepository(string folder, int routes, ManifestSet objects, int files)
    {
        Folder = folder;
        Routes = routes;
        Objects = objects;
        Files = files;
    }

    /// <summary>The temporary folder holding the repository (deleted on dispose).</summary>
    public string Folder { get; }

    /// <summary>The repository's working tree.</summary>
    public string WorkingTree => Path.Combine(Folder, "repo");

    /// <summary>The number of routes.</summary>
    public int Routes { get; }

    /// <summary>Every object committed.</summary>
    public ManifestSet Objects { get; }

    /// <summary>The number of files committed under <see cref="Root"/>.</summary>
    public int Files { get; }

    /// <summary>A route in the middle of the estate that is in files of its own (not hand-written): the one benchmarks change.</summary>
    public int TargetRoute
    {
        get
        {
            var i = Routes / 2;
            while (IsHandWritten(i) && i + 1 < Routes)
            {
                i++;
            }

            return i;
        }
    }

    /// <summary>Whether route <paramref name="i"/> is in a hand-written multi-document file.</summary>
    public static bool IsHandWritten(int i) => i % 25 == 3;

    /// <summary>Generates a repository of <paramref name="routes"/> routes in a new temporary folder.</summary>
    public static SyntheticRepository Create(int routes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(routes, 1);
        var folder = Directory.CreateTempSubdirectory($"traefik-bench-{routes}-").FullName;
        var objects = SyntheticRoutes.Estate(routes);
        var work = Path.Combine(folder, "repo");
        GitOpsRepository.InitializeLocal(work, "main", Root, CommitIdentity.Default, Epoch);

        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var handWritten = new HashSet<ObjectKey>();
        foreach (var ns in SyntheticRoutes.Namespaces)
        {
            var middlewares = objects.OfType<Traefik.Manifests.Middlewares.Middleware>().Where(m => m.Namespace == ns).ToList();
            if (middlewares.Count == 0)
            {
                continue;
            }

            files[$"{Root}/{ns}/middlewares.yaml"] = HandWritten(
                $"# Shared middlewares of the {ns} namespace. Maintained by the platform team;\n# routes refer to them by name.\n",
                middlewares.Select(m => ($"# {m.Name}\n", (KubernetesObject)m)));
            handWritten.UnionWith(middlewares.Select(m => m.Key));
        }

        for (var i = 0; i < routes; i++)
        {
            if (!IsHandWritten(i))
            {
                continue;
            }

            var ns = SyntheticRoutes.Namespace(i);
            var name = SyntheticRoutes.RouteName(i);
            var parts = new List<(string, KubernetesObject)>
            {
                ("# The router.\n", objects.Find<IngressRoute>(TraefikApi.IngressRouteKind, ns, name)!),
                ("# Canary split: keep the stable weight first.\n", objects.Find<TraefikService>(TraefikApi.TraefikServiceKind, ns, name + "-wrr")!),
            };
            if (objects.Find<TraefikService>(TraefikApi.TraefikServiceKind, ns, name + "-mirror") is { } mirror)
            {
                parts.Add(("# Shadow traffic for the load test.\n", mirror));
            }

            files[$"{Root}/{ns}/{name}.yaml"] = HandWritten($"# {name} ({ns}): hand-written, reviewed by the {ns} team.\n", parts);
            handWritten.UnionWith(parts.Select(p => p.Item2.Key));
        }

        foreach (var value in objects.Where(o => !handWritten.Contains(o.Key)))
        {
            files[GitOpsLayout.PathFor(Root, value.Key)] = ManifestYaml.Render(value);
        }

        foreach (var group in files.Keys.GroupBy(p => p[..p.LastIndexOf('/')]).ToList())
        {
            var resources = new JsonArray([.. group.Select(p => (JsonNode?)JsonValue.Create(p[(p.LastIndexOf('/') + 1)..]))]);
            var kustomization = new JsonObject
            {
                ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
                ["kind"] = "Kustomization",
                ["resources"] = resources,
            };
            files[group.Key + "/kustomization.yaml"] = ManifestYaml.RenderNode(kustomization, canonicalOrder: false);
        }

        foreach (var (path, text) in files)
        {
            var full = Path.Combine(work, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        GitCli.Run(work, "add", "-A");
        GitCli.Run(work, "commit", "-q", "-m", $"Add {routes.ToString(CultureInfo.InvariantCulture)} synthetic weighted routes");
        return new SyntheticRepository(folder, routes, objects, files.Count);
    }

    /// <summary>Options for this repository with the given default delivery.</summary>
    public GitOpsOptions Options(DeliveryMode defaultDelivery = DeliveryMode.Branch) => new()
    {
        RepositoryPath = WorkingTree,
        BaseBranch = "main",
        Root = Root,
        DefaultDelivery = defaultDelivery,
    };

    /// <summary>
    /// Opens the repository and reads its state once (which indexes every file), checking that the index
    /// holds exactly the generated objects and no problems. Returns the long-lived repository, as the server keeps it.
    /// </summary>
    public GitOpsRepository OpenIndexed(DeliveryMode defaultDelivery = DeliveryMode.Branch)
    {
        var repository = GitOpsRepository.Open(Options(defaultDelivery), new FixedTime(Epoch.AddDays(1)));
        var state = repository.ReadState();
        if (state.Problems.Count > 0)
        {
            throw new InvalidOperationException("The generated repository has problems: " + string.Join("; ", state.Problems));
        }

        if (state.Objects.Count != Objects.Count)
        {
            throw new InvalidOperationException($"The generated repository indexes {state.Objects.Count} objects; {Objects.Count} were written.");
        }

        return repository;
    }

    /// <inheritdoc />
    public void Dispose()
    {
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
            // Git marks object files read-only; a leftover folder is harmless.
        }
    }

    private static string HandWritten(string header, IEnumerable<(string Comment, KubernetesObject Value)> documents)
    {
        var sb = new StringBuilder(header);
        var first = true;
        foreach (var (comment, value) in documents)
        {
            if (!first)
            {
                sb.Append("---\n");
            }

            first = false;
            sb.Append(comment).Append(ManifestYaml.Render(value));
        }

        return sb.ToString();
    }

    /// <summary>A clock that always says the same time, so commits are reproducible.</summary>
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
