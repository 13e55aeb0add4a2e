using System.Security.Cryptography;
using Ioc.Aggregation.Access;
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

    private readonly HashedSecret _key;

    public KpiServiceCredentials(IOptions<KpiOptions> options)
    {
        Key = string.IsNullOrWhiteSpace(options.Value.ServiceKey)
            ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            : options.Value.ServiceKey;
        _key = new HashedSecret(Key);
    }

    public string Key { get; }

    public bool Matches(string? presented) => _key.Matches(presented);
}
