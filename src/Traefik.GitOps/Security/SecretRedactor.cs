using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Traefik.GitOps.Security;

/// <summary>
/// Removes credentials from text that leaves the process (exception messages, log lines, tool results,
/// commit messages, pull request bodies): the secrets it was given, in every encoding this product writes
/// or echoes, and the user information of any URL.
/// </summary>
/// <remarks>
/// <para>
/// A secret is masked as written, and also when it appears
/// </para>
/// <list type="bullet">
/// <item>split by white space (a long value folded over lines, or spaced out);</item>
/// <item>in base64 or base64url at any alignment, so a token inside a longer encoded text is found too: the
/// <c>Basic</c> header of <c>user:password</c>, or of <c>x-access-token:TOKEN</c>, holds the token's encoding;</item>
/// <item>percent-encoded (upper or lower case hexadecimal, or with <c>+</c> for a space), as in a URL or a form;</item>
/// <item>JSON-escaped, with the default or the relaxed escaping of System.Text.Json.</item>
/// </list>
/// <para>
/// Values shorter than <see cref="MinimumLength"/> characters are not masked (they would mask ordinary words);
/// the encoded and spaced forms are looked for from <see cref="EncodedMinimumLength"/> characters on. The
/// user information of a URL (<c>scheme://user:password@</c>) is always masked, whatever it is.
/// Matching runs in time linear in the text.
/// </para>
/// </remarks>
public sealed partial class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    /// <summary>Shorter values are not masked.</summary>
    public const int MinimumLength = 4;

    /// <summary>Encoded and spaced forms are looked for only for secrets at least this long (shorter fragments would match ordinary text).</summary>
    public const int EncodedMinimumLength = 8;

    private static readonly JavaScriptEncoder[] JsonEncoders = [JavaScriptEncoder.Default, JavaScriptEncoder.UnsafeRelaxedJsonEscaping];

    private readonly Lock _gate = new();
    private Entry[] _entries = [];
    private Regex? _pattern;

    /// <summary>True when no secret has been added (only URL user information is masked).</summary>
    public bool IsEmpty => Volatile.Read(ref _entries).Length == 0;

    /// <summary>Adds a secret to mask; <paramref name="source"/> names where it came from (an environment variable, an option), for messages that must say which credential was found.</summary>
    /// <param name="secret">The secret; null, empty or shorter than <see cref="MinimumLength"/> is ignored.</param>
    /// <param name="source">Where the secret came from, for example <c>GITHUB_TOKEN</c>; never the secret itself.</param>
    public void Add(string? secret, string? source = null)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinimumLength)
        {
            return;
        }

        lock (_gate)
        {
            if (_entries.Any(e => e.Secret == secret))
            {
                return;
            }

            var entries = _entries.Append(new Entry(secret, source ?? "a configured credential", Forms(secret))).ToArray();
            _pattern = Build(entries);
            Volatile.Write(ref _entries, entries);
        }
    }

    /// <summary>
    /// Adds the credentials of a <c>user:password</c> pair: the pair itself (and so its base64, the <c>Basic</c>
    /// header) and the password alone.
    /// </summary>
    public void AddUserInfo(string? userInfo, string? source = null)
    {
        if (string.IsNullOrEmpty(userInfo))
        {
            return;
        }

        Add(userInfo, source);
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            Add(userInfo[(colon + 1)..], source);
        }
    }

    /// <summary>Every added secret, in every form, and the user information of every URL, replaced by <see cref="Mask"/>.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var pattern = Volatile.Read(ref _pattern);
        if (pattern is not null)
        {
            text = pattern.Replace(text, Mask);
        }

        return text.Contains("://", StringComparison.Ordinal) && text.Contains('@', StringComparison.Ordinal)
            ? UrlUserInfo().Replace(text, m => m.Groups["scheme"].Value + Mask + "@")
            : text;
    }

    /// <summary>True when the text (or an exception's full text) still holds a secret or a URL's user information.</summary>
    public bool Leaks(string? text) => !string.IsNullOrEmpty(text) && Redact(text) != text;

    /// <summary>Where the first added secret that <paramref name="text"/> holds, in any form, came from; null when it holds none.</summary>
    /// <remarks>
    /// URL user information does not count here, only the secrets that were added, and of those only the ones of
    /// at least <see cref="EncodedMinimumLength"/> characters: a shorter value turns up in ordinary text.
    /// </remarks>
    public string? Source(string? text)
    {
        if (string.IsNullOrEmpty(text) || Volatile.Read(ref _pattern) is not { } pattern || !pattern.IsMatch(text))
        {
            return null;
        }

        foreach (var entry in Volatile.Read(ref _entries).Where(e => e.Secret.Length >= EncodedMinimumLength))
        {
            if (entry.Matches(text))
            {
                return entry.Source;
            }
        }

        return null;
    }

    /// <summary>
    /// Wraps a failure in a <see cref="GitOpsException"/> whose message is redacted; the original is kept as
    /// the inner exception only when nothing in it holds a secret.
    /// </summary>
    public GitOpsException Wrap(string message, Exception inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        var full = Redact(message);
        return new GitOpsException(full, Leaks(inner.ToString()) ? null : inner);
    }

    /// <summary>The patterns that find <paramref name="secret"/> in each form (regular expression source).</summary>
    private static List<string> Forms(string secret)
    {
        var forms = new List<string>();
        if (secret.Length < EncodedMinimumLength)
        {
            forms.Add(Regex.Escape(secret));
        }
        else
        {
            // The value, with any white space between its characters (folded or spaced out).
            forms.Add(string.Join(@"\s*", secret.EnumerateRunes().Select(r => Regex.Escape(r.ToString()))));
            var bytes = Encoding.UTF8.GetBytes(secret);
            for (var offset = 0; offset < 3; offset++)
            {
                var fragment = Base64Fragment(bytes, offset);
                forms.Add(Regex.Escape(fragment));
                forms.Add(Regex.Escape(fragment.Replace('+', '-').Replace('/', '_')));
            }
        }

        var escaped = Uri.EscapeDataString(secret);
        forms.Add(Regex.Escape(escaped));
        forms.Add(Regex.Escape(LowerHex().Replace(escaped, m => m.Value.ToLowerInvariant())));
        forms.Add(Regex.Escape(escaped.Replace("%20", "+", StringComparison.Ordinal)));
        foreach (var encoder in JsonEncoders)
        {
            var json = JsonEncodedText.Encode(secret, encoder).ToString();
            forms.Add(Regex.Escape(json));
            forms.Add(Regex.Escape(UpperHexEscape().Replace(json, m => m.Value.ToLowerInvariant())));
        }

        return [.. forms.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The base64 characters that depend only on <paramref name="bytes"/> when they start <paramref name="offset"/>
    /// bytes into a longer encoded text (the characters shared with the neighbouring bytes are left out).
    /// </summary>
    private static string Base64Fragment(byte[] bytes, int offset)
    {
        var padded = new byte[offset + bytes.Length];
        bytes.CopyTo(padded, offset);
        var encoded = Convert.ToBase64String(padded);
        var first = ((offset * 8) + 5) / 6;
        var end = (offset + bytes.Length) * 8 / 6;
        return encoded[first..end];
    }

    private static Regex Build(Entry[] entries) =>
        new(
            string.Join("|", entries.SelectMany(e => e.Forms).Distinct(StringComparer.Ordinal).OrderByDescending(f => f.Length).ThenBy(f => f, StringComparer.Ordinal)),
            RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    [GeneratedRegex(@"(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s]+@")]
    private static partial Regex UrlUserInfo();

    [GeneratedRegex("%[0-9A-F]{2}")]
    private static partial Regex LowerHex();

    [GeneratedRegex(@"\\u[0-9A-F]{4}")]
    private static partial Regex UpperHexEscape();

    private sealed class Entry(string secret, string source, List<string> forms)
    {
        private readonly Lazy<Regex> _pattern = new(() => new Regex(string.Join("|", forms), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking));

        public string Secret { get; } = secret;

        public string Source { get; } = source;

        public IReadOnlyList<string> Forms { get; } = forms;

        public bool Matches(string text) => _pattern.Value.IsMatch(text);
    }
}
