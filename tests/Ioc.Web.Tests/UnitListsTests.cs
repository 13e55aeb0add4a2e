using Bunit;
using Ioc.Aggregation.Dossiers;
using Ioc.Aggregation.Indicators;
using Ioc.Contracts;
using Ioc.Data.Reference;
using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Ioc.Domain.Units;
using Ioc.Testing;
using Ioc.Web.Features.Units;

namespace Ioc.Web.Tests;

/// <summary>The unit page's URL state: one record, read alike by the page (leniently) and by the export (strictly).</summary>
public sealed class UnitPageUrlTests
{
    private static UnitPageUrl Parse(string query) => UnitPageUrl.Parse(Lookup(query));

    private static Func<string, string?> Lookup(string query)
    {
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        return name => values.TryGetValue(name, out var v) ? v.ToString() : null;
    }

    [Theory]
    [InlineData("w=year")]
    [InlineData("w=month&tab=dossiers&proc=12")]
    [InlineData("w=custom&from=2026-02-01&to=2026-02-28&tab=dossiers&status=Overdue&channel=Online&proc=3&all=1&basis=finished&q=H49&sort=Code&page=3")]
    [InlineData("w=quarter&tab=dossiers&basis=finished&lost=late")]
    [InlineData("w=year&tab=dossiers&lost=fullserviceoffline")]
    public void Query_ReadBack_GivesTheSameState(string query)
    {
        var url = Parse(query);
        Assert.Equal(query, url.Query);
        Assert.Equal(url, Parse(url.Query));
    }

    [Fact]
    public void Filter_BoundToTheWindowUnlessAllTimeIsChosen()
    {
        var range = new DayRange(new(2026, 12, 1), new(2026, 12, 6));
        var bound = Parse("w=month&proc=7").Filter(5, range);
        Assert.Equal((5, 7, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 6)), (bound.UnitId, bound.ProcedureId!.Value, bound.From!.Value, bound.To!.Value));
        var all = Parse("w=month&proc=7&all=1").Filter(5, range);
        Assert.Null(all.From);
        Assert.Null(all.To);
    }

    [Fact]
    public void Filter_ScoreCardLink_ListsTheShortfallOverTheWindowCountedExactly()
    {
        var range = new DayRange(new(2026, 1, 1), new(2026, 3, 20));
        var late = Parse("w=year&tab=dossiers&lost=late").Filter(5, range);
        Assert.Equal((ScoreShortfall.Late, DossierListBasis.Finished, true), (late.Shortfall!.Value, late.EffectiveBasis, late.IsBounded));
        var offline = Parse("w=year&tab=dossiers&lost=Offline").Filter(5, range);
        Assert.Equal((ScoreShortfall.Offline, DossierListBasis.Received), (offline.Shortfall!.Value, offline.EffectiveBasis));
    }

    [Theory]
    [InlineData("w=today&tab=dossiers&status=Overdue", DossierListBasis.Current)]
    [InlineData("w=today&tab=dossiers&status=Open", DossierListBasis.Current)]
    [InlineData("w=today&tab=dossiers&status=Completed", DossierListBasis.Finished)]
    [InlineData("w=today&tab=dossiers", DossierListBasis.Received)]
    public void Parse_StatusLinkWithoutBasis_MeansTheBasisOfItsFigure(string query, DossierListBasis expected)
    {
        // "Quá hạn" on the overview is the state now: its list is every overdue dossier, not those received today.
        var url = Parse(query);
        Assert.Equal(expected, url.Basis);
        Assert.Equal(query, url.Query);
        Assert.Equal(expected != DossierListBasis.Current, url.Filter(1, new DayRange(new(2026, 3, 20), new(2026, 3, 20))).IsBounded);
    }

    [Theory]
    [InlineData("w=decade", "'w=decade'")]
    [InlineData("w=custom&from=2026-03-01&to=2026-02-01", "'w=custom")]
    [InlineData("w=year&status=3", "'status=3'")]
    [InlineData("w=year&proc=abc", "'proc=abc'")]
    [InlineData("w=year&all=yes", "'all=yes'")]
    [InlineData("w=year&basis=closed", "'basis=closed'")]
    [InlineData("w=year&lost=everything", "'lost=everything'")]
    public void TryParse_UnreadableParameter_IsAnErrorNamingIt(string query, string named)
    {
        Assert.False(UnitPageUrl.TryParse(Lookup(query), out _, out var error));
        Assert.Contains(named, error);
        // The page itself stays usable on a typed-in link: it falls back to defaults.
        Assert.NotNull(Parse(query));
    }
}

