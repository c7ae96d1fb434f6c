using System.Security.Cryptography;
using System.Text;

namespace Aftercare.Domain.Common;

/// <summary>
/// Secrets handed to a person once (invitation links, share links, session ids): long, random and
/// URL-safe. Only their hash is stored, so a copy of the database opens nothing.
/// </summary>
public static class SecretToken
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    /// <summary>SHA-256 of the token, as upper-case hex.</summary>
    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim())));
}
