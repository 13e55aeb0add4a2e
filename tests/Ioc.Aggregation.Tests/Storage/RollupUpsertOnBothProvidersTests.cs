using Ioc.Aggregation.Storage;
using Ioc.Data.Entities;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Ioc.Aggregation.Tests.Storage;

/// <summary>
/// A batch's rollup deltas land alike on SQLite (a prepared upsert per row) and on PostgreSQL (one upsert
/// from arrays): rows add up across batches, rows whose deltas cancelled out are not written.
/// </summary>
public sealed class RollupUpsertOnBothProvidersTests
{
    public static TheoryData<string> Providers => new(ProviderHost.Providers);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SameDeltasInTwoBatches_RowsHoldTheirSum_CancelledRowsAreNotWritten(string provider)
    {
        await using var host = await ProviderHost.StartAsync(provider);
        var day = new DateOnly(2026, 3, 5).DayNumber;
        var month = ProvinceTime.MonthNumber(new DateOnly(2026, 3, 5));
        var dossiers = new RollupDeltas(RollupTable.Dossiers);
        dossiers.AddDayAndMonth(1, 0, 0, day, (int)DossierMeasure.Received, 3);
        dossiers.AddDayAndMonth(1, 7, 0, day, (int)DossierMeasure.Finished, 1);
        dossiers.AddDayAndMonth(1, 7, 0, day, (int)DossierMeasure.FinishedOnTime, 1);
        dossiers.AddDayAndMonth(2, 0, 0, day, (int)DossierMeasure.Received, 2);
        dossiers.AddDayAndMonth(2, 0, 0, day, (int)DossierMeasure.Received, -2);
        var answers = new AnswerTimeDeltas();
        answers.AddDayAndMonth(1, (int)TicketDimension.Category, 4, day, 5, 1);

        var written = (host.WriteRollups([dossiers], answers), host.WriteRollups([dossiers], answers));

        // Per batch: two dossier rows (unit 1 all procedures, unit 1 procedure 7) and one answer-time row, each for the day and the month.
        Assert.Equal((6, 6), written);
        var rows = (await host.ReadAsync(db => db.DossierRollups.ToListAsync()))
            .Select(r => (r.UnitId, r.ProcedureId, r.Grain, r.Period, r.Received, r.Finished, r.FinishedOnTime))
            .Order();
        Assert.Equal(
        [
            (1, 0, RollupGrain.Day, day, 6L, 0L, 0L),
            (1, 0, RollupGrain.Month, month, 6L, 0L, 0L),
            (1, 7, RollupGrain.Day, day, 0L, 2L, 2L),
            (1, 7, RollupGrain.Month, month, 0L, 2L, 2L),
        ], rows);
        var histogram = (await host.ReadAsync(db => db.TicketAnswerTimes.ToListAsync()))
            .Select(r => (r.UnitId, r.Dimension, r.DimensionValue, r.Grain, r.Hours, r.Count))
            .Order();
        Assert.Equal(
        [
            (1, TicketDimension.Category, 4, RollupGrain.Day, 5, 2L),
            (1, TicketDimension.Category, 4, RollupGrain.Month, 5, 2L),
        ], histogram);
    }
}