/// <summary>One ranking for pages, exports and the wall: siblings of the same kind, no data never ranked.</summary>
public sealed class UnitRankingTests
{
    private sealed record U(string Name, UnitKind Kind, double? Value);

    [Fact]
    public void RankByGroup_DepartmentsAndCommunes_AreRankedSeparately()
    {
        U[] units =
        [
            new("Sở A", UnitKind.Department, 0.9), new("Sở B", UnitKind.Department, 0.5), new("Công an tỉnh", UnitKind.Agency, 0.7),
            new("Xã C", UnitKind.Commune, 0.95), new("Phường D", UnitKind.Ward, 0.6), new("Xã E", UnitKind.Commune, null),
        ];
        var ranked = UnitRanking.RankByGroup(units, u => u.Kind, u => u.Value, u => u.Name).ToDictionary(r => r.Item.Name);
        Assert.Equal((1, 3), (ranked["Sở A"].Rank!.Value, ranked["Sở A"].Of));
        Assert.Equal((3, 3), (ranked["Sở B"].Rank!.Value, ranked["Sở B"].Of));
        Assert.Equal((1, 2), (ranked["Xã C"].Rank!.Value, ranked["Xã C"].Of));
        Assert.Equal((2, 2), (ranked["Phường D"].Rank!.Value, ranked["Phường D"].Of));
        Assert.Null(ranked["Xã E"].Rank);
    }

    [Fact]
    public void Rank_EqualValues_ShareARankAndNoDataComesLast()
    {
        var ranked = UnitRanking.Rank([("B", (double?)0.8), ("A", 0.8), ("C", 0.5), ("D", null)], x => x.Item2, x => x.Item1);
        Assert.Equal(["A", "B", "C", "D"], ranked.Select(r => r.Item.Item1));
        Assert.Equal([1, 1, 3, (int?)null], ranked.Select(r => r.Rank));
    }
}

/// <summary>The 766 card and the children table for a unit without data or without tickets.</summary>
public sealed class ScoreAndPagerTests : IocTestContext
{
    private static readonly ScoreCardDefinition Card = ReferenceFiles.ReadScoreCard(TestPaths.ReferenceData);

    private static DossierKpis Dossiers(long received, long onTime, long finished)
    {
        var f = new long[DossierMeasures.Count];
        f[(int)DossierMeasure.Received] = received;
        f[(int)DossierMeasure.EligibleReceived] = received;
        f[(int)DossierMeasure.EligibleOnline] = received;
        f[(int)DossierMeasure.Finished] = finished;
        f[(int)DossierMeasure.FinishedOnTime] = onTime;
        return KpiCalculator.Dossiers(f, new long[DossierMeasures.Count]);
    }

    private static HotlineKpis NoTickets => KpiCalculator.Hotline(new long[TicketMeasures.Count], 0, 0, new Dictionary<int, long>());

    [Fact]
    public void Compute_NoTickets_ScoresOutOfTheLinesTheUnitCanEarn()
    {
        var card = Card.Compute(Dossiers(100, 40, 50), NoTickets);
        var full = Card.Lines.Sum(l => l.MaxPoints);
        var earnable = card.Lines.Where(l => l.Rate.Value is not null).Sum(l => l.MaxPoints);
        Assert.True(card.HasData);
        Assert.Equal(earnable, card.MaxPoints);
        Assert.True(card.MaxPoints < full, "the hotline lines are not in the maximum of a unit without tickets");
        Assert.Equal(card.Lines.Sum(l => l.Points ?? 0), card.Points, 2);
    }

