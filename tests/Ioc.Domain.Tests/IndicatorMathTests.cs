using Ioc.Contracts;
using Ioc.Domain.Indicators;

namespace Ioc.Domain.Tests;

public sealed class IndicatorMathTests
{
    [Theory]
    [InlineData(0.8, 20)]
    [InlineData(0.9, 20)]
    [InlineData(0.4, 10)]
    [InlineData(0.0, 0)]
    public void Points_RateAgainstEightyPercentCap_ScaleLinearly(double rate, double points)
    {
        Assert.Equal(points, ScoreCardDefinition.Points(20, rate, 0.8));
    }

    [Fact]
    public void Compute_ZeroDenominator_GivesNoPointsRatherThanZero()
    {
        var card = new ScoreCardDefinition([new ScoreLineDefinition("G", "2.1", "Đúng hạn", 20, ScoreSource.OnTimeRate, 0.8)]);
        var empty = KpiCalculator.Dossiers(new long[DossierMeasures.Count], new long[DossierMeasures.Count]);
        var hotline = KpiCalculator.Hotline(new long[TicketMeasures.Count], 0, 0, new Dictionary<int, long>());
        var score = card.Compute(empty, hotline);
        Assert.Null(score.Lines[0].Points);
        Assert.Null(empty.OnTimeRate.Value);
    }

    [Theory]
    [InlineData(new[] { 5 }, 5)]
    [InlineData(new[] { 1, 2 }, 1)]
    [InlineData(new[] { 1, 2, 3 }, 2)]
    [InlineData(new[] { 10, 1, 1, 10 }, 1)]
    public void LowerMedian_OfHistogram_MatchesSortedList(int[] values, int expected)
    {
        var histogram = values.GroupBy(v => v).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(expected, KpiCalculator.LowerMedian(histogram));
    }

    [Fact]
    public void LowerMedian_Empty_IsNull()
    {
        Assert.Null(KpiCalculator.LowerMedian(new Dictionary<int, long>()));
    }

    [Theory]
    [InlineData(KpiWindow.Today, "2026-03-18", "2026-03-18")]
    [InlineData(KpiWindow.Week, "2026-03-16", "2026-03-18")]
    [InlineData(KpiWindow.Month, "2026-03-01", "2026-03-18")]
    [InlineData(KpiWindow.Quarter, "2026-01-01", "2026-03-18")]
    [InlineData(KpiWindow.Year, "2026-01-01", "2026-03-18")]
    [InlineData(KpiWindow.Last12Months, "2025-04-01", "2026-03-18")]
    public void Resolve_Window_EndsToday(KpiWindow window, string from, string to)
    {
        Assert.Equal(new DayRange(DateOnly.Parse(from), DateOnly.Parse(to)), KpiWindows.Resolve(window, new DateOnly(2026, 3, 18)));
    }

    [Fact]
    public void Resolve_WeekOnSunday_StartsPreviousMonday()
    {
        Assert.Equal(new DateOnly(2026, 3, 16), KpiWindows.Resolve(KpiWindow.Week, new DateOnly(2026, 3, 22)).From);
    }

    [Fact]
    public void Custom_EndAfterToday_IsClampedToToday()
    {
        Assert.Equal(new DateOnly(2026, 3, 18), KpiWindows.Custom(new DateOnly(2026, 3, 1), new DateOnly(2026, 12, 31), new DateOnly(2026, 3, 18)).To);
    }
}
