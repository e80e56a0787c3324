namespace Traefik.Manifests.Validation;

/// <summary>
/// The one exception this library throws for bad input or an impossible change. It lists every
/// problem found, each with its field path and what to do; when it is thrown no object was produced.
/// </summary>
public sealed class ManifestException : Exception
{
    /// <summary>Creates the exception from a headline and the problems found.</summary>
    public ManifestException(string headline, IReadOnlyList<ManifestProblem> problems)
        : base(Format(headline, problems))
    {
        Headline = headline;
        Problems = problems;
    }

    /// <summary>Creates the exception for a single problem.</summary>
    public ManifestException(string path, string message)
        : this(message, [new ManifestProblem(path, message)])
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public ManifestException()
        : this("Invalid manifest input.", [])
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public ManifestException(string message)
        : this(message, [])
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public ManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Headline = message;
        Problems = [];
    }

    /// <summary>The one-line summary.</summary>
    public string Headline { get; } = string.Empty;

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ManifestProblem> Problems { get; } = [];

    private static string Format(string headline, IReadOnlyList<ManifestProblem> problems)
    {
        if (problems.Count == 0)
        {
            return headline;
        }

        if (problems.Count == 1 && problems[0].Message == headline)
        {
            return problems[0].ToString();
        }

        return headline + "\n" + string.Join("\n", problems.Select(p => "- " + p));
    }
}
