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
    [InlineData(7, 10, 0.8, 1L)] // 0,8 × 10 is 8 exactly, not 8,000000000000002: one more, not two
    [InlineData(8, 10, 0.8, 0L)]
    [InlineData(10, 10, 0.8, 0L)]
    [InlineData(0, 3, 0.8, 3L)] // 2,4 → 3
    [InlineData(90, 100, 1.0, 10L)]
    public void ShortOfTarget_CountsTheDossiersMissingToReachTheTarget(long numerator, long denominator, double target, long expected)
    {
        var line = new ScoreLine("G", "2.1", "Đúng hạn", 20, new Rate(numerator, denominator), null, target);
        Assert.Equal(expected, line.ShortOfTarget);
    }

    [Fact]
    public void Compute_LineIocDoesNotReceive_NoPointsNoShortfallAndOutsideTheCoverage()
    {
        var card = new ScoreCardDefinition(
        [
            new ScoreLineDefinition("Công khai, minh bạch", "1.1", "Công bố đúng hạn", 6, ScoreSource.NotReceived, 1),
            new ScoreLineDefinition("Tiến độ giải quyết", "2.1", "Đúng hạn", 20, ScoreSource.OnTimeRate, 0.8),
            new ScoreLineDefinition("Tiến độ giải quyết", "2.2", "Thời gian trung bình", 0, ScoreSource.NotReceived, 1),
        ]);
        var flows = new long[DossierMeasures.Count];
        flows[(int)DossierMeasure.Finished] = 10;
        flows[(int)DossierMeasure.FinishedOnTime] = 6;
        var score = card.Compute(KpiCalculator.Dossiers(flows, new long[DossierMeasures.Count]), KpiCalculator.Hotline(new long[TicketMeasures.Count], 0, 0, new Dictionary<int, long>()));

        Assert.Equal([false, true, false], score.Lines.Select(l => l.Computable));
        Assert.Null(score.Lines[0].Points);
        Assert.Null(score.Lines[0].ShortOfTarget);
        Assert.Equal((15.0, 20.0), (score.Points, score.MaxPoints)); // 20 × 60 % ÷ 80 %
        Assert.Equal(2, score.Lines[1].ShortOfTarget);
        Assert.Equal((26.0, 20.0), (score.TotalPoints, score.CoveredPoints));
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