    [Fact]
    public void Compute_NoData_HasNoScore()
    {
        var card = Card.Compute(Dossiers(0, 0, 0), NoTickets);
        Assert.False(card.HasData);
        Assert.Null(card.Score);
    }

    private static ChildRow Child(int id, string name, double? points, int? rank) =>
        new(id, name, UnitKind.Commune, Dossiers(10, 5, 5), NoTickets, points, 64, rank, 2);

    private IRenderedComponent<ChildrenTable> RenderChildren() => Render<ChildrenTable>(p => p
        .Add(x => x.Rows, [Child(1, "Xã A", 61.5, 1), Child(2, "Xã B", 40, 2), Child(3, "Xã C", null, null), Child(4, "Xã D", null, null)])
        .Add(x => x.ExportHref, "/export")
        .Add(x => x.UnitHref, id => $"/units/{id}"));

    [Fact]
    public void ChildrenTable_UnitWithoutData_ShowsNoDataInsteadOfPointsOrRank()
    {
        var table = RenderChildren();
        var rows = table.FindAll("tbody tr");
        Assert.Contains("1/2", rows[0].QuerySelector("[data-rank]")!.TextContent);
        Assert.Equal("61,5 / 64", rows[0].QuerySelector("[data-points]")!.TextContent.Trim());
        Assert.Equal("không có dữ liệu", rows[2].QuerySelector("[data-rank]")!.TextContent.Trim());
        Assert.Equal("không có dữ liệu", rows[2].QuerySelector("[data-points]")!.TextContent.Trim());
    }

    [Fact]
    public void ChildrenTable_Pager_SpeaksVietnamese()
    {
        var table = RenderChildren();
        Assert.Contains("1–4 trên 4", table.Markup);
    }

    public sealed class English : IocTestContext
    {
        public English() : base("en-US")
        {
        }

        [Fact]
        public void ChildrenTable_Pager_SpeaksEnglishWhenSwitched()
        {
            var table = Render<ChildrenTable>(p => p
                .Add(x => x.Rows, [Child(1, "Xã A", 61.5, 1), Child(2, "Xã B", 40, 2)])
                .Add(x => x.ExportHref, "/export")
                .Add(x => x.UnitHref, id => $"/units/{id}"));
            Assert.Contains("1–2 of 2", table.Markup);
        }
    }
}

/// <summary>A dossier returned while waiting for the citizen: the current due date moves by the wait, as the verdict reads.</summary>
public sealed class CurrentDueTests
{
    private static readonly WorkingCalendar Calendar = ReferenceFiles.ReadCalendar(TestPaths.ReferenceData);

    [Fact]
    public void CurrentDue_ReturnedWhilePaused_IsShiftedByTheWaitUpToTheReturn()
    {
        var received = new DateTimeOffset(2026, 3, 2, 9, 0, 0, ProvinceTime.Offset);   // Mon; 5 working days: due Mon 09/03
        var paused = new DateTimeOffset(2026, 3, 4, 9, 0, 0, ProvinceTime.Offset);     // Wed, before the due date
        var returned = new DateTimeOffset(2026, 3, 16, 9, 0, 0, ProvinceTime.Offset);  // Mon two weeks later, still paused
        var limit = TimeLimit.WorkingDays(5);
        var due = new DueDateRule(Calendar).Due(limit, received, [])!.Value;
        var state = new DossierState("HS-1", 1, 1, DossierChannel.InPerson, OnlineLevel.None, false, limit, received, due, due,
            DossierStatus.Returned, [new DossierPause(paused, null, null)], returned, DossierFlags.None, returned);

        Assert.True(state.FinishedOnTime);
        var current = state.CurrentDue(Calendar)!.Value;
        Assert.Equal(new DateOnly(2026, 3, 9), due.Day);
        Assert.True(current.Day > due.Day);
        Assert.True(current.IsMetBy(returned), "the shifted due date agrees with the on-time verdict");
        Assert.Equal(new DueDateRule(Calendar).Due(limit, received, [(paused, returned)]), current);
    }
}
