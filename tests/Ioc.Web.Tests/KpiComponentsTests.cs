using Bunit;
using Ioc.Aggregation.Indicators;
using Ioc.Contracts;
using Ioc.Domain.Indicators;
using Ioc.Domain.Units;
using Ioc.Web.Components.Shared;
using Ioc.Web.Features.Units;

namespace Ioc.Web.Tests;

public sealed class KpiComponentsTests : IocTestContext
{
    private static DossierKpis Dossiers(long eligible = 0, long online = 0, long finished = 0, long onTime = 0) =>
        KpiCalculator.Dossiers(Flows(eligible, online, finished, onTime), new long[DossierMeasures.Count]);

    private static long[] Flows(long eligible, long online, long finished, long onTime)
    {
        var f = new long[DossierMeasures.Count];
        f[(int)DossierMeasure.Received] = eligible;
        f[(int)DossierMeasure.EligibleReceived] = eligible;
        f[(int)DossierMeasure.EligibleOnline] = online;
        f[(int)DossierMeasure.Finished] = finished;
        f[(int)DossierMeasure.FinishedOnTime] = onTime;
        return f;
    }

    private static readonly HotlineKpis NoTickets = KpiCalculator.Hotline(new long[TicketMeasures.Count], 0, 0, new Dictionary<int, long>());

    [Fact]
    public void KpiTile_Rate_RendersViVnPercentAndToneClass()
    {
        var tile = Render<KpiTile>(p => p
            .Add(x => x.Key, "on-time-rate")
            .Add(x => x.Label, "Tỷ lệ đúng hạn")
            .Add(x => x.Value, Format.Percent(new Rate(771, 1000)))
            .Add(x => x.Tone, new KpiThresholds().ToneOf(new Rate(771, 1000))));

        Assert.Equal("77,1 %", tile.Find("[data-kpi-value]").TextContent);
        Assert.Contains("kpi-warning", tile.Find("[data-kpi]").ClassList);
    }

    [Theory]
    [InlineData(900, 1000, "kpi-good")]
    [InlineData(700, 1000, "kpi-warning")]
    [InlineData(100, 1000, "kpi-bad")]
    [InlineData(0, 0, "kpi-neutral")]
    public void IndicatorCard_ThresholdColours_FollowTheRate(long onTime, long finished, string expectedClass)
    {
        var unit = new UnitKpis(1, Dossiers(finished: finished, onTime: onTime), NoTickets);
        var card = Render<IndicatorCard>(p => p
            .Add(x => x.Indicator, UnitIndicator.Rates[0])
            .Add(x => x.Unit, unit)
            .Add(x => x.Tone, new KpiThresholds().ToneOf(unit.Dossiers.OnTimeRate)));

        Assert.Contains(expectedClass, card.Find("[data-indicator]").ClassList);
    }

    [Fact]
    public void IndicatorCard_EmptyWindow_SaysNoDataInsteadOfZero()
    {
        var card = Render<IndicatorCard>(p => p
            .Add(x => x.Indicator, UnitIndicator.Rates[1])
            .Add(x => x.Unit, new UnitKpis(1, Dossiers(), NoTickets)));

        Assert.Equal("không có dữ liệu", card.Find("[data-value]").TextContent);
    }

    [Fact]
    public void IndicatorCard_WithProvinceAndPeers_ShowsProvinceValueAndRank()
    {
        var unit = new UnitKpis(2, Dossiers(eligible: 100, online: 60), NoTickets);
        var peers = new[] { new UnitKpis(1, Dossiers(eligible: 100, online: 90), NoTickets), unit, new UnitKpis(3, Dossiers(eligible: 100, online: 10), NoTickets) };
        var province = new UnitKpis(9, Dossiers(eligible: 300, online: 160), NoTickets);

        var card = Render<IndicatorCard>(p => p
            .Add(x => x.Indicator, UnitIndicator.Rates.First(i => i.Key == "online-rate"))
            .Add(x => x.Unit, unit)
            .Add(x => x.Province, province)
            .Add(x => x.Peers, peers));

        Assert.Equal("60,0 %", card.Find("[data-value]").TextContent);
        Assert.Equal("Toàn tỉnh: 53,3 %", card.Find("[data-province]").TextContent);
        Assert.Equal("Hạng 2/3", card.Find("[data-rank]").TextContent);
    }

