namespace Ioc.Aggregation.Simulation;

/// <summary>
/// Seeded randomness for the simulator. Every stream is a fresh <see cref="Random"/> seeded from
/// the simulator's seed and a key (a day, a minute, an entity), so that any piece of the province
/// can be regenerated alone; <see cref="HashCode"/> is not used because it differs per process.
/// </summary>
internal static class SimRandom
{
    // Stream names, so that two purposes never share a sequence.
    public const int DossierStream = 1;
    public const int TicketHeaderStream = 2;
    public const int TicketStream = 3;
    public const int ExtraDossierStream = 4;
    public const int ExtraTicketStream = 5;
    public const int TopUpStream = 6;
    public const int ProfileStream = 7;
    public const int DigitalServiceStream = 8;
    public const int DocumentStream = 9;

    public static Random Create(int seed, long key, int stream, long sub = 0) => new(Mix(seed, key, stream, sub));

    public static int Mix(int seed, long key, int stream, long sub = 0)
    {
        var x = SplitMix((ulong)(uint)seed ^ 0x243F6A8885A308D3UL);
        x = SplitMix(x ^ (ulong)key);
        x = SplitMix(x ^ (ulong)stream * 0x9E3779B97F4A7C15UL);
        x = SplitMix(x ^ (ulong)sub);
        return (int)(x >> 33);
    }

    /// <summary>FNV-1a: a stable hash of a code, for keys that are strings.</summary>
    public static long StableHash(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var c in text)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        return (long)(h >> 1);
    }

    public static bool Chance(this Random rng, double p) => rng.NextDouble() < p;

    public static double Between(this Random rng, double min, double max) => min + (max - min) * rng.NextDouble();

    public static T Pick<T>(this Random rng, IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    public static int Poisson(this Random rng, double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }
        if (lambda < 30)
        {
            // Knuth: exact and cheap for the small rates of one unit or one minute.
            var limit = Math.Exp(-lambda);
            var k = 0;
            var p = rng.NextDouble();
            while (p > limit)
            {
                k++;
                p *= rng.NextDouble();
            }
            return k;
        }
        return Math.Max(0, (int)Math.Round(lambda + Math.Sqrt(lambda) * rng.Gaussian()));
    }

    public static double Gaussian(this Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}

/// <summary>A weighted choice among fixed items, by binary search over cumulative weights.</summary>
internal sealed class WeightedTable<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public WeightedTable(IEnumerable<(T Item, double Weight)> entries)
    {
        var list = entries.Where(e => e.Weight > 0).ToList();
        _items = [.. list.Select(e => e.Item)];
        _cumulative = new double[list.Count];
        var sum = 0.0;
        for (var i = 0; i < list.Count; i++)
        {
            sum += list[i].Weight;
            _cumulative[i] = sum;
        }
        Total = sum;
    }

    public double Total { get; }

    public bool IsEmpty => _items.Length == 0;

    public IReadOnlyList<T> Items => _items;

    public T Pick(Random rng)
    {
        var x = rng.NextDouble() * Total;
        var i = Array.BinarySearch(_cumulative, x);
        i = i < 0 ? ~i : i + 1;
        return _items[Math.Min(i, _items.Length - 1)];
    }
}
