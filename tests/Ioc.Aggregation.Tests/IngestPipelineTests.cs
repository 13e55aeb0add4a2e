using Ioc.Contracts;
using Ioc.Testing;

namespace Ioc.Aggregation.Tests;

public sealed class IngestPipelineTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 16, 9, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task IngestAsync_ReceivedDossier_CountsInProvinceAndUnit()
    {
        await using var h = await IngestHarness.CreateAsync();
        var commune = h.Catalog.Units.All.First(u => u.IsLocal);
        var procedure = h.Catalog.Procedures.First(p => p.HandledBy == "commune" && p.OnlineLevel != Domain.Catalog.OnlineLevel.None);

        var outcome = await h.IngestAsync(Events.DossierReceived("D-1", commune.Code, procedure.Code, Monday));

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Select(e => e.Message)));
        var today = h.Queries.Resolve(KpiWindow.Today);
        var week = h.Queries.Resolve(KpiWindow.Week);
        var province = await h.Queries.GetAsync(h.Catalog.Units.Root.Id, week);
        var unit = await h.Queries.GetAsync(commune.Id, week);
        Assert.Equal(1, province.Dossiers.Received);
        Assert.Equal(1, unit.Dossiers.Received);
        Assert.Equal(1, unit.Dossiers.InProgress);
        Assert.Equal(0, (await h.Queries.GetAsync(commune.Id, today)).Dossiers.Received);
    }
}
