using Ioc.Aggregation.Hotline;
using Ioc.Aggregation.Tests.Simulation;
using Ioc.Contracts;
using Ioc.Testing;
using static Ioc.Aggregation.Tests.Hotline.HotlineTestData;

namespace Ioc.Aggregation.Tests.Hotline;

/// <summary>The suggestion service on a real database: trained from triaged tickets, learning new triage as it happens.</summary>
public sealed class TicketSuggesterTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static async Task IngestAsync(IngestHarness h, IReadOnlyList<IngestEvent> events)
    {
        foreach (var chunk in events.Chunk(2_000))
        {
            var outcome = await h.IngestAsync(chunk);
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Take(3).Select(e => $"{e.Code}: {e.Message}")));
        }
    }

    [Fact]
    public async Task Suggest_AfterTrainingOnSimulatedWeeks_CategoryUnitAndTheWordsThatDecided()
    {
        await using var h = await IngestHarness.CreateAsync();
        var d = new HotlineTestData(h);
        await IngestAsync(h, SimulatedTickets.Events(fixture, new DateOnly(2026, 2, 16), new DateOnly(2026, 3, 13), h.Time.GetUtcNow()));
        await d.Suggester.RetrainAsync();
        await d.CreateAsync("1022-X", "Cống thoát nước trước chợ bị tắc, mưa xuống là ngập sâu, nước tràn vào nhà dân.", at: Monday.AddDays(4), commune: d.Commune(3));

        var suggestion = d.Suggester.Suggest((await d.Queries.LoadAsync("1022-X"))!);

        Assert.NotNull(suggestion);
        Assert.True(suggestion.TrainedOn > 500, $"trained on {suggestion.TrainedOn}");
        Assert.Equal(d.Category("thoat-nuoc").Id, suggestion.CategoryId);
        Assert.False(suggestion.LooksRejected);
        Assert.NotEmpty(suggestion.Evidence);
        Assert.Contains(suggestion.Evidence, e => e.Words.Contains("ngập", StringComparison.Ordinal) || e.Words.Contains("thoát nước", StringComparison.Ordinal) || e.Words.Contains("Cống", StringComparison.Ordinal));
        // Drainage is the commune's business in this province, and the simulated history says so.
        Assert.Equal(d.Commune(3).Id, suggestion.UnitId);
        Assert.Equal(UnitBasis.LearnedCommune, suggestion.UnitBasis);
    }

    [Fact]
    public async Task Suggest_SpamLikeText_SaysOperatorsRejectSuchTickets()
    {
        await using var h = await IngestHarness.CreateAsync();
        var d = new HotlineTestData(h);
        await IngestAsync(h, SimulatedTickets.Events(fixture, new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 13), h.Time.GetUtcNow()));
        await d.Suggester.RetrainAsync();
        await d.CreateAsync("1022-S", "Vay tiền nhanh lãi suất thấp, giải ngân trong ngày", at: Monday.AddDays(4));

        Assert.True(d.Suggester.Suggest((await d.Queries.LoadAsync("1022-S"))!)!.LooksRejected);
    }

    [Fact]
    public async Task LearnNewAsync_TicketRoutedAfterTraining_IsLearnedOnce()
    {
        await using var h = await IngestHarness.CreateAsync();
        var d = new HotlineTestData(h);
        for (var i = 0; i < 25; i++)
        {
            await d.CreateAsync($"1022-{i}", i % 2 == 0 ? "Cống thoát nước bị tắc gây ngập" : "Tranh chấp ranh giới đất với hàng xóm", at: Monday.AddMinutes(i));
            await d.RouteAsync($"1022-{i}", d.Commune(), Monday.AddHours(1), i % 2 == 0 ? "thoat-nuoc" : "dat-dai");
        }
        await d.Suggester.RetrainAsync();
        Assert.Equal(25, d.Suggester.TrainedOn);

        await d.CreateAsync("1022-NEW", "Đèn chiếu sáng công cộng hỏng", at: Monday.AddHours(2));
        await d.RouteAsync("1022-NEW", d.Commune(), Monday.AddHours(3), "chieu-sang");
        await d.IngestOkAsync(Events.Ticket(EventTypes.TicketAccepted, "1022-NEW", Monday.AddHours(4)));

        Assert.Equal(1, await d.Suggester.LearnNewAsync());
        Assert.Equal(0, await d.Suggester.LearnNewAsync());
        Assert.Equal(26, d.Suggester.TrainedOn);
        Assert.Equal(d.Category("chieu-sang").Id, d.Suggester.CategoryOf("đèn chiếu sáng công cộng bị hỏng"));
    }

    [Fact]
    public async Task RetrainAsync_TicketsOlderThanTheTrainingWindow_AreLeftOut()
    {
        await using var h = await IngestHarness.CreateAsync();
        var d = new HotlineTestData(h);
        // A year and a month before the harness's now, outside the default 365-day window; then this week.
        var longAgo = Monday.AddDays(-400);
        for (var i = 0; i < 10; i++)
        {
            await d.CreateAsync($"1022-OLD-{i}", "Tranh chấp ranh giới đất với hàng xóm", at: longAgo.AddMinutes(i));
            await d.RouteAsync($"1022-OLD-{i}", d.Commune(), longAgo.AddHours(1), "dat-dai");
        }
        for (var i = 0; i < 25; i++)
        {
            await d.CreateAsync($"1022-NEW-{i}", "Cống thoát nước bị tắc gây ngập", at: Monday.AddMinutes(i));
            await d.RouteAsync($"1022-NEW-{i}", d.Commune(), Monday.AddHours(1), "thoat-nuoc");
        }

        await d.Suggester.RetrainAsync();

        Assert.Equal(25, d.Suggester.TrainedOn);
    }

    [Fact]
    public async Task Suggest_TooFewTriagedTickets_NoSuggestion()
    {
        await using var h = await IngestHarness.CreateAsync();
        var d = new HotlineTestData(h);
        await d.CreateAsync("1022-A");
        await d.RouteAsync("1022-A", d.Commune(), Monday.AddHours(1));
        await d.Suggester.RetrainAsync();

        Assert.Null(d.Suggester.Suggest((await d.Queries.LoadAsync("1022-A"))!));
    }
}
