using System.Diagnostics;
using System.Globalization;
using System.Net;
using CsCheck;
using Traefik.Manifests.Routing;
using Traefik.Manifests.Values;

namespace Traefik.Manifests.Tests.Values;

/// <summary>
/// Property tests for the value parsers: they never throw on any text (only <see cref="FormatException"/> from
/// <c>Parse</c>), finish within a bound, read back what they produce, and accept every value built by their grammar.
/// </summary>
public sealed class ValuePropertyTests
{
    private const string RegexAlphabet = "ab.*+?()[]{}|^$\\-:,=!<>#PpQEzZdDwWsSx0123456789_ '\"`é😀\n\0";

    private static readonly Gen<string> Noise = Gen.OneOf(
        Gen.Char[RegexAlphabet].Array[0, 40].Select(c => new string(c)),
        Gen.String,
        Gen.Char.Array[0, 20].Select(c => new string(c)),
        Gen.Char["0123456789abcdefABCDEF.:%/[]x-+ "].Array[0, 45].Select(c => new string(c)),
        Gen.Char["0123456789.smhunµμ+- "].Array[0, 25].Select(c => new string(c)));

    private static readonly Gen<string> Label = Gen.Select(
        Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"],
        Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-"].Array[0, 20],
        Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"],
        (first, middle, last) => first + new string(middle) + last);