    [Fact]
    public void ScoreCardTable_ZeroDenominator_ShowsNoDataForPoints()
    {
        var card = new ScoreCard([new ScoreLine("Tiến độ giải quyết", "2.1", "Giải quyết hồ sơ đúng hạn", 20, Rate.Empty, null)], 0, 20);
        var table = Render<ScoreCardTable>(p => p.Add(x => x.ScoreCard, card));
        var cells = table.FindAll("[data-score-line='2.1'] td").Select(c => c.TextContent).ToList();
        Assert.Equal(["Tiến độ giải quyết", "2.1 · Giải quyết hồ sơ đúng hạn", "không có dữ liệu", "—", "80,0 %", "không có dữ liệu", "—", "20", "—"], cells);
        // No line with data: no score at all, never "0,00".
        Assert.Equal("không có dữ liệu", table.Find("[data-score-total]").TextContent);
    }

    [Fact]
    public void ScoreCardTable_LinesWithoutData_TotalIsOutOfTheLinesTheUnitCanEarn()
    {
        var card = new ScoreCard(
        [
            new ScoreLine("Tiến độ giải quyết", "2.1", "Giải quyết hồ sơ đúng hạn", 20, new Rate(9, 10), 20),
            new ScoreLine("Dịch vụ trực tuyến", "3.1", "Hồ sơ trực tuyến", 12, new Rate(1, 2), 7.5),
            new ScoreLine("Mức độ hài lòng", "5.2", "Phản ánh trả lời đúng hạn", 18, Rate.Empty, null),
        ], 27.5, 32);
        var table = Render<ScoreCardTable>(p => p.Add(x => x.ScoreCard, card));
        Assert.Equal("27,5 / 32", table.Find("[data-score-total]").TextContent);
    }

    [Fact]
    public void ScoreCardTable_PointsLostLineByLine_WithWhatEachRateIsMadeOf()
    {
        var card = new ScoreCard(
        [
            new ScoreLine("Tiến độ giải quyết", "2.1", "Giải quyết hồ sơ đúng hạn", 20, new Rate(1350, 1500), 18),
            new ScoreLine("Dịch vụ trực tuyến", "3.1", "Hồ sơ trực tuyến", 12, new Rate(1, 2), 7.5),
            new ScoreLine("Mức độ hài lòng", "5.2", "Phản ánh trả lời đúng hạn", 18, Rate.Empty, null),
        ], 25.5, 32);
        var table = Render<ScoreCardTable>(p => p.Add(x => x.ScoreCard, card));

        Assert.Equal("1.350 / 1.500", table.Find("[data-score-line='2.1'] [data-score-parts]").TextContent);
        Assert.Equal("2,00", table.Find("[data-score-line='2.1'] [data-score-lost]").TextContent);
        Assert.Equal("4,50", table.Find("[data-score-line='3.1'] [data-score-lost]").TextContent);
        Assert.Contains("score-lost", table.Find("[data-score-line='3.1'] [data-score-lost]").ClassList);
        // A line without data lost nothing: it is not scored at all.
        Assert.Equal("—", table.Find("[data-score-line='5.2'] [data-score-lost]").TextContent);
        Assert.Equal("6,50", table.Find("[data-score-lost-total]").TextContent);
    }
    [Fact]
    public void ScoreCardTable_LineShortOfTarget_SaysHowManyAndLinksTheDossiersThatCostIt()
    {
        var card = new ScoreCard(
        [
            new ScoreLine("Công khai, minh bạch", "1.1", "Thủ tục hành chính được công bố đúng hạn", 6, Rate.Empty, null, 1, Computable: false, Indicator: "NotReceived"),
            new ScoreLine("Tiến độ giải quyết", "2.1", "Giải quyết hồ sơ đúng hạn", 20, new Rate(70, 100), 17.5, 0.8, Indicator: "OnTimeRate"),
            new ScoreLine("Số hóa hồ sơ", "4.2", "Hồ sơ được số hóa khi tiếp nhận", 5, new Rate(9, 10), 5, 0.8, Indicator: "DigitizationRate"),
        ], 22.5, 25);
        var table = Render<ScoreCardTable>(p => p
            .Add(x => x.ScoreCard, card)
            .Add(x => x.DossierHref, status => $"/units/7?w=month&tab=dossiers&status={status}"));

        Assert.Equal("chưa có dữ liệu", table.Find("[data-score-line='1.1'] [data-score-not-received]").TextContent);
        Assert.Equal("80,0 %", table.Find("[data-score-line='2.1'] [data-score-target]").TextContent);
        // 80 % of 100 is 80 on time: 10 more than the 70 there are.
        Assert.Contains("thiếu 10", table.Find("[data-score-line='2.1'] [data-score-needed]").TextContent);
        Assert.Equal("/units/7?w=month&tab=dossiers&status=Overdue", table.Find("[data-score-line='2.1'] [data-score-dossiers='overdue']").GetAttribute("href"));
        Assert.Equal("/units/7?w=month&tab=dossiers&status=SecondSupplement", table.Find("[data-score-line='2.1'] [data-score-dossiers='second-supplement']").GetAttribute("href"));
        Assert.Equal("đạt", table.Find("[data-score-line='4.2'] [data-score-needed]").TextContent.Trim());
        Assert.Empty(table.FindAll("[data-score-line='4.2'] a"));
        Assert.Equal("IOC tính được 25/31 điểm; chưa có dữ liệu: 1.1.", table.Find("[data-score-coverage]").TextContent.Trim());
    }

