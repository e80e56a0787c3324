using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Traefik.GitOps.Tests.Support;

/// <summary>
/// An in-process stand-in for the GitHub Enterprise REST API (on 127.0.0.1, a free port) implementing the
/// pull request endpoints the provider uses — list (filtered by head, base and state), create, update, close,
/// comment — and recording every request it receives.
/// </summary>
public sealed class FakeGitHub : IDisposable
{
    private HttpListener _listener = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];

    public FakeGitHub(string owner = "octo", string repository = "gitops")
    {
        Owner = owner;
        Repository = repository;
        for (var attempt = 0; ; attempt++)
        {
            BaseUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add(BaseUrl.ToString());
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                // Another test took the port between probing and listening: try another one.
                _listener = new HttpListener();
            }
        }

        _loop = Task.Run(ServeAsync);
    }

    public string Owner { get; }

    public string Repository { get; }

    public Uri BaseUrl { get; }

    public List<FakePull> Pulls { get; } = [];

    /// <summary>Answers a request before the normal handling when it returns a status and body.</summary>
    public Func<RecordedRequest, (int Status, string Body)?>? Override { get; set; }

    /// <summary>A <c>Link</c> header to send with the answer to a request, when it returns one (pagination).</summary>
    public Func<RecordedRequest, string?>? Link { get; set; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public void Dispose()
    {
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // The managed listener re-resolves its endpoint while closing; the port may be taken by then.
        }

        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var request = new RecordedRequest(
                context.Request.HttpMethod,
                context.Request.Url!.PathAndQuery,
                await reader.ReadToEndAsync(),
                context.Request.Headers["Authorization"]);
            lock (_gate)
            {
                _requests.Add(request);
            }

            var (status, body) = Override?.Invoke(request) ?? Handle(request);
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = body.StartsWith('<') ? "text/html" : "application/json; charset=utf-8";
            if (Link?.Invoke(request) is { } link)
            {
                context.Response.Headers["Link"] = link;
            }

            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (int Status, string Body) Handle(RecordedRequest request)
    {
        var prefix = $"/api/v3/repos/{Owner}/{Repository}/pulls";
        var issues = $"/api/v3/repos/{Owner}/{Repository}/issues/";
        var path = request.PathAndQuery.Split('?')[0];
        var query = request.Query;
        lock (_gate)
        {
            switch (request.Method)
            {
                case "GET" when path == prefix:
                    var matches = Pulls.Where(p =>
                        (!query.TryGetValue("state", out var state) || state == "all" || state == p.State)
                        && (!query.TryGetValue("head", out var head) || head == Owner + ":" + p.Head)
                        && (!query.TryGetValue("base", out var @base) || @base == p.Base));
                    return (200, new JsonArray([.. matches.Select(p => (JsonNode)Json(p))]).ToJsonString());
                case "POST" when path == prefix:
                    var created = JsonNode.Parse(request.Body)!;
                    var pull = new FakePull(Pulls.Count + 1, created["head"]!.GetValue<string>(), created["base"]!.GetValue<string>(), created["title"]!.GetValue<string>(), created["body"]?.GetValue<string>());
                    Pulls.Add(pull);
                    return (201, Json(pull).ToJsonString());
                case "PATCH" when path.StartsWith(prefix + "/", StringComparison.Ordinal):
                    var number = int.Parse(path[(prefix.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                    var existing = Pulls.Single(p => p.Number == number);
                    var update = JsonNode.Parse(request.Body)!;
                    existing.Title = update["title"]?.GetValue<string>() ?? existing.Title;
                    existing.Body = update["body"]?.GetValue<string>() ?? existing.Body;
                    existing.State = update["state"]?.GetValue<string>() ?? existing.State;
                    return (200, Json(existing).ToJsonString());
                case "POST" when path.StartsWith(issues, StringComparison.Ordinal) && path.EndsWith("/comments", StringComparison.Ordinal):
                    var issue = int.Parse(path[issues.Length..^"/comments".Length], System.Globalization.CultureInfo.InvariantCulture);
                    var commented = Pulls.Single(p => p.Number == issue);
                    var text = JsonNode.Parse(request.Body)!["body"]!.GetValue<string>();
                    commented.Comments.Add(text);
                    return (201, new JsonObject { ["id"] = commented.Comments.Count, ["body"] = text }.ToJsonString());
                default:
                    return (404, """{"message":"Not Found"}""");
            }
        }
    }

    private JsonObject Json(FakePull pull) => new()
    {
        ["number"] = pull.Number,
        ["state"] = pull.State,
        ["title"] = pull.Title,
        ["body"] = pull.Body,
        ["html_url"] = $"https://github.example.com/{Owner}/{Repository}/pull/{pull.Number}",
        ["url"] = $"{BaseUrl}api/v3/repos/{Owner}/{Repository}/pulls/{pull.Number}",
        ["head"] = new JsonObject { ["ref"] = pull.Head, ["label"] = Owner + ":" + pull.Head, ["sha"] = "0000000000000000000000000000000000000000" },
        ["base"] = new JsonObject { ["ref"] = pull.Base, ["label"] = Owner + ":" + pull.Base, ["sha"] = "0000000000000000000000000000000000000000" },
    };
}

public sealed record RecordedRequest(string Method, string PathAndQuery, string Body, string? Authorization)
{
    public IReadOnlyDictionary<string, string> Query =>
        PathAndQuery.Contains('?')
            ? PathAndQuery[(PathAndQuery.IndexOf('?') + 1)..].Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : string.Empty))
            : new Dictionary<string, string>();

    public JsonNode? JsonBody => Body.Length == 0 ? null : JsonNode.Parse(Body);

    public override string ToString() => $"{Method} {PathAndQuery}";
}

public sealed class FakePull(int number, string head, string @base, string title, string? body)
{
    public int Number { get; } = number;

    public string Head { get; } = head;

    public string Base { get; } = @base;

    public string Title { get; set; } = title;

    public string? Body { get; set; } = body;

    public string State { get; set; } = "open";

    /// <summary>The comments left on the pull request, oldest first.</summary>
    public List<string> Comments { get; } = [];
}
