namespace Traefik.Manifests.Mirroring;

/// <summary>The defaults of mirroring (pinned by a test).</summary>
internal static class MirroringDefaults
{
    /// <summary>Percentage mirrored when none is given.</summary>
    public const int Percent = 20;

    /// <summary>Suffix of the default main Service: <c>{route}-stable</c>.</summary>
    public const string MainSuffix = "-stable";

    /// <summary>Suffix of the default mirror Service: <c>{route}-staging</c>.</summary>
    public const string MirrorSuffix = "-staging";
}
