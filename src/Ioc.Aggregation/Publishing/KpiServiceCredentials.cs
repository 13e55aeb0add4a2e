using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Publishing;

/// <summary>
/// The key a web process's shared hub connection presents, so that the hub can trust it with
/// every unit (it checks each circuit's scope itself). From <c>Kpi:ServiceKey</c>; in one process,
/// a random key made at start that never leaves memory.
/// </summary>
public sealed class KpiServiceCredentials(IOptions<KpiOptions> options)
{
    public const string Header = "X-Kpi-Key";

    public string Key { get; } = string.IsNullOrWhiteSpace(options.Value.ServiceKey)
        ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        : options.Value.ServiceKey;

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(Key));
}
