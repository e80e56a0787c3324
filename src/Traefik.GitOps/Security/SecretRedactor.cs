using System.Text.RegularExpressions;

namespace Traefik.GitOps.Security;

/// <summary>
/// Removes secrets from every text that leaves the library (exception messages, log lines): the tokens
/// read from the environment and any user information embedded in a URL.
/// </summary>
internal sealed partial class SecretRedactor
{
    public const string Mask = "***";

    private readonly Lock _gate = new();
    private string[] _secrets = [];

    public void Add(string? secret)
    {
        // Very short values would mask ordinary words; tokens are long.
        if (string.IsNullOrEmpty(secret) || secret.Length < 4)
        {
            return;
        }

        lock (_gate)
        {
            if (!_secrets.Contains(secret))
            {
                _secrets = [.. _secrets.Append(secret).OrderByDescending(s => s.Length)];
            }
        }
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        foreach (var secret in Volatile.Read(ref _secrets))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return UrlUserInfo().Replace(text, m => m.Groups["scheme"].Value + Mask + "@");
    }

    /// <summary>True when the text (or an exception's full text) still holds a secret.</summary>
    public bool Leaks(string? text) => !string.IsNullOrEmpty(text) && Redact(text) != text;

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

    [GeneratedRegex(@"(?<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s]+@")]
    private static partial Regex UrlUserInfo();
}
