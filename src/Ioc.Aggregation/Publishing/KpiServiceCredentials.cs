using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Publishing;

/// <summary>
/// The key a web process's shared hub connection presents, so that the hub can trust it with
/// every unit (it checks each circuit's scope itself). From <c>Kpi:ServiceKey</c>; in one process,
/// a random key made at start that never leaves memory.
/// </summary>
public sealed class KpiServiceCredentials
{
    public const string Header = "X-Kpi-Key";

    // Hashes of equal length, compared in constant time: comparing the raw bytes returned at once on a
    // length mismatch, which told a caller timing its guesses how long the key is.
    private readonly byte[] _keyHash;

    public KpiServiceCredentials(IOptions<KpiOptions> options)
    {
        Key = string.IsNullOrWhiteSpace(options.Value.ServiceKey)
            ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            : options.Value.ServiceKey;
        _keyHash = Hash(Key);
    }

    public string Key { get; }

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(_keyHash, Hash(presented));

    private static byte[] Hash(string key) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));
}
