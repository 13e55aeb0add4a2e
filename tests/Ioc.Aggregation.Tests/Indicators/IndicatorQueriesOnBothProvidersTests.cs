using Ioc.Aggregation.Alerts;
using Ioc.Aggregation.Indicators;
using Ioc.Aggregation.Storage;
using Ioc.Contracts;
using Ioc.Data;
using Ioc.Data.Entities;
using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Aggregation.Tests.Indicators;

/// <summary>
/// The indicator queries give the same figures on SQLite and on PostgreSQL: flows of the window, states at
/// its end from deltas before it, dossiers due earlier today and tickets past their SLA read from the tables,
/// the answer-time median, a breakdown, a trend, the newest tickets and the alert monitor's daily counts. The rollups are written by each
/// provider's writer; the dossier and ticket rows through EF.
/// </summary>
public sealed class IndicatorQueriesOnBothProvidersTests
{
    private static readonly DateTimeOffset Now = IngestHarness.DefaultNow;

    public static TheoryData<string> Providers => new(ProviderHost.Providers);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Figures_FromRollupsAndTables_AlikeOnBothProviders(string provider)
    {
        await using var host = await ProviderHost.StartAsync(provider, now: Now);
        var catalog = host.Services.GetRequiredService<ReferenceCatalog>();
        var root = catalog.Units.Root.Id;
        var child = catalog.Units.Children(root)[0].Id;
        var category = catalog.Categories[0].Id;
        var today = ProvinceTime.LocalDate(Now);
        var range = new DayRange(today.AddDays(-2), today);
        await SeedAsync(host, root, child, category, catalog.Procedures[0].Id, today);
        var queries = host.Services.GetRequiredService<IndicatorQueries>();

        var unit = await queries.GetAsync(root, range);
        var ranking = await queries.GetManyAsync([root, child], range);
        var byCategory = await queries.HotlineBreakdownAsync(root, range, TicketDimension.Category);
        var trend = await queries.TrendAsync(root, range, RollupGrainKind.Day);
        var newest = await queries.NewestTicketsAsync(5);
        var spikeDays = await new AlertReadings(host.Services.GetRequiredService<IQueryDatabase>())
            .TicketsReceivedAsync(root, TicketDimension.Category, category, [today.AddDays(-2), today.AddDays(-1), today]);

        // Flows inside the window only (the 5 received ten days ago stay out); in progress from every delta up to its end.
        Assert.Equal((4L, 3L, 2L, 3L), (unit.Dossiers.Received, unit.Dossiers.Finished, unit.Dossiers.FinishedOnTime, unit.Dossiers.InProgress));
        // The dossier due an hour ago is overdue now and no longer counted on time: (2 finished + 1 running on time − 1) / (3 + 3).
        Assert.Equal(1L, unit.Dossiers.Overdue);
        Assert.Equal(new Rate(2, 6), unit.Dossiers.OnTimeRate);
        Assert.Equal((2L, 1L, 1L, 1L, 5), (unit.Hotline.Received, unit.Hotline.Answered, unit.Hotline.Open, unit.Hotline.Overdue, unit.Hotline.MedianHoursToAnswer));
        Assert.Equal([(root, 4L, 1L), (child, 0L, 1L)], ranking.Select(k => (k.UnitId, k.Dossiers.Received, k.Dossiers.Overdue)));
        Assert.Equal([(category, 2L, 1L)], byCategory.Select(s => (s.Value, s.Hotline.Received, s.Hotline.Overdue)));
        Assert.Equal([0L, 4L, 0L], trend.Select(p => p.Dossiers.Received));
        Assert.Equal([2L, 2L, 3L], trend.Select(p => p.Dossiers.InProgress));
        Assert.Equal(["PAKN-0001"], newest.Select(t => t.Code));
        Assert.Equal([0L, 2L, 0L], spikeDays);
    }

    private static async Task SeedAsync(ProviderHost host, int root, int child, int category, int procedure, DateOnly today)
    {
        var yesterday = today.AddDays(-1).DayNumber;
        var dossiers = new RollupDeltas(RollupTable.Dossiers);
        dossiers.AddDayAndMonth(root, 0, 0, today.AddDays(-10).DayNumber, (int)DossierMeasure.Received, 5);
        dossiers.AddDayAndMonth(root, 0, 0, today.AddDays(-10).DayNumber, (int)DossierMeasure.ActiveDelta, 2);
        dossiers.AddDayAndMonth(root, 0, 0, yesterday, (int)DossierMeasure.Received, 4);
        dossiers.AddDayAndMonth(root, 0, 0, yesterday, (int)DossierMeasure.Finished, 3);
        dossiers.AddDayAndMonth(root, 0, 0, yesterday, (int)DossierMeasure.FinishedOnTime, 2);
        dossiers.AddDayAndMonth(root, 0, 0, today.DayNumber, (int)DossierMeasure.ActiveDelta, 1);
        dossiers.AddDayAndMonth(root, 0, 0, today.DayNumber, (int)DossierMeasure.OnTimeActiveDelta, 1);
        var tickets = new RollupDeltas(RollupTable.Tickets);
        foreach (var (dimension, value) in new[] { (TicketDimension.All, 0), (TicketDimension.Category, category) })
        {
            tickets.AddDayAndMonth(root, (int)dimension, value, yesterday, (int)TicketMeasure.Received, 2);
            tickets.AddDayAndMonth(root, (int)dimension, value, yesterday, (int)TicketMeasure.Answered, 1);
            tickets.AddDayAndMonth(root, (int)dimension, value, yesterday, (int)TicketMeasure.AnsweredOnTime, 1);
            tickets.AddDayAndMonth(root, (int)dimension, value, yesterday, (int)TicketMeasure.OpenDelta, 1);
        }
        var answers = new AnswerTimeDeltas();
        answers.AddDayAndMonth(root, (int)TicketDimension.All, 0, yesterday, 5, 1);
        host.WriteRollups([dossiers, tickets], answers);

        var hourAgo = Now.AddHours(-1).ToUnixTimeMilliseconds();
        await host.ReadAsync(async db =>
        {
            db.Dossiers.Add(new DossierRow
            {
                Code = "H49.99-260320-0001", UnitId = child, ProcedureId = procedure, ReceivedAt = hourAgo - 3_600_000,
                DueAt = hourAgo, Status = DossierStatus.InProcessing, IsActive = true, Pauses = "", LastEventAt = hourAgo,
            });
            db.Tickets.Add(new TicketRow
            {
                Code = "PAKN-0001", Text = "Đèn đường hỏng", SearchText = "pakn-0001 den duong hong", CategoryId = category, UnitId = child,
                CreatedAt = hourAgo - 86_400_000, DueAt = hourAgo, Status = TicketStatus.InProgress, IsOpen = true, LastEventAt = hourAgo,
            });
            return await db.SaveChangesAsync();
        });
    }
}
