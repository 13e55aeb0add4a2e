using Ioc.Aggregation.Dossiers;
using Ioc.Aggregation.Indicators;
using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Indicators;
using Ioc.Domain.Units;
using Ioc.Web.Features.Exports;

namespace Ioc.Web.Features.Units;

public sealed record ChildRow(int UnitId, string Name, UnitKind Kind, DossierKpis Dossiers, HotlineKpis Hotline, double Points, int Rank);

public sealed record ProcedureRow(int ProcedureId, string Code, string Name, string Field, DossierKpis Dossiers);

public sealed record DossierRow(DossierListRow Dossier, string UnitName, string ProcedureCode, string ProcedureName);

/// <summary>
/// The rows of the unit page's tables, computed once for the page and for its exports, so that an
/// export holds exactly what the table shows for the same window and filters.
/// </summary>
public sealed class UnitTables(IndicatorQueries indicators, DossierQueries dossiers, ReferenceCatalog catalog, ScoreCardDefinition scoreCard)
{
    /// <summary>The unit's children, ranked by points of the 766 card, then on-time rate.</summary>
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

    /// <summary>Ranks units (e.g. a unit and its siblings) the same way the children table does.</summary>
    public IReadOnlyList<ChildRow> Rank(IEnumerable<UnitKpis> kpis) =>
    [
        .. kpis
            .Select(k => (k, points: scoreCard.Compute(k.Dossiers, k.Hotline).Points))
            .OrderByDescending(x => x.points)
            .ThenByDescending(x => x.k.Dossiers.OnTimeRate.Value ?? -1)
            .ThenBy(x => catalog.Units[x.k.UnitId].Name, StringComparer.Ordinal)
            .Select((x, i) => new ChildRow(x.k.UnitId, catalog.Units[x.k.UnitId].Name, catalog.Units[x.k.UnitId].Kind, x.k.Dossiers, x.k.Hotline, x.points, i + 1)),
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
        new("Hạng", r => r.Rank, ColumnFormat.Number),
        new("Đơn vị", r => r.Name),
        new("Hồ sơ tiếp nhận", r => r.Dossiers.Received, ColumnFormat.Number),
        new("Tỷ lệ trực tuyến", r => r.Dossiers.OnlineRate, ColumnFormat.Percent),
        new("Tỷ lệ đúng hạn", r => r.Dossiers.OnTimeRate, ColumnFormat.Percent),
        new("Đang giải quyết", r => r.Dossiers.InProgress, ColumnFormat.Number),
        new("Quá hạn", r => r.Dossiers.Overdue, ColumnFormat.Number),
        new("Phản ánh tiếp nhận", r => r.Hotline.Received, ColumnFormat.Number),
        new("Phản ánh trả lời đúng hạn", r => r.Hotline.AnsweredOnTimeRate, ColumnFormat.Percent),
        new("Điểm 766", r => r.Points, ColumnFormat.Decimal),
    ];

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
        new("Ngày hẹn trả", r => DueText.Cell(r.Dossier.Due), ColumnFormat.Date),
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