    [Fact]
    public void PopulationDataTable_ByUnit_LowestPopulationShareFirstWithItsParts()
    {
        static DossierKpis Kpis(long received, long population, long online, long vneid)
        {
            var f = new long[DossierMeasures.Count];
            f[(int)DossierMeasure.Received] = received;
            f[(int)DossierMeasure.EligibleReceived] = received;
            f[(int)DossierMeasure.EligibleOnline] = online;
            f[(int)DossierMeasure.PopulationData] = population;
            f[(int)DossierMeasure.VneidAuthenticated] = vneid;
            return KpiCalculator.Dossiers(f, new long[DossierMeasures.Count]);
        }
        var hotline = KpiCalculator.Hotline(new long[TicketMeasures.Count], 0, 0, new Dictionary<int, long>());
        var rows = PopulationDataView.ByUnit(
        [
            new ChildRow(1, "Xã An", UnitKind.Commune, Kpis(200, 180, 100, 90), hotline, null, 0, null, 0),
            new ChildRow(2, "Xã Bình", UnitKind.Commune, Kpis(1500, 600, 1000, 250), hotline, null, 0, null, 0),
            new ChildRow(3, "Xã Chưa Có", UnitKind.Commune, Kpis(0, 0, 0, 0), hotline, null, 0, null, 0),
        ]);
        var table = Render<PopulationDataTable>(p => p.Add(x => x.Rows, rows).Add(x => x.Kind, "units").Add(x => x.FirstColumn, "Đơn vị").Add(x => x.Href, id => $"/units/{id}"));

        Assert.Equal(["2", "1"], table.FindAll("tbody tr").Select(r => r.GetAttribute("data-row")));
        Assert.Equal("40,0 %", table.Find("[data-row='2'] [data-cell='population']").TextContent);
        Assert.Equal("600 / 1.500", table.Find("[data-row='2'] [data-cell='population-parts']").TextContent);
        Assert.Equal("25,0 %", table.Find("[data-row='2'] [data-cell='vneid']").TextContent);
        Assert.Equal("90 / 100", table.Find("[data-row='1'] [data-cell='vneid-parts']").TextContent);
    }
}

public sealed class EnglishFormatTests : IocTestContext
{
    public EnglishFormatTests() : base("en-US")
    {
    }

    [Fact]
    public void Format_InEnglish_UsesEnglishSeparatorsAndText()
    {
        Assert.Equal("77.1%", Format.Percent(new Rate(771, 1000)));
        Assert.Equal("1,842", Format.Number(1842));
        Assert.Equal("no data", Format.Percent(Rate.Empty));
    }
}
