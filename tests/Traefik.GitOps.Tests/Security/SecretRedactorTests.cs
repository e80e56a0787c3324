using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;
using Traefik.GitOps.Security;

namespace Traefik.GitOps.Tests.Security;

/// <summary>A credential is masked in every encoding this product writes or echoes, wherever it sits in the text.</summary>
public sealed class SecretRedactorTests
{
    private const string Token = "ghp_R3dact0rTest+Token/42xyz";

    private static readonly Gen<string> Secrets =
        Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.+/=:@!$%&é"].Array[SecretRedactor.EncodedMinimumLength, 48].Select(c => new string(c));

    private static readonly Gen<string> Noise = Gen.Char["abc XYZ 019 :/=+-_\n\t{}\"'"].Array[0, 40].Select(c => new string(c));

    private static readonly Gen<byte[]> Bytes = Gen.Byte.Array[0, 8];

    [Fact]
    public void Redact_TokenInBase64_IsMasked()
    {
        // Reported: a GitHub token in base64 was not masked (the old redactor knew only the raw value).
        var redactor = Redactor();
        var text = "header: " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Token)) + " end";

        var redacted = redactor.Redact(text);

        Assert.False(DecodesTo(redacted, Token), redacted);
        Assert.StartsWith("header: ", redacted, StringComparison.Ordinal);
        Assert.EndsWith(" end", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_TokenSpacedOutOrFolded_IsMasked()
    {
        // Reported: a token spaced out was not masked.
        var redactor = Redactor();
        var spaced = string.Join(" ", Token.ToCharArray());
        var folded = Token[..10] + "\n      " + Token[10..];

        Assert.Equal("a *** b", redactor.Redact($"a {spaced} b"));
        Assert.Equal("value: ***", redactor.Redact($"value: {folded}"));
    }

    [Fact]
    public void Redact_BasicHeaderOfGitTokenAndOfUserPassword_IsMasked()
    {
        var redactor = new SecretRedactor();
        redactor.Add(Token, "GIT_TOKEN");
        redactor.AddUserInfo("alice:s3cret-passw0rd", "PROM_BASIC");
        var git = "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + Token));
        var basic = "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret-passw0rd"));

        var redacted = redactor.Redact(git + "\n" + basic + "\npassword s3cret-passw0rd");

        Assert.False(DecodesTo(redacted, Token), redacted);
        Assert.False(DecodesTo(redacted, "s3cret-passw0rd"), redacted);
        Assert.DoesNotContain("s3cret-passw0rd", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_UrlEncodedAndJsonEscaped_AreMasked()
    {
        var redactor = Redactor();
        string[] forms =
        [
            Uri.EscapeDataString(Token),
            Uri.EscapeDataString(Token).Replace("%2B", "%2b", StringComparison.Ordinal).Replace("%2F", "%2f", StringComparison.Ordinal),
            JsonEncodedText.Encode(Token, JavaScriptEncoder.Default).ToString(),
            JsonSerializer.Serialize(Token),
        ];

        foreach (var form in forms)
        {
            Assert.NotEqual(Token, form.Trim('"'));
            Assert.Equal("x=*** y", redactor.Redact($"x={form.Trim('"')} y"));
        }
    }

    [Fact]
    public void Redact_UrlUserInfo_IsMaskedWithoutBeingAdded()
    {
        var redacted = new SecretRedactor().Redact("cloning https://bob:hunter2-pass@git.example.com/x.git failed");

        Assert.Equal("cloning https://***@git.example.com/x.git failed", redacted);
    }

    [Fact]
    public void Redact_ShortValue_IsNotAddedAndOrdinaryTextIsUntouched()
    {
        var redactor = new SecretRedactor();
        redactor.Add("abc");
        redactor.Add(Token);
        const string Ordinary = "abc: weights 90/10 for api-service-stable and api-service-canary, sha 3f2a9c";

        Assert.Equal(Ordinary, redactor.Redact(Ordinary));
        Assert.False(redactor.Leaks(Ordinary));
    }

    [Fact]
    public void Source_TextHoldingTheSecretInAnyForm_NamesItsSource()
    {
        var redactor = new SecretRedactor();
        redactor.Add(Token, "GITHUB_TOKEN");
        redactor.Add("prometheus-bearer-token", "PROM_TOKEN");

        Assert.Equal("GITHUB_TOKEN", redactor.Source("x " + Convert.ToBase64String(Encoding.UTF8.GetBytes("u:" + Token))));
        Assert.Equal("PROM_TOKEN", redactor.Source("Bearer prometheus-bearer-token"));
        Assert.Null(redactor.Source("https://bob:pw@example.com"));
        Assert.Null(redactor.Source("nothing here"));
    }

    [Fact]
    public void Redact_AnySecretBase64EncodedAtAnyOffset_CannotBeDecodedBack()
    {
        Gen.Select(Secrets, Bytes, Bytes, Noise).Sample((secret, before, after, noise) =>
        {
            var redactor = new SecretRedactor();
            redactor.Add(secret);
            var payload = before.Concat(Encoding.UTF8.GetBytes(secret)).Concat(after).ToArray();
            var text = noise + Convert.ToBase64String(payload) + noise + Convert.ToBase64String(payload).Replace('+', '-').Replace('/', '_');

            var redacted = redactor.Redact(text);

            Assert.False(DecodesTo(redacted, secret), $"{secret} still decodes from {redacted}");
        });
    }

    [Fact]
    public void Redact_AnySecretInAnyTextualForm_IsGone()
    {
        Gen.Select(Secrets, Noise, Gen.Int[0, 5]).Sample((secret, noise, form) =>
        {
            var redactor = new SecretRedactor();
            redactor.Add(secret);
            var encoded = form switch
            {
                0 => secret,
                1 => Uri.EscapeDataString(secret),
                2 => JsonEncodedText.Encode(secret, JavaScriptEncoder.Default).ToString(),
                3 => JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(),
                4 => string.Join("\n  ", secret.Chunk(5).Select(c => new string(c))),
                _ => string.Join(' ', secret.ToCharArray()),
            };

            var redacted = redactor.Redact(noise + encoded + noise);

            Assert.DoesNotContain(encoded, redacted, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, string.Concat(redacted.Where(c => !char.IsWhiteSpace(c))), StringComparison.Ordinal);
        });
    }

    private static SecretRedactor Redactor()
    {
        var redactor = new SecretRedactor();
        redactor.Add(Token, "GITHUB_TOKEN");
        return redactor;
    }

    /// <summary>True when some run of base64 (or base64url) characters in <paramref name="text"/> decodes, at any alignment, to bytes holding <paramref name="secret"/>.</summary>
    private static bool DecodesTo(string text, string secret)
    {
        var target = Encoding.UTF8.GetBytes(secret);
        var runs = System.Text.RegularExpressions.Regex.Matches(text.Replace('-', '+').Replace('_', '/'), "[A-Za-z0-9+/]+");
        foreach (var run in runs.Select(m => m.Value))
        {
            for (var skip = 0; skip < 4 && skip < run.Length; skip++)
            {
                var body = run[skip..];
                body = body[..(body.Length - (body.Length % 4))];
                if (body.Length == 0)
                {
                    continue;
                }

                var bytes = Convert.FromBase64String(body);
                if (bytes.AsSpan().IndexOf(target) >= 0)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
