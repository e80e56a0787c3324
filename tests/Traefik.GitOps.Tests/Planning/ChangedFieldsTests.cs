using System.Text.Json.Nodes;
using Traefik.GitOps.Planning;

namespace Traefik.GitOps.Tests.Planning;

public sealed class ChangedFieldsTests
{
    private static readonly JsonNode Base = JsonNode.Parse("""{"spec":{"weighted":{"services":[{"name":"a","weight":90},{"name":"b","weight":10}]},"sticky":{"cookie":{"name":"x"}}}}""")!;

    [Fact]
    public void Between_ValuesChanged_ListsTheirPaths()
    {
        var after = JsonNode.Parse("""{"spec":{"weighted":{"services":[{"name":"a","weight":70},{"name":"b","weight":30}]},"sticky":{"cookie":{"name":"x"}}}}""");

        Assert.Equal(["/spec/weighted/services/0/weight", "/spec/weighted/services/1/weight"], ChangedFields.Between(Base, after));
        Assert.Empty(ChangedFields.Between(Base, Base.DeepClone()));
        Assert.Equal([string.Empty], ChangedFields.Between(null, Base));
    }

    [Fact]
    public void Overlap_SameFieldOrInside_TrueOtherwiseFalse()
    {
        Assert.True(ChangedFields.Overlap(["/spec/weighted/services/0/weight"], ["/spec/weighted/services/0/weight"]));
        Assert.True(ChangedFields.Overlap(["/spec/weighted"], ["/spec/weighted/services/1/weight"]));
        Assert.True(ChangedFields.Overlap([string.Empty], ["/spec/sticky"]));
        Assert.False(ChangedFields.Overlap(["/spec/weighted/services/0/weight"], ["/spec/sticky/cookie/name"]));
        Assert.False(ChangedFields.Overlap(["/spec/weighted/services/1"], ["/spec/weighted/services/10"]));
    }
}
