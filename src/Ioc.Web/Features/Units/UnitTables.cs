using Ioc.Aggregation.Dossiers;
using Ioc.Aggregation.Indicators;
using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Indicators;
using Ioc.Domain.Units;
using Ioc.Web.Features.Exports;

namespace Ioc.Web.Features.Units;

/// <param name="Points">The 766 points out of <paramref name="MaxPoints"/>; null without data ("không có dữ liệu"), never 0.</param>
/// <param name="Rank">Among siblings of the same kind group (<see cref="UnitRanking"/>); null without data.</param>
/// <param name="RankOf">How many siblings of its group were ranked.</param>
public sealed record ChildRow(int UnitId, string Name, UnitKind Kind, DossierKpis Dossiers, HotlineKpis Hotline, double? Points, double MaxPoints, int? Rank, int RankOf)
{
    public UnitKindGroup Group => UnitRanking.GroupOf(Kind);
}

public sealed record ProcedureRow(int ProcedureId, string Code, string Name, string Field, DossierKpis Dossiers);

public sealed record DossierRow(DossierListRow Dossier, string UnitName, string ProcedureCode, string ProcedureName);

/// <summary>
/// The rows of the unit page's tables, computed once for the page and for its exports, so that an
/// export holds exactly what the table shows for the same window and filters.
/// </summary>
public sealed class UnitTables(IndicatorQueries indicators, DossierQueries dossiers, ReferenceCatalog catalog, ScoreCardDefinition scoreCard)
{
    /// <summary>The unit's children, each ranked by points of the 766 card among the children of its own kind group.</summary>
    public async Task<IReadOnlyList<ChildRow>> ChildrenAsync(int unitId, DayRange range, CancellationToken ct = default)
    {
        // A unit retired before the window began has nothing to rank in it; its history stays in the parent's figures.
        var children = catalog.Units.Children(unitId).Where(u => u.IsActiveOn(range.From)).ToList();
        if (children.Count == 0)
        {
            return [];
        }
        var kpis = await indicators.GetManyAsync([.. children.Select(c => c.Id)], range, ct);
        return Rank(kpis);
    }

    /// <summary>Ranks units (e.g. a unit and its siblings) the same way the children table does: departments with departments, communes with communes.</summary>
    public IReadOnlyList<ChildRow> Rank(IEnumerable<UnitKpis> kpis) =>
    [
        .. UnitRanking.RankByGroup(
                kpis.Select(k => (k, card: scoreCard.Compute(k.Dossiers, k.Hotline), unit: catalog.Units[k.UnitId])),
                x => x.unit.Kind, x => x.card.Score, x => x.unit.Name)
            .Select(r => new ChildRow(r.Item.k.UnitId, r.Item.unit.Name, r.Item.unit.Kind, r.Item.k.Dossiers, r.Item.k.Hotline, r.Item.card.Score, r.Item.card.MaxPoints, r.Rank, r.Of)),
    ];

    public async Task<IReadOnlyList<ProcedureRow>> ProceduresAsync(int unitId, DayRange range, CancellationToken ct = default)
    {
        var rows = await indicators.ByProcedureAsync(unitId, range, ct);
        return
        [
            .. rows
                .Where(r => r.Dossiers.Received > 0 || r.Dossiers.Finished > 0 || r.Dossiers.InProgress > 0 || r.Dossiers.AwaitingSupplement > 0)
                .Select(r => (r, p: catalog.Procedure(r.ProcedureId)))
                .OrderByDescending(x => x.r.Dossiers.Received)
                .ThenBy(x => x.p.Code, StringComparer.Ordinal)
                .Select(x => new ProcedureRow(x.p.Id, x.p.Code, x.p.Name, x.p.Field, x.r.Dossiers)),
        ];
    }

    public async Task<(IReadOnlyList<DossierRow> Rows, int Total, bool TotalIsExact)> DossiersAsync(DossierFilter filter, int skip, int take, CancellationToken ct = default)
    {
        var page = await dossiers.ListAsync(filter, skip, take, ct);
        return ([.. page.Rows.Select(Describe)], page.Total, page.TotalIsExact);
    }

    public DossierRow Describe(DossierListRow d)
    {
        var p = catalog.Procedure(d.ProcedureId);
        return new DossierRow(d, catalog.Units[d.UnitId].Name, p.Code, p.Name);
    }

