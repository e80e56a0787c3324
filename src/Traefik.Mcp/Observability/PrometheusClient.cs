using System.Collections.Immutable;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Traefik.GitOps.Security;

namespace Traefik.Mcp.Observability;

/// <summary>
/// A client for Prometheus' HTTP API (<c>/api/v1/query</c> and <c>/api/v1/query_range</c> as form POSTs,
/// <c>/api/v1/status/buildinfo</c>, <c>/-/ready</c>). Every failure becomes a <see cref="PrometheusException"/>
/// whose message names the URL and what went wrong; credentials never appear in it, in any encoding, even when
/// Prometheus (or a proxy in front of it) echoes them in its answer.
/// </summary>
public sealed class PrometheusClient
{
    private readonly HttpClient _http;
    private readonly Uri _baseUrl;
    private readonly TimeSpan _timeout;
    private readonly SecretRedactor _redactor = new();

    /// <summary>Creates a client; <paramref name="http"/> is not disposed by it.</summary>
    /// <param name="http">The HTTP client to send requests with.</param>
    /// <param name="baseUrl">Prometheus' base URL (a path prefix such as <c>/prometheus</c> is kept; user information is dropped: pass credentials as <paramref name="authorization"/>, see <see cref="Credentials"/>).</param>
    /// <param name="timeout">How long one request may take.</param>
    /// <param name="authorization">The Authorization header to send, if any.</param>
    public PrometheusClient(HttpClient http, Uri baseUrl, TimeSpan timeout, AuthenticationHeaderValue? authorization = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseUrl);
        _http = http;
        _redactor.AddUserInfo(Uri.UnescapeDataString(baseUrl.UserInfo), "--prometheus-url");
        var url = WithoutUserInfo(baseUrl);
        _baseUrl = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        _timeout = timeout;
        Authorization = authorization;
        if (authorization?.Parameter is { } parameter)
        {
            if (string.Equals(authorization.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
            {
                _redactor.Add(parameter, "the Prometheus basic-auth credentials");
                _redactor.AddUserInfo(DecodeBasic(parameter), "the Prometheus basic-auth credentials");
            }
            else
            {
                _redactor.Add(parameter, "the Prometheus bearer token");
            }
        }
    }

    /// <summary>The base URL queries go to, without user information.</summary>
    public Uri BaseUrl => _baseUrl;

    private AuthenticationHeaderValue? Authorization { get; }

    /// <summary>
    /// The Authorization header for the configured credentials: a bearer token from <paramref name="tokenVariable"/>,
    /// or <c>user:password</c> from <paramref name="basicAuthVariable"/>, or else the user information of
    /// <paramref name="url"/> (<c>http://user:password@host</c>) as basic auth.
    /// </summary>
    /// <exception cref="PrometheusException">A variable is named but empty, the basic-auth value has no colon, or a value holds a character an HTTP header cannot carry (the message names the variable, never the value).</exception>
    public static AuthenticationHeaderValue? Credentials(string? tokenVariable, string? basicAuthVariable, Func<string, string?> environment, Uri? url = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (tokenVariable is not null)
        {
            var token = environment(tokenVariable);
            if (string.IsNullOrEmpty(token))
            {
                throw new PrometheusException($"The Prometheus bearer token variable {tokenVariable} is empty or not set.");
            }

            return HeaderSafe(token)
                ? new AuthenticationHeaderValue("Bearer", token)
                : throw new PrometheusException($"The Prometheus bearer token in {tokenVariable} holds a space, a line break, a control or a non-ASCII character, which an HTTP header cannot carry; check the variable's value (a trailing newline from a file is a common cause).");
        }

        if (basicAuthVariable is not null)
        {
            var pair = environment(basicAuthVariable);
            if (string.IsNullOrEmpty(pair) || !pair.Contains(':', StringComparison.Ordinal))
            {
                throw new PrometheusException($"The Prometheus basic-auth variable {basicAuthVariable} must hold user:password.");
            }

            return pair.Any(char.IsControl)
                ? throw new PrometheusException($"The Prometheus basic-auth value in {basicAuthVariable} holds a line break or a control character; check the variable's value (a trailing newline from a file is a common cause).")
                : Basic(pair);
        }

        return url is { UserInfo.Length: > 0 } ? Basic(Uri.UnescapeDataString(url.UserInfo)) : null;
    }

    /// <summary><paramref name="url"/> without its user information (<c>user:password@</c>), for showing and for sending.</summary>
    public static Uri WithoutUserInfo(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.UserInfo.Length == 0 ? url : new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri;
    }

    private static AuthenticationHeaderValue Basic(string pair) => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));

    private static string? DecodeBasic(string parameter)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A bearer token an HTTP header can carry as it is: visible ASCII only.</summary>
    private static bool HeaderSafe(string value) => value.All(c => c is > ' ' and < '\u007f');

    /// <summary>True when <c>/-/ready</c> answers 200.</summary>
    /// <exception cref="PrometheusException">Not reachable, timed out, or not ready (the status is in the message).</exception>
    public async Task ReadyAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync("-/ready", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Fail($"Prometheus at {_baseUrl} is not ready: /-/ready answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
    }

    /// <summary>The server's version from <c>/api/v1/status/buildinfo</c>.</summary>
    public async Task<string> VersionAsync(CancellationToken cancellationToken = default)
    {
        using var document = await GetDataAsync("api/v1/status/buildinfo", null, cancellationToken).ConfigureAwait(false);
        return document.RootElement.GetProperty("data").TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.String
            ? version.GetString()!
            : throw Fail($"Prometheus at {_baseUrl} answered buildinfo without a version.");
    }

    /// <summary>An instant query evaluated at <paramref name="time"/>.</summary>
    public async Task<IReadOnlyList<PrometheusSeries>> QueryAsync(string query, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        using var document = await GetDataAsync("api/v1/query", [new("query", query), new("time", Seconds(time))], cancellationToken).ConfigureAwait(false);
        return ReadResult(document.RootElement.GetProperty("data"), query);
    }

    /// <summary>A range query from <paramref name="start"/> to <paramref name="end"/> every <paramref name="step"/>.</summary>
    public async Task<IReadOnlyList<PrometheusSeries>> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        using var document = await GetDataAsync(
            "api/v1/query_range",
            [new("query", query), new("start", Seconds(start)), new("end", Seconds(end)), new("step", step.TotalSeconds.ToString(CultureInfo.InvariantCulture))],
            cancellationToken).ConfigureAwait(false);
        return ReadResult(document.RootElement.GetProperty("data"), query);
    }

    private static string Seconds(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Sends a request (a form POST when there are parameters, so long label matchers fit) and returns the API's JSON when it succeeded.</summary>
    private async Task<JsonDocument> GetDataAsync(string path, KeyValuePair<string, string>[]? form, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(path, cancellationToken, form).ConfigureAwait(false);
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw Fail($"Prometheus at {_baseUrl} broke off its answer: {e.Message}", e);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw Fail($"Prometheus at {_baseUrl} answered {(int)response.StatusCode} with something that is not the Prometheus API's JSON: {Excerpt(body)}");
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var status))
        {
            document.Dispose();
            throw Fail($"Prometheus at {_baseUrl} answered {(int)response.StatusCode} without a status: {Excerpt(body)}");
        }

        if (status.GetString() != "success" || !root.TryGetProperty("data", out _))
        {
            var type = root.TryGetProperty("errorType", out var t) ? t.GetString() : null;
            var error = root.TryGetProperty("error", out var m) ? m.GetString() : null;
            document.Dispose();
            throw Fail($"Prometheus at {_baseUrl} refused the request ({(int)response.StatusCode}{(type is null ? string.Empty : ", " + type)}): {error ?? Excerpt(body)}");
        }

        return document;
    }

    private async Task<HttpResponseMessage> SendAsync(string path, CancellationToken cancellationToken, KeyValuePair<string, string>[]? form = null)
    {
        using var request = new HttpRequestMessage(form is null ? HttpMethod.Get : HttpMethod.Post, new Uri(_baseUrl, path));
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        request.Headers.Authorization = Authorization;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
            {
                response.Dispose();
                throw Fail($"Prometheus at {_baseUrl} refused the credentials ({(int)response.StatusCode}): check --prometheus-token-env, --prometheus-basic-auth-env or the user information in --prometheus-url.");
            }

            return response;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail($"Prometheus at {_baseUrl} did not answer within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (--prometheus-timeout).");
        }
        catch (HttpRequestException e)
        {
            throw Fail($"Prometheus at {_baseUrl} is not reachable: {e.Message}", e);
        }
    }

    private IReadOnlyList<PrometheusSeries> ReadResult(JsonElement data, string query)
    {
        var type = data.TryGetProperty("resultType", out var t) ? t.GetString() : null;
        if (!data.TryGetProperty("result", out var result))
        {
            throw Fail($"Prometheus at {_baseUrl} answered {query} without a result.");
        }

        switch (type)
        {
            case "vector":
            case "matrix":
                var series = new List<PrometheusSeries>(result.GetArrayLength());
                foreach (var item in result.EnumerateArray())
                {
                    var labels = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
                    if (item.TryGetProperty("metric", out var metric))
                    {
                        foreach (var label in metric.EnumerateObject())
                        {
                            labels[label.Name] = label.Value.GetString() ?? string.Empty;
                        }
                    }

                    var points = ImmutableList.CreateBuilder<PrometheusPoint>();
                    if (item.TryGetProperty("value", out var value))
                    {
                        points.Add(Point(value));
                    }
                    else if (item.TryGetProperty("values", out var values))
                    {
                        foreach (var v in values.EnumerateArray())
                        {
                            points.Add(Point(v));
                        }
                    }

                    series.Add(new PrometheusSeries(labels.ToImmutable(), points.ToImmutable()));
                }

                return series;
            case "scalar":
                return [new PrometheusSeries(ImmutableDictionary<string, string>.Empty, [Point(result)])];
            default:
                throw Fail($"Prometheus at {_baseUrl} answered {query} with a {type ?? "missing"} result; a vector or matrix was expected.");
        }
    }

    /// <summary>A failure whose message holds none of this client's credentials (Prometheus or a proxy may echo them); the cause is kept only when it holds none either.</summary>
    private PrometheusException Fail(string message, Exception? inner = null) =>
        inner is null || _redactor.Leaks(inner.ToString()) ? new(_redactor.Redact(message)) : new(_redactor.Redact(message), inner);

    private static PrometheusPoint Point(JsonElement pair)
    {
        var seconds = pair[0].GetDouble();
        var text = pair[1].GetString();
        var value = text switch
        {
            "NaN" => double.NaN,
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new PrometheusPoint(DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)), value);
    }

    /// <summary>The start of an answer, for a message; redacted before it is cut, so no part of a credential is left at the cut.</summary>
    private string Excerpt(string body)
    {
        var text = _redactor.Redact(body).ReplaceLineEndings(" ").Trim();
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
