namespace Traefik.Manifests.Tests.Yaml;

public sealed class YamlReadingTests
{
    [Fact]
    public void ReadDocuments_CommentAfterFlowList_IsValidAndFlagged()
    {
        var documents = ManifestYaml.ReadDocuments("resources: [a.yaml]\n# note\nnamespace: prod\n---\nkind: x\n");

        Assert.Equal("{\"resources\":[\"a.yaml\"],\"namespace\":\"prod\"}", documents[0].Json!.ToJsonString());
        Assert.Equal([true, false], documents.Select(d => d.HasComments));
    }

    [Fact]
    public void ReadDocuments_Yaml11Scalars_AreTypedAsKubernetesReadsThem()
    {
        var json = ManifestYaml.ReadDocuments("a: yes\nb: '80'\nc: 80\nd: 1.5\ne: ~\nf: 1s\n")[0].Json!.ToJsonString();
        Assert.Equal("{\"a\":true,\"b\":\"80\",\"c\":80,\"d\":1.5,\"e\":null,\"f\":\"1s\"}", json);
    }

    [Fact]
    public void RenderNode_StringsThatLookLikeOtherTypes_AreQuoted()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse("{\"a\":\"yes\",\"b\":\"80\",\"c\":\"1s\",\"d\":\"a: b\",\"e\":\"line\\nbreak\",\"match\":\"!Host(`x`)\"}");
        Assert.Equal("a: 'yes'\nb: '80'\nc: 1s\nd: 'a: b'\ne: \"line\\nbreak\"\nmatch: '!Host(`x`)'\n", ManifestYaml.RenderNode(node));
    }
}
