using System.Security.Cryptography;
using System.Text;

namespace Ioc.Aggregation.Access;

/// <summary>Secrets are random, shown once, and kept only as SHA-256 hashes (they are long random strings, so no salt or stretching is needed).</summary>
public static class KeyHashing
{
    public static string NewKey(string prefix) =>
        prefix + "_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>What admins see of a key: enough to tell keys apart, useless to an attacker.</summary>
    public static string Visible(string key) => key[..Math.Min(key.Length, 10)] + "…";
}
