using System.Globalization;
using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;

namespace Ioc.Benchmarks.Harness;

/// <summary>
/// Events happening now, for the live scenarios: dossiers received at a commune's desk or online
/// for a commune procedure, and later processed and completed. Codes carry a run prefix, so runs
/// against the same database never collide.
/// </summary>
public sealed class LiveEvents
{
    private readonly string _prefix;
    private readonly IReadOnlyList<string> _communes;
    private readonly IReadOnlyList<(string Code, bool Online)> _procedures;
    private readonly Random _random = new(2026);
    private readonly Queue<string> _received = new();
    private readonly Queue<string> _processing = new();
    private long _next;

    public LiveEvents(ReferenceCatalog catalog, string prefix)
    {
        _prefix = prefix;
        _communes = [.. catalog.Units.All.Where(u => u.IsLocal).Select(u => u.Code).Order(StringComparer.Ordinal)];
        _procedures = [.. catalog.Procedures.Where(p => p.HandledBy == Procedure.HandledByCommune).OrderBy(p => p.Code, StringComparer.Ordinal)
            .Select(p => (p.Code, p.OnlineLevel != OnlineLevel.None))];
    }

    public static string NewPrefix(string scenario) => $"{scenario}{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>A dossier received now: one more for today's "received" figure of the province.</summary>
    public IngestEvent Received()
    {
        var n = (++_next).ToString(CultureInfo.InvariantCulture);
        var code = $"{_prefix}-{n}";
        _received.Enqueue(code);
        var procedure = _procedures[_random.Next(_procedures.Count)];
        return new IngestEvent
        {
            Id = $"{_prefix}-e{n}",
            Type = EventTypes.DossierReceived,
            OccurredAt = At(),
            Dossier = code,
            Unit = _communes[_random.Next(_communes.Count)],
            Procedure = procedure.Code,
            Channel = procedure.Online && _random.Next(3) > 0 ? "online" : "in-person",
            Digitized = _random.Next(2) == 0,
        };
    }

    /// <summary>A realistic mix for a steady feed: half receipts, the rest moves earlier dossiers on (processing, completion).</summary>
    public IngestEvent Next()
    {
        var roll = _random.NextDouble();
        if (roll < 0.25 && _processing.Count > 50)
        {
            return Step(EventTypes.DossierCompleted, _processing.Dequeue(), electronic: true);
        }
        if (roll < 0.5 && _received.Count > 50)
        {
            var code = _received.Dequeue();
            _processing.Enqueue(code);
            return Step(EventTypes.DossierProcessing, code);
        }
        return Received();
    }

    private IngestEvent Step(string type, string code, bool electronic = false) => new()
    {
        Id = $"{_prefix}-e{++_next}",
        Type = type,
        OccurredAt = At(),
        Dossier = code,
        ElectronicResult = electronic ? true : null,
    };

    // A millisecond in the past, in province time: never "in the future", always today.
    private static DateTimeOffset At()
    {
        var now = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        return ProvinceTime.ToLocal(new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero));
    }
}
