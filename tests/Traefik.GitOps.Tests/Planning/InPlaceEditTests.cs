using Traefik.GitOps.Intents;
using Traefik.GitOps.Proposals;
using Traefik.GitOps.Tests.Support;
using Traefik.Manifests;
using Traefik.Manifests.Model;
using Traefik.Manifests.Tests.Support;
using Traefik.Manifests.Validation;

namespace Traefik.GitOps.Tests.Planning;

public sealed class InPlaceEditTests
{
    private const string CommentedService = """
        # Canary for the api. Owned by the platform team.
        apiVersion: traefik.io/v1alpha1
        kind: TraefikService
        metadata:
          name: api-wrr
          namespace: prod
        spec:
          weighted:
            services:
              # the current release
              - name: api-stable
                port: 80
                weight: 90 # most of the traffic
              - name: api-canary
                port: 80
                weight: 10

        """;

    [Fact]
    public void Plan_MultiDocumentFile_EditsTheObjectWhereItIs()
    {
        using var repo = new TempRepository();
        repo.Commit("hand-written", ("traefik/prod/all.yaml", Samples.MultiDocument));
        var git = Repositories.Open(repo);

        var proposal = git.Plan(TestIntents.UpdateWeights("prod", "api", ("api-stable", 80), ("api-canary", 20)));

        var file = Assert.Single(proposal.FileChanges);
        Assert.Equal(("traefik/prod/all.yaml", FileChangeKind.Modified), (file.Path, file.Kind));
        Assert.Equal(Samples.MultiDocument.Replace("- weight: 90", "- weight: 80").Replace("- weight: 10", "- weight: 20"), file.NewContent);
        Assert.Equal(2, ChangedLines(proposal.Diff).Count(l => l.StartsWith('+')));
        Assert.Equal(["traefik/prod/all.yaml"], proposal.ObjectChanges.Select(c => c.File));
        SchemaAssert.Valid(ManifestYaml.Parse(file.NewContent!));
    }

    [Fact]
    public void Plan_SameFileAgainAndAfterItChanged_EditsTheTextOfEachPlansBase()
    {
        using var repo = new TempRepository();
        repo.Commit("hand-written", ("traefik/prod/all.yaml", Samples.MultiDocument));
        var git = Repositories.Open(repo);

        // Plans share the parse of a file they edit again; none may see another's edit.
        var first = Assert.Single(git.Plan(TestIntents.UpdateWeights("prod", "api", ("api-stable", 80), ("api-canary", 20))).FileChanges);
        var second = Assert.Single(git.Plan(TestIntents.UpdateWeights("prod", "api", ("api-stable", 70), ("api-canary", 30))).FileChanges);
        repo.Commit("by hand", ("traefik/prod/all.yaml", Samples.MultiDocument.Replace("- weight: 90", "- weight: 50").Replace("- weight: 10", "- weight: 50")));
        var third = Assert.Single(git.Plan(TestIntents.UpdateWeights("prod", "api", ("api-stable", 70), ("api-canary", 30))).FileChanges);

        Assert.Equal(Samples.MultiDocument.Replace("- weight: 90", "- weight: 80").Replace("- weight: 10", "- weight: 20"), first.NewContent);
        Assert.Equal(Samples.MultiDocument.Replace("- weight: 90", "- weight: 70").Replace("- weight: 10", "- weight: 30"), second.NewContent);
        Assert.Equal(Samples.MultiDocument, second.OldContent);
        Assert.Equal(Samples.MultiDocument.Replace("- weight: 90", "- weight: 50").Replace("- weight: 10", "- weight: 50"), third.OldContent);
        Assert.Equal(second.NewContent, third.NewContent);
    }

