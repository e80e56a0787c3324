using System.Text.Json;

namespace Traefik.Manifests.Tests.Support;

/// <summary>
/// Go's own verdicts on regular expressions, IP addresses, CIDR ranges and durations (tests/TestData/go, see its
/// README): what <c>regexp.Compile</c>, <c>net.ParseIP</c>, <c>net.ParseCIDR</c> and Traefik's duration reading accept.
/// </summary>
internal static class GoVerdicts
{
    private static readonly Lazy<IReadOnlyList<(string Source, string Kind, string Input, bool Accepted, string Detail)>> Rows = new(() =>
        [.. Read(RepoPaths.GoSyntaxVerdicts), .. Read(RepoPaths.GoSyntaxVerdictsExtended)]);

    /// <summary>Every row of the given kind as (source file:line, input, accepted, Go's detail).</summary>
    public static TheoryData<string, string, bool, string> OfKind(string kind)
    {
        var data = new TheoryData<string, string, bool, string>();
        foreach (var row in Rows.Value.Where(r => r.Kind == kind))
        {
            data.Add(row.Source, row.Input, row.Accepted, row.Detail);
        }

        return data;
    }

    /// <summary>
    /// The ip and cidr rows that decide what a field taking "an IP address or a CIDR range" must do, as Traefik reads
    /// one (net.ParseIP, then net.ParseCIDR): ip rows of inputs without '/' and cidr rows of inputs with one (a '/'
    /// never makes an IP, and no CIDR lacks one, so those verdicts are Traefik's). The others say nothing about it.
    /// </summary>
    public static TheoryData<string, string, bool, string> IpOrCidr()
    {
        var data = new TheoryData<string, string, bool, string>();
        foreach (var row in Rows.Value.Where(r => (r.Kind == "ip" && !r.Input.Contains('/', StringComparison.Ordinal)) || (r.Kind == "cidr" && r.Input.Contains('/', StringComparison.Ordinal))))
        {
            data.Add(row.Source, row.Input, row.Accepted, row.Detail);
        }

        return data;
    }

    /// <summary>How many rows of a kind there are (so a test can tell the files were read at all).</summary>
    public static int Count(string kind) => Rows.Value.Count(r => r.Kind == kind);

    private static IEnumerable<(string, string, string, bool, string)> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("kind\t", StringComparison.Ordinal))
            {
                continue;
            }

            var columns = line.Split('\t');
            if (columns.Length != 4 || columns[2] is not ("accept" or "reject"))
            {
                throw new InvalidDataException($"{path}:{i + 1} is not kind<TAB>input<TAB>verdict<TAB>detail.");
            }

            yield return ($"{Path.GetFileName(path)}:{i + 1}", columns[0], JsonSerializer.Deserialize<string>(columns[1])!, columns[2] == "accept", columns[3]);
        }
    }
}
