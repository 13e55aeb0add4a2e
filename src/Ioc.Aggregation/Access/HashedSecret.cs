using System.Security.Cryptography;
using System.Text;

namespace Ioc.Aggregation.Access;

/// <summary>
/// A secret kept as its SHA-256 hash and checked in constant time. Comparing hashes, which are all of one
/// length, tells a caller timing its guesses neither the secret's content nor its length (comparing the raw
/// bytes returns at once on a length mismatch).
/// </summary>
public sealed class HashedSecret(string secret)
{
    private readonly byte[] _hash = HashOf(secret);

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(_hash, HashOf(presented));

    private static byte[] HashOf(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
