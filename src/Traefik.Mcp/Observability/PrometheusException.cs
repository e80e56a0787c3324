namespace Traefik.Mcp.Observability;

/// <summary>Prometheus could not answer: not reachable, timed out, refused the query, or answered something unreadable. The message says which.</summary>
public sealed class PrometheusException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PrometheusException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PrometheusException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public PrometheusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
