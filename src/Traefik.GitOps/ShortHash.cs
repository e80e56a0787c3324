using System.Security.Cryptography;
using System.Text;

namespace Traefik.GitOps;

/// <summary>Short, stable ids: the first hexadecimal digits of the SHA-256 of a text (proposal ids, state identities, cache folder names).</summary>
internal static class ShortHash
{
    public static string Of(string text, int length) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..length];
}
