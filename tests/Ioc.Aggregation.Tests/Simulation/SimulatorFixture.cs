using Ioc.Aggregation.Ingest;
using Ioc.Aggregation.Simulation;
using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Time;
using Ioc.Testing;

namespace Ioc.Aggregation.Tests.Simulation;

/// <summary>The repository's catalogue (from a real database, for its ids) and demo texts, shared by the simulator tests.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    private IngestHarness? _harness;

    public ReferenceCatalog Catalog => _harness!.Catalog;

    public WorkingCalendar Calendar => _harness!.Calendar;

    public DemoTexts Texts { get; } = DemoTexts.Load(TestPaths.DemoData);

    /// <summary>A simulator whose "today" is <paramref name="now"/>; by default long after the days the tests look at.</summary>
    public ProvinceSimulator Create(int seed = 2026, DateTimeOffset? now = null, Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions { Seed = seed };
        configure?.Invoke(options);
        return new ProvinceSimulator(Catalog, Calendar, Texts, options, new ManualTimeProvider(now ?? new DateTimeOffset(2030, 1, 1, 0, 0, 0, ProvinceTime.Offset)));
    }

    public static IEnumerable<DateOnly> Days(DateOnly first, DateOnly last)
    {
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            yield return d;
        }
    }

    /// <summary>Replays dossier events through the domain's lifecycle, as ingest would, and returns the final states.</summary>
    public Dictionary<string, DossierState> ReplayDossiers(IEnumerable<IngestEvent> events)
    {
        var parser = new EventParser(Catalog, new ProvinceClock(new ManualTimeProvider(DateTimeOffset.MaxValue.AddYears(-1))), new IngestLimits());
        var states = new Dictionary<string, DossierState>(StringComparer.Ordinal);
        var errors = new List<IngestError>();
        foreach (var e in events.Where(e => EventTypes.IsDossier(e.Type)).OrderBy(e => e.OccurredAt))
        {
            var parsed = parser.Parse(0, e, errors) ?? throw new InvalidOperationException($"{e.Id}: {string.Join("; ", errors.Select(x => x.Message))}");
            var t = DossierLifecycle.Apply(states.GetValueOrDefault(parsed.Dossier!.DossierCode), parsed.Dossier, Catalog, Calendar);
            states[parsed.Dossier.DossierCode] = t.State ?? throw new InvalidOperationException($"{e.Id}: {t.Error}");
        }
        return states;
    }

    public async Task InitializeAsync() => _harness = await IngestHarness.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }
}
