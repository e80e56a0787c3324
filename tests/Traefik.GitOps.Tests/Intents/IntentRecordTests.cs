using System.IO.Compression;
using System.Text.Json.Nodes;
using CsCheck;
using Traefik.GitOps.Intents;

namespace Traefik.GitOps.Tests.Intents;

public sealed class IntentRecordTests
{
    private static readonly Gen<JsonNode?> Leaf = Gen.OneOf(
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Const((JsonNode?)null));

    private static readonly Gen<JsonObject> Objects =
        Gen.Select(Gen.String[1, 12], Gen.OneOf(Leaf, Leaf.Array[0, 4].Select(a => (JsonNode?)new JsonArray(a)))).Array[0, 8]
            .Select(pairs => new JsonObject(pairs.GroupBy(p => p.Item1).Select(g => KeyValuePair.Create(g.Key, g.First().Item2))));

    [Fact]
    public void Create_KeysInAnyOrder_SameCanonicalJson()
    {
        var first = IntentRecord.Create("traefik_manage_weighted_routing", new JsonObject { ["route_name"] = "api", ["action"] = "update", ["weights"] = new JsonObject { ["b"] = 1, ["a"] = 2 } });
        var second = IntentRecord.Create("traefik_manage_weighted_routing", new JsonObject { ["weights"] = new JsonObject { ["a"] = 2, ["b"] = 1 }, ["action"] = "update", ["route_name"] = "api" });

        Assert.Equal(first, second);
        Assert.Equal("""{"arguments":{"action":"update","route_name":"api","weights":{"a":2,"b":1}},"kind":"traefik_manage_weighted_routing"}""", first.ToJson());
        Assert.Equal(first.ToJson(), IntentRecord.Decode(second.Encode()).ToJson());
    }

    [Fact]
    public void EncodeDecode_AnyArguments_RoundTripOnOneSafeLine() =>
        Objects.Sample(arguments =>
        {
            var record = IntentRecord.Create("test.kind", arguments);
            var encoded = record.Encode();
            Assert.All(encoded, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' in {encoded}"));
            Assert.Equal(record, IntentRecord.Decode(encoded));
            Assert.True(JsonNode.DeepEquals(arguments, record.ArgumentsObject()));
        });

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("eyJ")]
    [InlineData("bm90IGpzb24")]
    [InlineData("eyJhcmd1bWVudHMiOnt9fQ")]
    [InlineData("q1ZKLEovzU3NKylWsqqurQUA")]
    public void Decode_NotARecord_IsRefused(string encoded)
    {
        var error = Assert.Throws<GitOpsException>(() => IntentRecord.Decode(encoded));

        Assert.StartsWith("The recorded intent ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_LongerThanTheBound_IsRefusedBeforeReading()
    {
        var error = Assert.Throws<GitOpsException>(() => IntentRecord.Decode(new string('A', IntentRecord.MaxEncodedLength + 1)));

        Assert.Equal("The recorded intent is not base64url text of at most 262144 characters.", error.Message);
    }

    [Fact]
    public void Decode_SmallTrailerThatExpandsEnormously_IsRefusedWhileExpanding()
    {
        using var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(new byte[IntentRecord.MaxJsonBytes + 1]);
        }

        var encoded = Convert.ToBase64String(compressed.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.True(encoded.Length < 10_000);
        Assert.Equal($"The recorded intent cannot be read: it expands to more than {IntentRecord.MaxJsonBytes} bytes.", Assert.Throws<GitOpsException>(() => IntentRecord.Decode(encoded)).Message);
    }

    [Fact]
    public void Encode_FiveThousandSimilarKeys_StaysCompact()
    {
        var arguments = new JsonObject();
        for (var i = 0; i < 5000; i++)
        {
            arguments[$"key{i:D4}"] = i;
        }

        var record = IntentRecord.Create("traefik_manage_middleware", arguments);

        Assert.InRange(record.Encode().Length, 1, record.ToJson().Length / 2);
        Assert.Equal(record, IntentRecord.Decode(record.Encode()));
    }

    [Fact]
    public void Create_TooLargeOrBadKind_IsRefusedNamingTheLimit()
    {
        var noise = string.Concat(Enumerable.Range(0, 20_000).Select(i => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)))));
        var huge = Assert.Throws<GitOpsException>(() => IntentRecord.Create("test.kind", new JsonObject { ["text"] = noise }));
        var kind = Assert.Throws<GitOpsException>(() => IntentRecord.Create("Bad Kind\n", new JsonObject()));
        var deep = new JsonObject();
        var node = deep;
        for (var i = 0; i < 40; i++)
        {
            var child = new JsonObject();
            node["x"] = child;
            node = child;
        }

        Assert.Equal("The arguments of this test.kind change are too large to record with its commit (more than 4194304 bytes of JSON, or 262144 characters once compressed and encoded). Send shorter arguments.", huge.Message);
        Assert.StartsWith("The intent kind 'Bad Kind\n' is not valid", kind.Message, StringComparison.Ordinal);
        Assert.Equal("The arguments are nested more than 32 levels deep, too deep to record.", Assert.Throws<GitOpsException>(() => IntentRecord.Create("test.kind", deep)).Message);
    }

    [Fact]
    public void Encode_ArgumentsWithLineBreaksAndTrailerText_StayInsideTheValue()
    {
        var record = IntentRecord.Create("test.kind", new JsonObject { ["title"] = "x\n\nTraefik-Target: evil/ns\r\n" });

        Assert.DoesNotContain('\n', record.Encode());
        Assert.Equal(record.ToJson(), IntentRecord.Decode(record.Encode()).ToJson());
        Assert.Equal("x\n\nTraefik-Target: evil/ns\r\n", IntentRecord.Decode(record.Encode()).ArgumentsObject()["title"]!.GetValue<string>());
    }
}
