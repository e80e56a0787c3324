using Traefik.GitOps.Editing;

namespace Traefik.GitOps.Tests.Editing;

public sealed class KustomizationFileTests
{
    private static readonly Func<string, string> Lf = s => s;

    [Fact]
    public void Edit_NoFile_CreatesASortedList()
    {
        var text = KustomizationFile.Edit("k.yaml", null, ["b.yaml", "a.yaml", "b.yaml"], [], Lf);

        Assert.Equal("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - a.yaml\n  - b.yaml\n", text);
    }

    [Fact]
    public void Edit_BlockList_InsertsAndRemovesLinesOnly()
    {
        const string Text = "# keep me\nresources:\n  - ../base # shared\n  - c.yaml\n  - ./e.yaml\npatches:\n  - path: p.yaml\n";

        var text = KustomizationFile.Edit("k.yaml", Text, ["d.yaml", "f.yaml", "a.yaml"], ["e.yaml"], Lf);

        Assert.Equal("# keep me\nresources:\n  - ../base # shared\n  - a.yaml\n  - c.yaml\n  - d.yaml\n  - f.yaml\npatches:\n  - path: p.yaml\n", text);
    }

    [Fact]
    public void Edit_AlreadyListed_ReturnsTheSameText()
    {
        const string Text = "resources:\n- a.yaml\n";

        Assert.Same(Text, KustomizationFile.Edit("k.yaml", Text, ["a.yaml"], ["z.yaml"], Lf));
    }

    [Fact]
    public void Edit_NoResourcesKey_AppendsTheList()
    {
        var text = KustomizationFile.Edit("k.yaml", "# comment\nnamespace: prod", ["a.yaml"], [], Lf);

        Assert.Equal("# comment\nnamespace: prod\nresources:\n  - a.yaml\n", text);
    }

    [Fact]
    public void Edit_LastEntryWithoutNewline_AppendsOnNewLines()
    {
        var text = KustomizationFile.Edit("k.yaml", "resources:\n- a.yaml", ["b.yaml", "c.yaml"], [], Lf);

        Assert.Equal("resources:\n- a.yaml\n- b.yaml\n- c.yaml\n", text);
    }

    [Fact]
    public void Edit_FlowList_IsRerendered()
    {
        var text = KustomizationFile.Edit("k.yaml", "kind: Kustomization\nresources: [b.yaml, a.yaml]\n", ["c.yaml"], ["a.yaml"], Lf);

        Assert.Equal("kind: Kustomization\nresources:\n  - b.yaml\n  - c.yaml\n", text);
    }

    [Fact]
    public void Edit_FlowListWithComments_IsRefused()
    {
        var error = Assert.Throws<GitOpsException>(() => KustomizationFile.Edit("traefik/prod/kustomization.yaml", "# heading\nnamespace: prod # the shared namespace\nresources: [a.yaml]\n", ["b.yaml"], [], Lf));

        Assert.Equal("traefik/prod/kustomization.yaml: its resources list is not a plain block list and the file has comments that rewriting it would lose. Nothing was written; add b.yaml by hand.", error.Message);
    }

    [Fact]
    public void Edit_NotYaml_IsRefusedNamingTheFile()
    {
        var error = Assert.Throws<GitOpsException>(() => KustomizationFile.Edit("traefik/prod/kustomization.yaml", "resources: [a.yaml\n", ["b.yaml"], [], Lf));

        Assert.StartsWith("traefik/prod/kustomization.yaml: not valid YAML (", error.Message);
        Assert.EndsWith("). Nothing was written; add b.yaml by hand.", error.Message);
    }

    [Fact]
    public void Edit_LastEntryRemovedFromOurOwnFile_DeletesIt()
    {
        Assert.Null(KustomizationFile.Edit("k.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - a.yaml\n", [], ["a.yaml"], Lf));
        Assert.Equal("namespace: prod\nresources:\n", KustomizationFile.Edit("k.yaml", "namespace: prod\nresources:\n  - a.yaml\n", [], ["a.yaml"], Lf));
    }

    [Fact]
    public void Edit_CrlfFile_KeepsLineEndings()
    {
        var text = KustomizationFile.Edit("k.yaml", "resources:\r\n  - b.yaml\r\n", ["a.yaml"], [], s => s.Replace("\n", "\r\n"));

        Assert.Equal("resources:\r\n  - a.yaml\r\n  - b.yaml\r\n", text);
    }
}
