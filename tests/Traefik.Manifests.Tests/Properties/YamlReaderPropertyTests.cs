using System.Text;
using CsCheck;
using Traefik.Manifests.Model;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Tests.Support;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Tests.Properties;

/// <summary>
/// The reader against random and mutated YAML: every case, however malformed, must end within a time bound and a
/// memory bound with either the documents or an error naming a line of the text, never an exception. These
/// found the next hang before users did (the two hangs of the report were the first failures they shrank to).
/// </summary>
public sealed class YamlReaderPropertyTests
{
    /// <summary>Per case: generous bounds, many times what a read needs (a hang guard, not a speed test).</summary>
    private static readonly TimeSpan CaseTime = TimeSpan.FromSeconds(10);

    private static readonly Gen<string> Piece = Gen.OneOf<string>(
        "a", "b", "key", "name", "0", "1.5", "true", "~", "null", "é", "x y",
        ": ", ":", "- ", "-", "? ", "?", ", ", ",", "[", "]", "{", "}", "[]", "{}",
        "#", " # c", "&a ", "*a", "&b ", "*b", "&a", "!", "!!str ", "!!int ", "!t ", "!<x> ",
        "|", "|-", ">", ">+2", "'", "''", "\"", "\\", "\\\"", "%YAML 1.2", "%TAG ! t:", "---", "--- ", "...", "@", "`",
        "\n", "\n", "\n  ", "\n    ", "  ", " ", "\t", "\r\n", "\r", "\uFEFF", "\u2028", "\u0085", "\0", "\uD800");

    /// <summary>Texts made of YAML's indicators, names and line breaks in any order.</summary>
    private static readonly Gen<string> RandomText = Piece.Array[0, 80].Select(p => string.Concat(p));

    private static readonly string[] Seeds =
    [
        ManifestYaml.Render(WeightedRoutes.Upsert(ManifestSet.Empty, "prod", "api", new WeightedRouteIntent
        {
            Match = new RouteMatch { Host = "api.example.com", Path = "/v1" },
            Backends = [new WeightedBackend { Service = "api-stable", Weight = 90 }, new WeightedBackend { Service = "api-canary", Weight = 10 }],
            Tls = new TlsSettings(),
        }).Objects),
        """
        # hand-written, with comments, anchors and a block scalar
        apiVersion: traefik.io/v1alpha1
        kind: IngressRoute
        metadata:
          name: web   # the public route
          namespace: prod
          labels: &labels {app: web, tier: "front # not a comment"}
        spec:
          entryPoints: [web, websecure]
          routes:
            - match: Host(`web.example.com`) && PathPrefix(`/`)
              kind: Rule
              services:
                - name: web
                  port: 80
              middlewares: [{name: strip}]
        ---
        apiVersion: traefik.io/v1alpha1
        kind: Middleware
        metadata: {name: strip, namespace: prod, labels: *labels}
        spec:
          stripPrefix:
            prefixes:
              - /api
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: notes
        data:
          text: |
            line one # text
            line two
          folded: >-
            a
            b
        """,
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - a.yaml\n  - b.yaml\n",
    ];

    /// <summary>What a mutation inserts: the pieces above plus nesting, long scalars and aliases of aliases.</summary>
    private static readonly Gen<string> Insert = Gen.Frequency(
        (6, Piece),
        (1, Gen.Int[1, 300].Select(n => new string('[', n))),
        (1, Gen.Int[1, 300].Select(n => new string('{', n))),
        (1, Gen.Int[1, 150].Select(n => string.Concat(Enumerable.Range(0, n).Select(i => new string(' ', i * 2) + "k:\n")))),
        (1, Gen.Int[1, 200_000].Select(n => new string('x', n))),
        (1, Gen.Int[1, 12].Select(n => AliasChain(n, 9))));

    /// <summary>Real manifests with one to six edits: an insertion, a deletion, or a line copied elsewhere.</summary>
    private static readonly Gen<string> MutatedManifest =
        from seed in Gen.Int[0, Seeds.Length - 1]
        from edits in Gen.Select(Gen.Int[0, 2], Gen.Double[0, 1], Gen.Double[0, 1], Insert).Array[1, 6]
        select Mutate(Seeds[seed], edits);

    /// <summary>Structures that cost a naive reader more than their length: deep nesting and alias chains.</summary>
    private static readonly Gen<string> Bomb = Gen.OneOf(
        Gen.Select(Gen.Int[1, 2000], Gen.OneOf<string>("[", "{", "- ", "[a, ", "{a: "), (n, open) => string.Concat(Enumerable.Repeat(open, n))),
        Gen.Select(Gen.Int[1, 16], Gen.Int[1, 16], AliasChain));