    public static readonly IReadOnlyList<TableColumn<ChildRow>> ChildColumns =
    [
        new("Nhóm", r => GroupName(r.Group)),
        new("Hạng", r => r.Rank is int rank ? $"{rank}/{r.RankOf}" : NoData),
        new("Đơn vị", r => r.Name),
        new("Hồ sơ tiếp nhận", r => r.Dossiers.Received, ColumnFormat.Number),
        new("Tỷ lệ trực tuyến", r => r.Dossiers.OnlineRate, ColumnFormat.Percent),
        new("Tỷ lệ đúng hạn", r => r.Dossiers.OnTimeRate, ColumnFormat.Percent),
        new("Đang giải quyết", r => r.Dossiers.InProgress, ColumnFormat.Number),
        new("Quá hạn", r => r.Dossiers.Overdue, ColumnFormat.Number),
        new("Phản ánh tiếp nhận", r => r.Hotline.Received, ColumnFormat.Number),
        new("Phản ánh trả lời đúng hạn", r => r.Hotline.AnsweredOnTimeRate, ColumnFormat.Percent),
        new("Điểm 766", r => r.Points is double p ? PointsText(p, r.MaxPoints) : NoData),
    ];

    public const string NoData = "không có dữ liệu";

    /// <summary>"61,5 / 64": the points and the maximum of the lines the unit can earn.</summary>
    public static string PointsText(double points, double max) =>
        $"{points.ToString("0.##", System.Globalization.CultureInfo.CurrentCulture)} / {max.ToString("0.##", System.Globalization.CultureInfo.CurrentCulture)}";

    public static string GroupShortName(UnitKindGroup group) => group switch
    {
        UnitKindGroup.Departments => "sở, ngành",
        UnitKindGroup.Districts => "huyện",
        UnitKindGroup.Communes => "xã, phường",
        _ => "tỉnh",
    };

    public static string GroupName(UnitKindGroup group) => group switch
    {
        UnitKindGroup.Departments => "Sở, ban, ngành",
        UnitKindGroup.Districts => "Huyện",
        UnitKindGroup.Communes => "Xã, phường",
        _ => "Tỉnh",
    };

    public static readonly IReadOnlyList<TableColumn<ProcedureRow>> ProcedureColumns =
    [
        new("Mã thủ tục", r => r.Code),
        new("Thủ tục", r => r.Name),
        new("Lĩnh vực", r => r.Field),
        new("Hồ sơ tiếp nhận", r => r.Dossiers.Received, ColumnFormat.Number),
        new("Tỷ lệ trực tuyến", r => r.Dossiers.OnlineRate, ColumnFormat.Percent),
        new("Tỷ lệ đúng hạn", r => r.Dossiers.OnTimeRate, ColumnFormat.Percent),
        new("Đã giải quyết", r => r.Dossiers.Finished, ColumnFormat.Number),
        new("Đang giải quyết", r => r.Dossiers.InProgress, ColumnFormat.Number),
        new("Quá hạn", r => r.Dossiers.Overdue, ColumnFormat.Number),
    ];

    public static readonly IReadOnlyList<TableColumn<DossierRow>> DossierColumns =
    [
        new("Mã hồ sơ", r => r.Dossier.Code),
        new("Đơn vị", r => r.UnitName),
        new("Thủ tục", r => r.ProcedureName),
        new("Kênh", r => ChannelName(r.Dossier.Channel)),
        new("Trạng thái", r => StatusName(r.Dossier.Status)),
        new("Ngày tiếp nhận", r => r.Dossier.ReceivedAt, ColumnFormat.DateTime),
        new("Hạn trả hiện tại", r => DueText.Cell(r.Dossier.Due), ColumnFormat.Date),
        new("Ngày hoàn thành", r => r.Dossier.FinishedAt, ColumnFormat.DateTime),
        new("Số lần bổ sung", r => r.Dossier.PauseCount, ColumnFormat.Number),
        new("Quá hạn", r => r.Dossier.IsOverdue ? "Có" : r.Dossier.FinishedOnTime == false ? "Trễ hạn" : ""),
    ];

    public static string ChannelName(DossierChannel c) => c switch
    {
        DossierChannel.Online => "Trực tuyến",
        DossierChannel.InPerson => "Trực tiếp",
        _ => "Bưu chính",
    };

    public static string StatusName(DossierStatus s) => s switch
    {
        DossierStatus.Received => "Đã tiếp nhận",
        DossierStatus.InProcessing => "Đang xử lý",
        DossierStatus.AwaitingSupplement => "Chờ bổ sung",
        DossierStatus.Completed => "Đã trả kết quả",
        DossierStatus.Returned => "Trả lại",
        _ => "Đã rút",
    };
}
