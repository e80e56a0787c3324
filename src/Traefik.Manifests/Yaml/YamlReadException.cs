using YamlDotNet.Core;

namespace Traefik.Manifests.Yaml;

/// <summary>A YAML text that cannot be read: where reading stopped and why, in a sentence meant for the person who wrote the text.</summary>
internal sealed class YamlReadException : YamlException
{
    public YamlReadException(Mark at, string reason)
        : base(at, at, reason)
    {
    }

    public YamlReadException()
        : base("The YAML text cannot be read.")
    {
    }

    public YamlReadException(string message)
        : base(message)
    {
    }

    public YamlReadException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public YamlError ToError() => new((int)Math.Min(Start.Line, int.MaxValue), (int)Math.Min(Start.Column, int.MaxValue), Message);
}