    /// <summary>
    /// A short piece (documents, comments, collections, anchors) repeated to 1 MiB: work that grows faster than the
    /// text (a search per document or per comment) takes minutes at this size, and goes over the time bound.
    /// </summary>
    private static readonly Gen<string> Repeated =
        Gen.Frequency(
            (8, Gen.OneOf<string>(
                "a: 1 # c\n---\n", "- &x a\n- *x\n---\n", "k: [a, {b: c}] # d\n---\n", "# only a comment\n---\n", "x: |\n  text # t\n---\n",
                "'q': \"w # no\"\n---\n", "{}\n---\n", "[]\n---\n", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: n}\n---\n", "kind: IngressRoute\n---\n", "...\n")),
            (1, Piece)).Array[1, 6]
            .Select(p => string.Concat(p))
            .Where(p => p.Length > 0)
            .Select(p => string.Concat(Enumerable.Repeat(p, (1024 * 1024 / p.Length) + 1)));

    [Fact]
    public void TryReadDocuments_PieceRepeatedToAMegabyte_EndsWithinTheBound() =>
        Repeated.Sample(text => AssertBounded(text, TimeSpan.FromSeconds(30)), iter: 8, threads: 1, print: Show);

    [Fact]
    public void TryReadDocuments_RandomText_EndsWithDocumentsOrALine() =>
        RandomText.Sample(AssertBounded, iter: 3000, threads: 1);

    [Fact]
    public void TryReadDocuments_MutatedManifests_EndWithDocumentsOrALine() =>
        MutatedManifest.Sample(AssertBounded, iter: 1500, threads: 1, print: Show);

    [Fact]
    public void TryReadDocuments_NestingAndAliasChains_EndWithinBounds() =>
        Bomb.Sample(AssertBounded, iter: 300, threads: 1, print: Show);

    [Fact]
    public void TryReadDocuments_AgreesWithReadDocuments()
    {
        Gen.OneOf(RandomText, MutatedManifest).Sample(
            text =>
            {
                var ok = ManifestYaml.TryReadDocuments(text, YamlLimits.Default, out var documents, out var error);
                if (ok)
                {
                    Assert.Equal(documents.Count, ManifestYaml.ReadDocuments(text).Count);
                }
                else
                {
                    var thrown = Assert.Throws<ManifestException>(() => ManifestYaml.ReadDocuments(text));
                    Assert.Equal($"line {error!.Line}, column {error.Column}", Assert.Single(thrown.Problems).Path);
                }
            },
            iter: 300,
            threads: 1,
            print: Show);
    }

    /// <summary>
    /// The property: within the time bound and a memory bound linear in the text (64 MB plus 4 KB a character:
    /// the JSON nodes of a text cost tens of bytes a character, the alias budget a few megabytes), either the
    /// documents, each inside the text with its comments on <c>#</c> signs, or an error on a line of the text.
    /// </summary>
    private static void AssertBounded(string text) => AssertBounded(text, CaseTime);

    private static void AssertBounded(string text, TimeSpan time)
    {
        var (ok, documents, error) = Bounded.Run(
            () => (ManifestYaml.TryReadDocuments(text, YamlLimits.Default, out var d, out var e), d, e),
            time,
            (64L * 1024 * 1024) + (4096L * text.Length),
            Show(text));
        if (ok)
        {
            Assert.All(documents, d =>
            {
                Assert.InRange(d.Start, 0, text.Length);
                Assert.InRange(d.End, d.Start, text.Length);
                Assert.All(d.Comments, c => Assert.Equal('#', text[c]));
            });
            return;
        }

        var lines = text.Count(c => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029') + 1;
        Assert.NotNull(error);
        Assert.InRange(error.Line, 1, lines);
        Assert.True(error.Column >= 1, Show(text));
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
        Assert.DoesNotContain("current state of the object", error.Reason, StringComparison.Ordinal);
    }

    private static string Mutate(string text, (int Op, double At, double Length, string Insert)[] edits)
    {
        var sb = new StringBuilder(text);
        foreach (var (op, at, length, insert) in edits)
        {
            var position = (int)(at * sb.Length);
            switch (op)
            {
                case 0:
                    sb.Insert(position, insert);
                    break;
                case 1:
                    sb.Remove(position, Math.Min(sb.Length - position, (int)(length * 40)));
                    break;
                default:
                    var lines = sb.ToString().Split('\n');
                    var line = lines[(int)(length * (lines.Length - 1))];
                    sb.Insert(position, line + "\n");
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Anchors that each repeat the one before <paramref name="width"/> times.</summary>
    private static string AliasChain(int levels, int width)
    {
        var sb = new StringBuilder("a0: &a0 [lol]\n");
        for (var i = 1; i <= levels; i++)
        {
            sb.Append('a').Append(i).Append(": &a").Append(i).Append(" [").AppendJoin(",", Enumerable.Repeat("*a" + (i - 1), width)).Append("]\n");
        }

        return sb.ToString();
    }

    private static string Show(string text) =>
        "\"" + (text.Length > 300 ? text[..300] + $"…\" ({text.Length} characters)" : text + "\"").Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
