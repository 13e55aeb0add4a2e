using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Testing;
using Ioc.Web.Features.Overview;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Web.Tests.Overview;

/// <summary>The overview's "today" panel: which units a leader is sent to first, from dossiers posted through the API.</summary>
public sealed class AttentionTests
{
    [Fact]
    public async Task Compute_ThreeCommunes_WeakestByOnTimeRateAndTheOneThatMovedToday()
    {
        await using var app = new IocAppFactory();
        var procedure = app.Catalog.Procedures.First(p => p.HandledBy == Procedure.HandledByCommune && p.Limit.Kind == TimeLimitKind.WorkingDays && p.Limit.Amount is >= 1 and <= 10);
        var communes = app.Catalog.Units.All.Where(u => u.IsLocal).OrderBy(u => u.Code, StringComparer.Ordinal).Take(3).ToList();
        var (weak, steady, mover) = (communes[0], communes[1], communes[2]);
        var now = IngestHarness.DefaultNow;
        var events = new List<IngestEvent>();
        // Ten finished 40 days ago: lateOf10 of them completed 20 days later, long past a limit of at most ten working days.
        void Finished(Ioc.Domain.Units.Unit unit, int lateOf10)
        {
            for (var i = 0; i < 10; i++)
            {
                var code = $"{unit.Code}-F{i}";
                events.Add(Events.DossierReceived(code, unit.Code, procedure.Code, now.AddDays(-40)));
                events.Add(Events.Dossier(EventTypes.DossierCompleted, code, now.AddDays(i < lateOf10 ? -20 : -40).AddHours(3)));
            }
        }
        Finished(weak, 5);
        Finished(steady, 0);
        Finished(mover, 5);
        // Ten received this morning, in time: the mover's rate since 1 January rises from 5/10 to 15/20.
        for (var i = 0; i < 10; i++)
        {
            events.Add(Events.DossierReceived($"{mover.Code}-N{i}", mover.Code, procedure.Code, now.AddHours(-1)));
        }
        (await app.PostEventsAsync([.. events])).EnsureSuccessStatusCode();

        var attention = await app.Services.GetRequiredService<AttentionQuery>().ComputeAsync(new AttentionOptions { Count = 5, MinimumFinished = 10 });

        Assert.Equal(3, attention.Ranked);
        Assert.Equal([(weak.Code, 0.5), (mover.Code, 0.75), (steady.Code, 1.0)], attention.Weakest.Select(w => (w.Unit.Code, w.Now.Value!.Value)));
        var moved = Assert.Single(attention.Movers);
        Assert.Equal(mover.Code, moved.Unit.Code);
        Assert.Equal(0.25, moved.Change!.Value, 6);
    }

    [Fact]
    public async Task Compute_FewerFinishedThanTheMinimum_UnitNotRanked()
    {
        await using var app = new IocAppFactory();
        var procedure = app.Catalog.Procedures.First(p => p.HandledBy == Procedure.HandledByCommune && p.Limit.HasDue);
        var commune = app.Catalog.Units.All.First(u => u.IsLocal);
        var at = IngestHarness.DefaultNow.AddDays(-3);
        (await app.PostEventsAsync(
            Events.DossierReceived("FEW-1", commune.Code, procedure.Code, at),
            Events.Dossier(EventTypes.DossierCompleted, "FEW-1", at.AddHours(2)))).EnsureSuccessStatusCode();

        var attention = await app.Services.GetRequiredService<AttentionQuery>().ComputeAsync(new AttentionOptions { Count = 5, MinimumFinished = 2 });

        Assert.Equal(0, attention.Ranked);
        Assert.Empty(attention.Weakest);
        Assert.Empty(attention.Movers);
    }
}
