using Ioc.Domain.Alerts;

namespace Ioc.Domain.Tests.Alerts;

public sealed class AlertJudgeTests
{
    private static AlertRule OnTimeBelow90(double margin = 2) => new()
    {
        Kind = AlertRuleKind.Threshold, Indicator = AlertIndicators.OnTimeRate, Direction = AlertDirection.Below, Threshold = 90, ClearMargin = margin,
    };

    /// <summary>Feeds figures one after another, as batches would, and says after each whether the alert fires.</summary>
    private static bool[] Run(AlertRule rule, double line, params double?[] figures)
    {
        var firing = false;
        return [.. figures.Select(f => firing = AlertJudge.IsFiring(rule, new AlertReading(f, line), firing))];
    }

    [Fact]
    public void Threshold_RateFallsBelowLine_Fires()
    {
        Assert.Equal([false, false, true], Run(OnTimeBelow90(), 90, 95, 90, 89.9));
    }

    [Fact]
    public void Threshold_FigureHoversAtTheLine_FiresOnceAndDoesNotFlap()
    {
        // 89,9 → 90,1 → 89,8 → 91,5: inside the 2-point margin the alert stays up; one alert, not four.
        var states = Run(OnTimeBelow90(), 90, 89.9, 90.1, 89.8, 91.5, 90.5);
        Assert.Equal([true, true, true, true, true], states);
    }

    [Fact]
    public void Threshold_FigureBackPastLinePlusMargin_Clears()
    {
        Assert.Equal([true, true, false], Run(OnTimeBelow90(), 90, 85, 91.9, 92));
    }

    [Fact]
    public void Threshold_WithoutMargin_ClearsAtTheLine()
    {
        Assert.Equal([true, false], Run(OnTimeBelow90(margin: 0), 90, 89, 90));
    }

    [Fact]
    public void Threshold_AboveDirection_FiresOverTheLineAndClearsBelowLineMinusMargin()
    {
        var rule = new AlertRule { Kind = AlertRuleKind.Threshold, Indicator = AlertIndicators.Overdue, Direction = AlertDirection.Above, Threshold = 50, ClearMargin = 5 };
        Assert.Equal([false, true, true, true, false], Run(rule, 50, 50, 51, 48, 46, 45));
    }

    [Fact]
    public void Threshold_TooFewDossiersToJudge_NeverFiresAndClearsAFiringAlert()
    {
        var rule = OnTimeBelow90();
        Assert.False(AlertJudge.IsFiring(rule, new AlertReading(null, 90), firingBefore: false));
        Assert.False(AlertJudge.IsFiring(rule, new AlertReading(null, 90), firingBefore: true));
    }

    [Fact]
    public void OverdueRise_RiseOfExactlyN_Fires()
    {
        var rule = new AlertRule { Kind = AlertRuleKind.OverdueRise, Rise = 5, ClearMargin = 2 };
        Assert.False(AlertJudge.IsFiring(rule, AlertJudge.Rise(rule, overdueNow: 104, overdueAtEndOfYesterday: 100), false));
        Assert.True(AlertJudge.IsFiring(rule, AlertJudge.Rise(rule, 105, 100), false));
        Assert.Equal(5, AlertJudge.Rise(rule, 105, 100).Figure);
    }

    [Fact]
    public void OverdueRise_FallsBackWithinMargin_StaysThenClears()
    {
        var rule = new AlertRule { Kind = AlertRuleKind.OverdueRise, Rise = 5, ClearMargin = 2 };
        Assert.Equal([true, true, false], Run(rule, 5, 6, 4, 3));
    }

    [Fact]
    public void Spike_TodayAboveFactorTimesUsualLevel_Fires()
    {
        var rule = new AlertRule { Kind = AlertRuleKind.TicketSpike, Factor = 2, Weeks = 4, MinimumCount = 5, ClearMargin = 0 };
        long[] sameWeekday = [10, 12, 8, 10];
        var reading = AlertJudge.Spike(rule, today: 21, sameWeekday);
        Assert.Equal(20, reading.Line);
        Assert.True(AlertJudge.IsFiring(rule, reading, false));
        Assert.False(AlertJudge.IsFiring(rule, AlertJudge.Spike(rule, 20, sameWeekday), false));
    }

    [Fact]
    public void Spike_QuietCommuneBelowMinimumCount_DoesNotFire()
    {
        // 0 calls on the same weekday for weeks, 4 today: four times "usual", but not a spike anyone should be called for.
        var rule = new AlertRule { Kind = AlertRuleKind.TicketSpike, Factor = 2, Weeks = 4, MinimumCount = 5 };
        Assert.False(AlertJudge.IsFiring(rule, AlertJudge.Spike(rule, 4, [0, 0, 0, 0]), false));
        Assert.True(AlertJudge.IsFiring(rule, AlertJudge.Spike(rule, 5, [0, 0, 0, 0]), false));
    }
}