    [Fact]
    public void Parsers_AnyText_NeverThrowAndFinishInBound()
    {
        Noise.Sample(text =>
        {
            var watch = Stopwatch.StartNew();
            _ = Re2Pattern.TryParse(text, out _, out _);
            _ = IpRange.TryParse(text, out _, out _);
            _ = GoDuration.TryParse(text, out _, out _);
            _ = HostName.TryParse(text, true, out _, out _);
            _ = KubernetesName.TryParse(text, KubernetesNameRule.Subdomain, out _, out _);
            _ = ObjectRef.TryParse(text, ObjectRefForms.All, out _, out _);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"parsing {text.Length} characters took {watch.Elapsed}");
            foreach (var parse in new Action[] { () => Re2Pattern.Parse(text), () => IpRange.Parse(text), () => GoDuration.Parse(text), () => HostName.Parse(text), () => KubernetesName.Parse(text), () => ObjectRef.Parse(text) })
            {
                var e = Record.Exception(parse);
                Assert.True(e is null or FormatException, $"{e?.GetType().Name}: {e?.Message}");
            }
        }, iter: 3000);
    }

    [Fact]
    public void Re2Pattern_LongestInputs_AreJudgedInBound()
    {
        Gen.Char[RegexAlphabet].Array[Re2Pattern.MaxLength - 20, Re2Pattern.MaxLength + 20].Select(c => new string(c)).Sample(text =>
        {
            var watch = Stopwatch.StartNew();
            var ok = Re2Pattern.TryParse(text, out _, out var error);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1));
            Assert.True(ok || error is not null);
            Assert.False(ok && text.Length > Re2Pattern.MaxLength);
        }, iter: 200);
    }

    [Fact]
    public void Re2Pattern_BuiltFromTheGrammar_IsAcceptedAndReadBack()
    {
        Pattern(3).Where(p => p.Length <= Re2Pattern.MaxLength).Sample(text =>
        {
            Assert.True(Re2Pattern.TryParse(text, out var pattern, out var error), error);
            Assert.Equal(text, pattern.Text);
            Assert.Equal(pattern, Re2Pattern.Parse(pattern.ToString()));
        }, iter: 2000);
    }

    [Fact]
    public void Re2Pattern_EscapedLiteral_IsAlwaysValid()
    {
        Gen.String.Where(s => !HasLoneSurrogate(s) && s.Length <= 200).Sample(text =>
            Assert.True(Re2Pattern.TryParse(RouteMatch.EscapeRegex(text), out _, out var error), error), iter: 2000);
    }

    [Fact]
    public void IpRange_AnyIPv4_IsReadAsGoReadsIt()
    {
        Gen.Select(Gen.Byte.Array[4], Gen.Int[0, 40]).Sample((bytes, prefix) =>
        {
            var text = string.Join('.', bytes.Select(b => b.ToString(CultureInfo.InvariantCulture)));
            var address = IpRange.Parse(text);
            Assert.Equal((false, 32), (address.IsRange, address.AddressBits));
            Assert.Equal(new IPAddress(bytes), address.ToIPAddress());
            Assert.Equal(prefix <= 32, IpRange.TryParse($"{text}/{prefix}", out var range));
            Assert.True(prefix > 32 || range!.PrefixLength == prefix);
            Assert.False(IpRange.TryParse("0" + text, out _), "a leading zero is refused, as Go refuses it");
        }, iter: 2000);
    }

    [Fact]
    public void IpRange_AnyIPv6AsDotNetWritesIt_IsReadBack()
    {
        Gen.Select(Gen.Byte.Array[16], Gen.Int[0, 140], Gen.Bool).Sample((bytes, prefix, upper) =>
        {
            var expected = new IPAddress(bytes);
            var text = upper ? expected.ToString().ToUpperInvariant() : expected.ToString();
            var address = IpRange.Parse(text);
            Assert.Equal(128, address.AddressBits);
            Assert.Equal(expected, address.ToIPAddress());
            Assert.Equal(prefix <= 128, IpRange.TryParse($"{text}/{prefix}", out _));
            Assert.False(IpRange.TryParse(text + "%eth0", out _), "zones are refused, as net.ParseIP refuses them");
        }, iter: 2000);
    }

    [Fact]
    public void GoDuration_BuiltFromUnits_HasTheirSum()
    {
        Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, 59], Gen.Int[0, 59], Gen.Int[0, 999], Gen.Int[0, 999], Gen.Int[0, 999], Gen.Bool).Sample((h, m, s, ms, us, ns, negative) =>
        {
            var text = (negative ? "-" : string.Empty) + $"{h}h{m}m{s}s{ms}ms{us}us{ns}ns";
            var expected = (((((((h * 60L) + m) * 60) + s) * 1000 + ms) * 1000) + us) * 1000 + ns;
            var duration = GoDuration.Parse(text);
            Assert.Equal(negative ? -expected : expected, duration.Nanoseconds);
            Assert.False(duration.IsWholeSeconds);
            Assert.Equal(duration, GoDuration.Parse(duration.ToString()));
        }, iter: 2000);
    }

    [Fact]
    public void GoDuration_WholeSeconds_AreSecondsWithinGoRange()
    {
        Gen.Long.Sample(seconds =>
        {
            var fits = seconds is >= long.MinValue / 1_000_000_000 and <= long.MaxValue / 1_000_000_000;
            var text = seconds.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(fits, GoDuration.TryParse(text, out var duration));
            Assert.True(!fits || (duration!.IsWholeSeconds && duration.Nanoseconds == seconds * 1_000_000_000));
            Assert.Equal(fits, GoDuration.TryParse(Model.IntOrString.FromNumber(seconds), out _, out _));
        }, iter: 2000);
    }

    [Fact]
    public void KubernetesName_Labels_AreAcceptedAndAnythingElseRefused()
    {
        Gen.Select(Label, Gen.Char).Sample((label, other) =>
        {
            Assert.Equal(label.Length <= 63, KubernetesName.TryParse(label, KubernetesNameRule.Label, out _));
            Assert.Equal(label.Length <= 63 && char.IsAsciiLetter(label[0]), KubernetesName.TryParse(label, KubernetesNameRule.ServiceName, out _));
            Assert.True(KubernetesName.TryParse(label + "." + label, KubernetesNameRule.Subdomain, out var name));
            Assert.Equal(label + "." + label, name.Value);
            if (!char.IsAsciiLetterLower(other) && !char.IsAsciiDigit(other) && other is not ('-' or '.'))
            {
                Assert.False(KubernetesName.TryParse(label + other + label, KubernetesNameRule.Subdomain, out _), $"{other} is not allowed");
            }
        }, iter: 2000);
    }

    [Fact]
    public void HostName_LabelsJoined_AreAccepted()
    {
        Gen.Select(Label.Array[1, 5], Gen.Bool).Sample((labels, wildcard) =>
        {
            var host = string.Join('.', labels.Select(l => l.ToUpperInvariant()));
            Assert.Equal(host.Length <= 253 && labels.All(l => l.Length <= 63), HostName.TryParse(host, false, out _));
            Assert.Equal(host.Length + 2 <= 253 && labels.All(l => l.Length <= 63), HostName.TryParse("*." + host, true, out var parsed) && parsed.IsWildcard);
            Assert.False(HostName.TryParse("*." + host, false, out _));
        }, iter: 2000);
    }

    [Fact]
    public void ObjectRef_EachForm_ReadsBackItsParts()
    {
        Gen.Select(Label, Label, Gen.Char["abcdefghijklmnopqrstuvwxyz"].Array[1, 10]).Sample((ns, name, provider) =>
        {
            var namespaced = ObjectRef.Parse($"{ns}/{name}");
            Assert.Equal((ns, name, (string?)null), (namespaced.Namespace, namespaced.Name, namespaced.Provider));
            Assert.Equal($"{ns}/{name}", namespaced.ToString());

            var crossProvider = ObjectRef.Parse($"{name}@{new string(provider)}");
            Assert.Equal((name, (string?)null, new string(provider)), (crossProvider.Name, crossProvider.Namespace, crossProvider.Provider));
            Assert.True(crossProvider.IsCrossProvider);
            Assert.Equal(crossProvider, ObjectRef.Parse(crossProvider.ToString()));

            Assert.False(ObjectRef.TryParse($"{ns}/{name}", ObjectRefForms.Name, out _), "a field that takes a plain name refuses namespace/name");
        }, iter: 2000);
    }

    /// <summary>Patterns from RE2's grammar: literals, escapes, classes, groups, alternation, repetition (counts kept small).</summary>
    private static Gen<string> Pattern(int depth)
    {
        var atom = Gen.OneOf(
            Gen.Char["abcxyz019 -/_é"].Select(c => c.ToString()),
            Gen.OneOf(Gen.Const("."), Gen.Const("^"), Gen.Const("$"), Gen.Const(@"\d"), Gen.Const(@"\w"), Gen.Const(@"\s"), Gen.Const(@"\b"), Gen.Const(@"\A"),
                Gen.Const(@"\z"), Gen.Const(@"\."), Gen.Const(@"\x41"), Gen.Const(@"\x{263a}"), Gen.Const(@"\pL"), Gen.Const(@"\p{Greek}"), Gen.Const(@"\012"),
                Gen.Const("[a-z]"), Gen.Const("[^/]"), Gen.Const("[[:alpha:]0-9_-]"), Gen.Const(@"[\d\s.]"), Gen.Const(@"\Qa+b\E"), Gen.Const(@"\n")));
        if (depth > 0)
        {
            var inner = Pattern(depth - 1);
            atom = Gen.OneOf(atom, atom, atom,
                inner.Select(p => "(" + p + ")"),
                inner.Select(p => "(?:" + p + ")"),
                inner.Select(p => "(?i:" + p + ")"),
                Gen.Select(Gen.Char["abc"], inner, (n, p) => $"(?P<{n}>{p})"),
                Gen.Select(inner, inner, (a, b) => "(?:" + a + "|" + b + ")"),
                Gen.Select(inner, inner, (a, b) => "(?s)" + a + "|(?-s)" + b));
        }

        // Counts of at most 5 on at most four nested levels stay within RE2's 1000 copies.
        var repeat = Gen.OneOf(Gen.Const(string.Empty), Gen.Const("*"), Gen.Const("+"), Gen.Const("?"), Gen.Const("*?"), Gen.Int[0, 5].Select(n => "{" + n + "}"),
            Gen.Select(Gen.Int[0, 3], Gen.Int[3, 5], (a, b) => "{" + a + "," + b + "}"));
        return Gen.Select(atom, repeat, (a, r) => Repeatable(a) ? a + r : a)
            .Array[1, 3].Select(parts => string.Concat(parts));
    }

    /// <summary>One atom: a group, a class, an escape or a character; not a flag change or an alternation.</summary>
    private static bool Repeatable(string atom) =>
        !atom.StartsWith("(?s)", StringComparison.Ordinal) && (atom.StartsWith('(') || atom.StartsWith('[') || atom.StartsWith('\\') || atom.Length == 1 || atom == "é");

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }
}
