using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Server;
using Traefik.GitOps;
using Traefik.Mcp.Tests.Support;
using Traefik.Mcp.Tools;

namespace Traefik.Mcp.Tests.Tools;

/// <summary>
/// Hostile arguments with branch delivery on a real repository: every one is refused with a tool error that names the
/// argument and says what to send, before it reaches a branch name, a file path or a template; nothing is written,
/// committed or branched. Content that is valid however odd (thousands of plugin keys) is delivered.
/// </summary>
public sealed class HostileArgumentTests : McpTestBase
{
    /// <summary>Names that would escape a path, break a branch name or a commit trailer, or that no Kubernetes object has.</summary>
    public static readonly string[] HostileNames =
    [
        "", " ", "../etc", "..", ".", ".git", "a/b", "a\nb", "a\rb", "a\0b", "a b", "a\tb", "A", "a_b", "-a", "a-", "a..b", ".lock", "a@{b}",
        "a~1", "a^b", "a:b", "a?b", "a*b", "a[b", "a\\b", "${x}", "$(reboot)", "`x`", "a\u202Eb", "ａ", new string('a', 254), "é",
    ];

    private static readonly (string Tool, string Argument, string Arguments)[] NameFields =
    [
        ("traefik_manage_weighted_routing", "route_name", """{"action": "create", "hostname": "a.example.com", "stable_service": "s"}"""),
        ("traefik_manage_weighted_routing", "namespace", """{"action": "create", "route_name": "r", "hostname": "a.example.com", "stable_service": "s"}"""),
        ("traefik_manage_simple_route", "route_name", """{"action": "delete"}"""),
        ("traefik_manage_middleware", "middleware_name", """{"action": "create", "middleware_type": "strip_prefix", "prefixes": ["/api"]}"""),
        ("traefik_manage_middleware", "namespace", """{"action": "create", "middleware_type": "strip_prefix", "prefixes": ["/api"]}"""),
        ("traefik_manage_route_middlewares", "route_name", """{"action": "attach", "middleware_names": ["m"]}"""),
        ("traefik_manage_traffic_mirroring", "route_name", """{"action": "disable"}"""),
        ("traefik_manage_servers_transport", "name", """{"action": "create"}"""),
        ("traefik_configure_service_affinity", "service_name", """{"action": "enable"}"""),
        ("traefik_manage_tcp_routing", "route_name", """{"action": "delete"}"""),
        ("traefik_configure_tcp_middleware", "middleware_name", """{"source_ranges": ["10.0.0.0/8"]}"""),
        ("traefik_check_anomalies", "route_name", "{}"),
    ];

    protected override DeliveryMode Delivery => DeliveryMode.Branch;

