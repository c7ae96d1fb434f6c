using System.Security.Cryptography;
using System.Text;

namespace Aftercare.Web.Security;

/// <summary>One-time codes: random, shown once, stored only as a hash.</summary>
public static class InvitationCodes
{
    public static string NewCode() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    public static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim())));
}
