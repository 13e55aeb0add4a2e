using Ioc.Contracts;
using Ioc.Domain.Indicators;
using Ioc.Web.Features.Units;
using Ioc.Web.Live;

namespace Ioc.Web.Tests;

public sealed class WindowSelectionTests
{
    [Theory]
    [InlineData("today", KpiWindow.Today)]
    [InlineData("quarter", KpiWindow.Quarter)]
    [InlineData("12m", KpiWindow.Last12Months)]
    [InlineData(null, KpiWindow.Year)]
    [InlineData("nonsense", KpiWindow.Year)]
    public void Parse_NamedWindow_RoundTripsThroughTheQuery(string? w, KpiWindow expected)
    {
        var s = WindowSelection.Parse(w, null, null);
        Assert.Equal(expected, s.Named);
        Assert.Equal(s, WindowSelection.Parse(s.Key, null, null));
    }

    [Fact]
    public void Parse_CustomRange_ResolvesAndClampsToToday()
    {
        var s = WindowSelection.Parse("custom", "2026-02-01", "2026-12-31");
        Assert.Equal("w=custom&from=2026-02-01&to=2026-12-31", s.Query);
        Assert.Equal(new DayRange(new(2026, 2, 1), new(2026, 3, 18)), s.Resolve(new DateOnly(2026, 3, 18)));
    }

    [Fact]
    public void Parse_CustomRangeBackwards_FallsBackToTheYear()
    {
        Assert.Equal(WindowSelection.Default, WindowSelection.Parse("custom", "2026-03-01", "2026-02-01"));
    }
}

public sealed class ThrottleTests
{
    [Fact]
    public async Task Request_ManyCallsInOneInterval_RunOnceNowAndOnceAfter()
    {
        var runs = 0;
        using var throttle = new Throttle(TimeSpan.FromSeconds(1), () =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        });
        for (var i = 0; i < 50; i++)
        {
            throttle.Request();
        }
        Assert.Equal(1, runs);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (runs < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.Equal(2, runs);
        await Task.Delay(300);
        Assert.Equal(2, runs);
    }
}