    public static TheoryData<int> NameCases()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < NameFields.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NameCases))]
    public async Task NameArgument_HostileValue_RefusedNamingItAndNothingWritten(int field)
    {
        var (tool, argument, arguments) = NameFields[field];
        var head = Git("rev-parse", "HEAD");
        var refused = 0;
        foreach (var name in HostileNames)
        {
            var call = JsonNode.Parse(arguments)!.AsObject();
            call[argument] = name;

            var error = await ErrorAsync(tool, call.ToJsonString());

            Assert.DoesNotContain("An error occurred", error, StringComparison.Ordinal);
            Assert.Contains($"\n- {argument}: ", error, StringComparison.Ordinal);
            Assert.True(new[] { "lower-case letters", "is required", "at most" }.Any(hint => error.Contains(hint, StringComparison.Ordinal)), $"{name}: {error}");
            refused++;
        }

        Assert.Equal(HostileNames.Length, refused);
        AssertNothingWritten(head);
    }

    [Fact]
    public async Task WeightedRouting_WeightBeyondInt32_RefusedNamingTheArgument()
    {
        var head = Git("rev-parse", "HEAD");

        var error = await ErrorAsync("traefik_manage_weighted_routing", """
            {"action": "create", "route_name": "r", "hostname": "a.example.com", "stable_service": "s", "stable_weight": 2147483648, "canary_port": -2147483649}
            """);

        Assert.Equal(
            "The arguments of traefik_manage_weighted_routing are not valid.\n"
            + "- canary_port: the number -2147483649 is out of range: give a whole number from -2147483648 to 2147483647.\n"
            + "- stable_weight: the number 2147483648 is out of range: give a whole number from -2147483648 to 2147483647.",
            error);
        AssertNothingWritten(head);
    }

    [Fact]
    public async Task EveryIntegerArgument_OutOfRange_RefusedNamingIt()
    {
        var tools = await Client.ListToolsAsync();
        var checkedPaths = 0;
        foreach (var tool in tools)
        {
            var schema = JsonNode.Parse(tool.JsonSchema.GetRawText())!.AsObject();
            foreach (var (path, call) in IntegerCalls(schema))
            {
                var bound = ArgumentChecker.Int32Arguments.Contains(path) ? "2147483648" : "9223372036854775808";
                var error = await ErrorAsync(tool.Name, call.ToJsonString().Replace("\"@@\"", bound, StringComparison.Ordinal));

                Assert.DoesNotContain("An error occurred", error, StringComparison.Ordinal);
                Assert.Contains($"the number {bound} is out of range: give a whole number from ", error, StringComparison.Ordinal);
                Assert.Contains(path.Replace("[]", "[0]", StringComparison.Ordinal) + ": ", error, StringComparison.Ordinal);
                checkedPaths++;
            }
        }

        Assert.True(checkedPaths >= 30, $"only {checkedPaths} integer arguments were found");
    }

    [Fact]
    public void Int32Arguments_AreExactlyTheToolsThirtyTwoBitParameters()
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var method in typeof(ToolRunner).Assembly.GetTypes().SelectMany(t => t.GetMethods()).Where(m => m.GetCustomAttribute<McpServerToolAttribute>() is not null))
        {
            foreach (var parameter in method.GetParameters())
            {
                Collect(parameter.ParameterType, parameter.Name!, found);
            }
        }

        Assert.Equal(found, new SortedSet<string>(ArgumentChecker.Int32Arguments, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Middleware_PluginWithFiveThousandKeys_IsDeliveredToItsBranch()
    {
        var spec = new JsonObject();
        for (var i = 0; i < 5000; i++)
        {
            spec[$"key{i:D4}"] = i;
        }

        var proposal = await ProposeAsync("traefik_manage_middleware", new JsonObject
        {
            ["action"] = "create",
            ["middleware_type"] = "plugin",
            ["middleware_name"] = "many",
            ["plugin_name"] = "demo",
            ["spec"] = spec,
        }.ToJsonString());

        Assert.Equal("delivered", proposal["status"]!.GetValue<string>());
        var message = Git("log", "-1", "--format=%B", "traefik/default/many");
        Assert.Contains("… and 4950 more changed fields", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Middleware_PluginKeyWithNul_RefusedNamingTheKeyAndNothingWritten()
    {
        var head = Git("rev-parse", "HEAD");

        var error = await ErrorAsync("traefik_manage_middleware", """
            {"action": "create", "middleware_type": "plugin", "middleware_name": "p", "plugin_name": "demo", "spec": {"a\u0000b": "x", "nested": {"line\nbreak": 1}}}
            """);

        Assert.Contains("\"a\\u0000b\" contains a NUL character; a plugin configuration key names a field of the plugin: use printable characters only.", error, StringComparison.Ordinal);
        Assert.Contains("\"line\\u000abreak\" contains a newline", error, StringComparison.Ordinal);
        AssertNothingWritten(head);
    }

    [Theory]
    [InlineData(".git", "api")]
    [InlineData("prod", "api.lock")]
    [InlineData("Prod", "api")]
    public async Task Distribution_NameNoBranchCanHave_ReadsTheBaseAndSaysTheRouteIsMissing(string ns, string route)
    {
        var error = await Assert.ThrowsAnyAsync<ModelContextProtocol.McpException>(() => Client.ReadResourceAsync($"traefik://traffic/{ns}/{route}/distribution").AsTask());

        Assert.Contains($"IngressRoute {ns}/{route} is not in the repository", error.Message, StringComparison.Ordinal);
        Assert.Equal("main", Git("branch", "--format=%(refname:short)").Trim());
    }

    private static void Collect(Type type, string path, SortedSet<string> found)
    {
        var element = Nullable.GetUnderlyingType(type) ?? type;
        if (element == typeof(int))
        {
            found.Add(path);
        }
        else if (element.IsArray || (element.IsGenericType && element.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)))
        {
            var item = element.IsArray ? element.GetElementType()! : element.GetGenericArguments()[0];
            if (item.Namespace == typeof(ToolRunner).Namespace + ".Arguments")
            {
                foreach (var property in item.GetProperties())
                {
                    Collect(property.PropertyType, $"{path}[].{JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name)}", found);
                }
            }
        }
    }

    /// <summary>For each integer argument (nested in lists of objects too), a call with every required argument and that one set to "@@".</summary>
    private static IEnumerable<(string Path, JsonObject Call)> IntegerCalls(JsonObject schema)
    {
        var properties = schema["properties"]?.AsObject() ?? [];
        foreach (var (name, property) in properties)
        {
            foreach (var (path, value) in IntegerValues(property!.AsObject(), name))
            {
                var call = new JsonObject();
                foreach (var required in schema["required"]?.AsArray() ?? [])
                {
                    var requiredName = required!.GetValue<string>();
                    call[requiredName] = Placeholder(properties[requiredName]!.AsObject());
                }

                call[name] = value;
                yield return (path, call);
            }
        }
    }

    private static IEnumerable<(string Path, JsonNode Value)> IntegerValues(JsonObject property, string path)
    {
        var types = Types(property);
        if (types.Contains("integer"))
        {
            yield return (path, JsonValue.Create("@@"));
        }
        else if (types.Contains("array") && property["items"] is JsonObject items && Types(items).Contains("object"))
        {
            foreach (var (name, inner) in items["properties"]?.AsObject() ?? [])
            {
                foreach (var (innerPath, value) in IntegerValues(inner!.AsObject(), $"{path}[].{name}"))
                {
                    yield return (innerPath, new JsonArray(new JsonObject { [name] = value }));
                }
            }
        }
    }

    private static JsonNode? Placeholder(JsonObject property) => Types(property).FirstOrDefault(t => t != "null") switch
    {
        "string" => "x",
        "array" => new JsonArray(),
        "boolean" => false,
        "integer" or "number" => 1,
        "object" => new JsonObject(),
        _ => "x",
    };

    private static string[] Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray many => [.. many.Select(t => t!.GetValue<string>())],
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };

    private void AssertNothingWritten(string head)
    {
        Assert.Equal(string.Empty, Git("status", "--porcelain", "--untracked-files=all"));
        Assert.Equal("main", Git("branch", "--format=%(refname:short)").Trim());
        Assert.Equal(head, Git("rev-parse", "HEAD"));
    }
}