    [Fact]
    public void Plan_ObjectOutsideTheLayout_IsNotDuplicated()
    {
        using var repo = new TempRepository();
        repo.Commit("hand-written", ("traefik/teams/payments/routes.yaml", Samples.MultiDocument));
        var git = Repositories.Open(repo);

        var proposal = git.Plan(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 30)));

        Assert.Equal(["traefik/teams/payments/routes.yaml"], proposal.FileChanges.Select(f => f.Path));
    }

    [Fact]
    public void Plan_ValueChangeInCommentedFile_KeepsComments()
    {
        using var repo = new TempRepository();
        repo.Commit("hand-written", ("traefik/prod/api-wrr.yaml", CommentedService));
        var git = Repositories.Open(repo);

        var proposal = git.Plan(TestIntents.SetWeights("prod", "api-wrr", ("api-stable", 70), ("api-canary", 30)));

        Assert.Equal(
            CommentedService.Replace("weight: 90 # most", "weight: 70 # most").Replace("weight: 10", "weight: 30"),
            Assert.Single(proposal.FileChanges).NewContent);
        Assert.Equal(
            ["+        weight: 30", "+        weight: 70 # most of the traffic", "-        weight: 10", "-        weight: 90 # most of the traffic"],
            ChangedLines(proposal.Diff).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("traefik", "apps")]
    [InlineData("")]
    public void Plan_ObjectElsewhereInTheRepository_IsFoundInTheIndexedFolders(params string[] folders)
    {
        using var repo = new TempRepository();
        repo.Commit("hand-written", ("apps/api/deploy.yaml", Samples.MultiDocument), ("docs/example.yaml", "not: [a kubernetes object\n"));
        var git = Repositories.Open(repo, new GitOpsOptions { IndexedFolders = [.. folders] });

        var update = git.Plan(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 30)));
        var create = git.Plan(TestIntents.CreateRoute("prod", "web", "web.example.com", ("web", 1)));

        Assert.Equal(["apps/api/deploy.yaml"], update.FileChanges.Select(f => f.Path));
        Assert.Equal(
            ["traefik/kustomization.yaml", "traefik/prod/kustomization.yaml", "traefik/prod/web/ingressroute-web.yaml", "traefik/prod/web/kustomization.yaml", "traefik/prod/web/traefikservice-web-wrr.yaml"],
            create.FileChanges.Select(f => f.Path));
    }

    [Fact]
    public void Plan_StructuralChangeInCommentedDocument_IsRefusedNamingTheFile()
    {
        using var repo = new TempRepository();
        repo.Commit("hand-written", ("traefik/prod/api-wrr.yaml", CommentedService), ("traefik/prod/api-route.yaml", Samples.Route));
        var git = Repositories.Open(repo);

        var error = Assert.Throws<GitOpsException>(() => git.Plan(TestIntents.UpdateWeights("prod", "api", ("api-next", 5))));

        Assert.Equal(
            "traefik/prod/api-wrr.yaml: document 1 (TraefikService prod/api-wrr) has comments that rewriting it would lose, and this change adds, removes or restructures fields, "
            + "so it cannot be made by replacing values in place. Nothing was written. Remove the comments (or anchors) from that document, or make the change by hand.",
            error.Message);
    }

    [Fact]
    public void Plan_StructuralChangeInHandWrittenDocument_KeepsKeyOrderAndOtherDocuments()
    {
        using var repo = new TempRepository();
        repo.Commit("hand-written", ("traefik/prod/all.yaml", Samples.MultiDocument));
        var git = Repositories.Open(repo);

        var proposal = git.Plan(TestIntents.UpdateWeights("prod", "api", ("api-next", 5)));

        var expected = Samples.MultiDocument.Replace(
            """
                - weight: 10
                  name: api-canary
                  port: 80

            """,
            """
                  - weight: 10
                    name: api-canary
                    port: 80
                  - name: api-next
                    port: 80
                    weight: 5

            """).Replace(
            """
            spec:
              weighted:
                services:
                - weight: 90
                  name: api-stable
                  port: 80

            """,
            """
            spec:
              weighted:
                services:
                  - weight: 90
                    name: api-stable
                    port: 80

            """);
        Assert.Equal(expected, Assert.Single(proposal.FileChanges).NewContent);
        var documents = ManifestYaml.ReadDocuments(proposal.FileChanges[0].NewContent!);
        Assert.Equal(["kind", "apiVersion", "metadata", "spec"], documents[1].Json!.AsObject().Select(p => p.Key));
        SchemaAssert.Valid(ManifestYaml.Parse(proposal.FileChanges[0].NewContent!));
    }

    [Fact]
    public void Plan_ObjectDefinedTwice_ThrowsNamingBothFiles()
    {
        using var repo = new TempRepository();
        repo.Commit("twice", ("traefik/prod/api-wrr.yaml", Samples.WeightedService), ("traefik/legacy/everything.yaml", Samples.MultiDocument));
        var git = Repositories.Open(repo);

        var error = Assert.Throws<GitOpsException>(() => git.Plan(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 20))));

        Assert.Equal(
            "The same object is defined more than once, so it is unclear which definition to change (Kubernetes would apply whichever comes last). Keep one definition of each: "
            + "TraefikService prod/api-wrr in traefik/legacy/everything.yaml (document 2) and traefik/prod/api-wrr.yaml (document 1).",
            error.Message);
    }

    [Fact]
    public void Plan_DeleteLastObjectOfAFile_DeletesTheFileAndItsKustomizationEntry()
    {
        using var repo = new TempRepository();
        repo.Commit(
            "layout",
            ("traefik/prod/traefikservice-api-wrr.yaml", Samples.WeightedService),
            ("traefik/prod/ingressroute-api.yaml", Samples.Route),
            ("traefik/prod/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n# hand-added: the shared middlewares\nresources:\n  - ../middlewares\n  - ingressroute-api.yaml\n  - traefikservice-api-wrr.yaml\n"));
        var git = Repositories.Open(repo);

        var proposal = git.Plan(TestIntents.Delete("IngressRoute", "prod", "api"));

        Assert.Equal(
            [("traefik/kustomization.yaml", FileChangeKind.Added), ("traefik/prod/ingressroute-api.yaml", FileChangeKind.Deleted), ("traefik/prod/kustomization.yaml", FileChangeKind.Modified)],
            proposal.FileChanges.Select(f => (f.Path, f.Kind)));
        Assert.Equal(
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n# hand-added: the shared middlewares\nresources:\n  - ../middlewares\n  - traefikservice-api-wrr.yaml\n",
            proposal.FileChanges[2].NewContent);

        // The root kustomization the layout needs is written when a kustomization below it is edited.
        Assert.Equal("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - prod\n", proposal.FileChanges[0].NewContent);
    }

    [Fact]
    public void Plan_DeleteOneDocumentOfMany_KeepsTheOthersByteForByte()
    {
        using var repo = new TempRepository();
        repo.Commit("hand-written", ("traefik/prod/all.yaml", Samples.MultiDocument));
        var git = Repositories.Open(repo);

        var proposal = git.Plan(TestIntents.Delete("IngressRoute", "prod", "api"));

        var text = Samples.MultiDocument;
        Assert.Equal(text[..text.LastIndexOf("---\n", StringComparison.Ordinal)], Assert.Single(proposal.FileChanges).NewContent);
    }

    [Fact]
    public void Plan_DeleteReferencedTraefikService_IsRefusedNamingTheRouter()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);

        var e = Assert.Throws<ManifestException>(() => git.Plan(TestIntents.Delete("TraefikService", "prod", "api-wrr")));

        Assert.Equal(
            "'Delete TraefikService prod/api-wrr' was refused: it would change what users get beyond what was asked. Nothing was planned.\n"
            + "- prod/api#0 router: users of Host(`api.example.com`) would get errors: TraefikService prod/api-wrr does not exist; Traefik disables the router.",
            e.Message);
    }

    [Fact]
    public void Plan_DanglingReferences_AreRefusedEvenWhenTheEditMayChangeTheRouter()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);

        var e = Assert.Throws<ManifestException>(() => git.Plan(TestIntents.Edit<IngressRoute>("IngressRoute", "prod", "api", r => r with
        {
            Spec = r.Spec with
            {
                Routes = [r.Spec.Routes[0] with
                {
                    Middlewares = [new MiddlewareReference { Name = "auth" }, new MiddlewareReference { Name = "strip@file" }],
                    Services = [new ServiceReference { Kind = "TraefikService", Name = "api-missing" }],
                }],
            },
        })));

        Assert.Equal(
            [
                "prod/api#0 router: users of Host(`api.example.com`) would get errors: Middleware prod/auth does not exist; Traefik disables the router.",
                "prod/api#0 router: users of Host(`api.example.com`) would get errors: TraefikService prod/api-missing does not exist; Traefik disables the router.",
            ],
            e.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Plan_SchemaErrorsAndDanglingReferencesNoRouterReaches_AreValidationErrors()
    {
        using var repo = Repositories.WithRoute();
        var git = Repositories.Open(repo);

        var proposal = git.Plan(TestIntents.Edit<IngressRoute>("IngressRoute", "prod", "api", r => r with
        {
            Spec = r.Spec with { Routes = [r.Spec.Routes[0] with { Services = [r.Spec.Routes[0].Services![0] with { Strategy = "random" }] }] },
        }));
        var orphan = git.Plan(TrafficIntent.Create("Add an unused TraefikService", "orphan", "prod", "orphan", s => IntentResult.Compare(s, s.Set(new TraefikService
        {
            ApiVersion = TraefikApi.Version,
            Kind = TraefikApi.TraefikServiceKind,
            Metadata = new() { Name = "orphan", NamespaceProperty = "prod" },
            Spec = new TraefikServiceSpec { Weighted = new WeightedSpec { Services = [new ServiceReference { Kind = "TraefikService", Name = "api-missing" }] } },
        }))));

        Assert.Equal(
            ["error: IngressRoute prod/api spec.routes[0].services[0].strategy: \"random\" is not one of wrr, p2c, hrw, leasttime, RoundRobin."],
            proposal.Validation.Issues.Select(i => i.ToString()));
        Assert.Empty(proposal.TrafficImpact);
        Assert.Equal(
            ["error: TraefikService prod/orphan spec.weighted.services[0]: refers to TraefikService prod/api-missing, which does not exist; Traefik would drop this service."],
            orphan.Validation.Issues.Select(i => i.ToString()));
        Assert.Empty(orphan.TrafficImpact);
    }

    [Fact]
    public void Plan_RootPerCluster_OnlySeesItsRoot()
    {
        using var repo = new TempRepository();
        repo.Commit(
            "two clusters",
            ("clusters/prod/traefik/api.yaml", Samples.MultiDocument),
            ("clusters/staging/traefik/api.yaml", Samples.MultiDocument));
        var git = Repositories.Open(repo, new GitOpsOptions { Root = "/clusters/staging/traefik/" });

        var proposal = git.Plan(TestIntents.CreateRoute("prod", "web", "web.example.com", ("web", 1)));
        var update = git.Plan(TestIntents.SetWeights("prod", "api-wrr", ("api-canary", 50)));

        Assert.Equal("clusters/staging/traefik", git.Root);
        Assert.Equal(
            ["clusters/staging/traefik/kustomization.yaml", "clusters/staging/traefik/prod/kustomization.yaml", "clusters/staging/traefik/prod/web/ingressroute-web.yaml", "clusters/staging/traefik/prod/web/kustomization.yaml", "clusters/staging/traefik/prod/web/traefikservice-web-wrr.yaml"],
            proposal.FileChanges.Select(f => f.Path));
        Assert.Equal("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - api.yaml\n  - prod\n", proposal.FileChanges[0].NewContent);
        Assert.Equal(["clusters/staging/traefik/api.yaml"], update.FileChanges.Select(f => f.Path));
    }

    [Fact]
    public void Plan_NewObjectInFolderWithHandWrittenKustomization_InsertsSorted()
    {
        using var repo = new TempRepository();
        repo.Commit(
            "hand-written",
            ("traefik/prod/all.yaml", Samples.MultiDocument),
            ("traefik/prod/kustomization.yaml", "# prod\nnamespace: prod\nresources:\n- all.yaml\n- zz-extra.yaml\ncommonLabels:\n  team: platform\n"),
            ("traefik/prod/zz-extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: prod\n"));
        var git = Repositories.Open(repo);

        var proposal = git.Plan(TestIntents.CreateRoute("prod", "web", "web.example.com", ("web", 1)));

        Assert.Equal(
            "# prod\nnamespace: prod\nresources:\n- all.yaml\n- web\n- zz-extra.yaml\ncommonLabels:\n  team: platform\n",
            proposal.FileChanges.Single(f => f.Path == "traefik/prod/kustomization.yaml").NewContent);
    }

    [Fact]
    public void Plan_NewKustomization_ListsHandWrittenFilesInTheFolder()
    {
        using var repo = new TempRepository();
        repo.Commit("hand-written", ("traefik/prod/all.yaml", Samples.MultiDocument), ("traefik/prod/notes.txt", "not yaml\n"));
        var git = Repositories.Open(repo);

        var proposal = git.Plan(TestIntents.CreateRoute("prod", "web", "web.example.com", ("web", 1)));

        Assert.Equal(
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - all.yaml\n  - web\n",
            proposal.FileChanges.Single(f => f.Path == "traefik/prod/kustomization.yaml").NewContent);
        Assert.Equal(
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ingressroute-web.yaml\n  - traefikservice-web-wrr.yaml\n",
            proposal.FileChanges.Single(f => f.Path == "traefik/prod/web/kustomization.yaml").NewContent);
    }

    [Fact]
    public void Plan_CrlfFileWithBom_KeepsEncodingAndLineEndings()
    {
        using var repo = new TempRepository();
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes(Samples.WeightedService.Replace("\n", "\r\n"))).ToArray();
        Directory.CreateDirectory(Path.Combine(repo.Work, "traefik/prod"));
        File.WriteAllBytes(Path.Combine(repo.Work, "traefik/prod/api-wrr.yaml"), bytes);
        repo.Git("-c", "core.autocrlf=false", "add", "-A");
        repo.Commit("crlf");
        var git = Repositories.Open(repo);

        var proposal = git.Plan(TestIntents.UpdateWeights("prod", "api", ("api-next", 5)));

        var text = Assert.Single(proposal.FileChanges).NewContent!;
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal));
        Assert.Contains("      - name: api-next\r\n        port: 80\r\n        weight: 5\r\n", text);
        Assert.Equal([0xEF, 0xBB, 0xBF], proposal.FileBytes["traefik/prod/api-wrr.yaml"]![..3]);
    }

    private static IEnumerable<string> ChangedLines(string diff) =>
        diff.Split('\n').Where(l => (l.StartsWith('+') || l.StartsWith('-')) && !l.StartsWith("+++", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal));
}
