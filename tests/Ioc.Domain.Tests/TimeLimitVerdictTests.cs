using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Indicators;
using Ioc.Domain.Units;
using static Ioc.Domain.Tests.DomainFixture;

namespace Ioc.Domain.Tests;

/// <summary>The on-time verdict, "overdue" and the on-time rate for limits in hours, "within the day" and none.</summary>
public sealed class TimeLimitVerdictTests
{
    private static readonly ReferenceCatalog Catalog = new(
        new UnitTree([new Unit(1, "P", "Tỉnh", "Tỉnh", UnitKind.Province, null), new Unit(3, "X", "Xã Một", "Xã Một", UnitKind.Commune, 1)]),
        [
            new Procedure(1, "2.001159", "Thông báo lưu trú", "Cư trú", "commune", TimeLimit.Hours(8), OnlineLevel.Partial, false),
            new Procedure(2, "2.000884", "Chứng thực chữ ký", "Chứng thực", "commune", TimeLimit.None, OnlineLevel.None, false),
            new Procedure(3, "9.000001", "Thủ tục trong ngày", "Chứng thực", "commune", TimeLimit.WithinDay, OnlineLevel.None, false),
        ],
        []);

    private static DossierState Run(int procedure, params (DossierEventKind Kind, DateTimeOffset At)[] events)
    {
        var s = DossierLifecycle.Apply(null, new DossierEvent(DossierEventKind.Received, "D1", At(2026, 3, 9, 7, 30), 3, procedure, DossierChannel.InPerson), Catalog, Calendar).State!;
        foreach (var (kind, at) in events)
        {
            s = DossierLifecycle.Apply(s, new DossierEvent(kind, "D1", at), Catalog, Calendar).State!;
        }
        return s;
    }

    [Fact]
    public void Complete_HoursLimitAtTheDueInstant_IsOnTime()
    {
        // 8 working hours from Mon 09/03 7:30 end Tue 10/03 8:00.
        Assert.True(Run(1, (DossierEventKind.Completed, At(2026, 3, 10, 8))).FinishedOnTime);
    }

    [Fact]
    public void Complete_HoursLimitAMinuteLate_IsLateThoughOnTheDueDay()
    {
        Assert.False(Run(1, (DossierEventKind.Completed, At(2026, 3, 10, 8, 1))).FinishedOnTime);
    }

    [Fact]
    public void IsOverdueAt_HoursLimitPastTheInstant_IsTrueTheSameDay()
    {
        var s = Run(1);
        Assert.False(s.IsOverdueAt(At(2026, 3, 10, 8)));
        Assert.True(s.IsOverdueAt(At(2026, 3, 10, 8, 1)));
    }

    [Fact]
    public void IsOverdueAt_WithinDayAfterClose_IsTrue()
    {
        var s = Run(3);
        Assert.False(s.IsOverdueAt(At(2026, 3, 9, 16, 59)));
        Assert.True(s.IsOverdueAt(At(2026, 3, 9, 17, 1)));
    }

    [Fact]
    public void Complete_NoLimitYearsLater_HasNoVerdictAndWasNeverOverdue()
    {
        var open = Run(2);
        Assert.Null(open.Due);
        Assert.False(open.IsOverdueAt(At(2030, 1, 1)));
        var done = Run(2, (DossierEventKind.Completed, At(2029, 12, 31)));
        Assert.Null(done.FinishedOnTime);
    }

    [Fact]
    public void OnTimeRate_NoLimitDossiers_AreLeftOutOfBothSides()
    {
        var flows = new long[DossierMeasures.Count];
        var deltas = new long[DossierMeasures.Count];
        var day = new DateOnly(2026, 3, 9).DayNumber;
        void Add(DossierState s)
        {
            var sink = new SumSink(day, flows, deltas);
            DossierContribution.Emit(s, +1, sink);
        }
        Add(Run(1, (DossierEventKind.Completed, At(2026, 3, 9, 9))));   // on time
        Add(Run(2, (DossierEventKind.Completed, At(2026, 3, 9, 10))));  // no limit, finished
        Add(Run(2));                                                      // no limit, in progress
        var kpis = KpiCalculator.Dossiers(flows, deltas);
        Assert.Equal(2, kpis.Finished);
        Assert.Equal(1, kpis.InProgress);
        Assert.Equal(0, kpis.Overdue);
        Assert.Equal(1.0, kpis.OnTimeRate.Value);
    }

    [Fact]
    public void Contribution_HoursLimitOpenOnItsDueDay_NotOverdueUntilTheNextDay()
    {
        // Today's figures must not call a dossier overdue before its instant has come.
        var flows = new long[DossierMeasures.Count];
        var deltas = new long[DossierMeasures.Count];
        DossierContribution.Emit(Run(1), +1, new SumSink(new DateOnly(2026, 3, 10).DayNumber, flows, deltas));
        Assert.Equal(0, deltas[(int)DossierMeasure.PastDueDelta]);
        Assert.Equal(1, deltas[(int)DossierMeasure.OnTimeActiveDelta]);
        var nextDay = new long[DossierMeasures.Count];
        DossierContribution.Emit(Run(1), +1, new SumSink(new DateOnly(2026, 3, 11).DayNumber, new long[DossierMeasures.Count], nextDay));
        Assert.Equal(1, nextDay[(int)DossierMeasure.PastDueDelta]);
    }

    /// <summary>Flows on one day, and deltas summed up to that day: the state at the end of it.</summary>
    private sealed class SumSink(int day, long[] flows, long[] deltas) : IDayDeltaSink
    {
        public void Add(int dayNumber, int measure, int delta)
        {
            if (DossierMeasures.IsDelta((DossierMeasure)measure))
            {
                if (dayNumber <= day)
                {
                    deltas[measure] += delta;
                }
            }
            else if (dayNumber == day)
            {
                flows[measure] += delta;
            }
        }
    }
}
