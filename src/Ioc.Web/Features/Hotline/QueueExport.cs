using Ioc.Aggregation.Access;
using Ioc.Aggregation.Hotline;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Ioc.Domain.Tickets;
using Ioc.Web.Features.Account;
using Ioc.Web.Features.Exports;

namespace Ioc.Web.Features.Hotline;

/// <summary>
/// <c>GET /export/hotline?format=csv|xlsx&amp;…</c>: the triage queue as a file, with the page's own
/// filters (the same query string as the page's address, read by <see cref="QueueFilter"/>), all
/// pages, full texts, and the reporter as the caller's role sees it (in clear for hotline staff,
/// masked for everyone else). Written with the unit pages' exporter, formula guard included.
/// </summary>
public static class QueueExport
{
    /// <summary>More than a year of a province's 1022 calls; beyond it the file says where it stopped.</summary>
    public const int MaxRows = 100_000;

    public static IReadOnlyList<TableColumn<TicketState>> Columns(ReferenceCatalog catalog) =>
    [
        new("Mã phiếu", t => t.Code),
        new("Tiếp nhận", t => t.CreatedAt, ColumnFormat.DateTime),
        new("Kênh", t => HotlineText.Channel(t.Channel)),
        new("Lĩnh vực", t => t.CategoryId is int c ? catalog.FindCategory(c)?.Name : "Chưa phân loại"),
        new("Nội dung", t => t.Text),
        new("Địa chỉ", t => t.Address),
        new("Xã/phường", t => t.CommuneId is int m ? catalog.Units.Find(m)?.Name : null),
        new("Đơn vị chủ trì", t => t.UnitId is int u ? catalog.Units.Find(u)?.Name : null),
        new("Trạng thái", t => HotlineText.Status(t.Status)),
        new("Mức độ", t => HotlineText.Urgency(t.Urgency)),
        new("Hạn xử lý", t => HotlineText.Deadline(t.DueAt)),
        new("Người phản ánh", t => t.ReporterName),
        new("Số điện thoại", t => t.ReporterPhone),
        new("Trùng với phiếu", t => t.DuplicateOf),
    ];

    public static IEndpointRouteBuilder MapHotlineExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export/hotline", ExportAsync).RequireAuthorization(IocPolicies.Hotline);
        return app;
    }

    private static async Task<IResult> ExportAsync(HttpContext http, TicketQueries queries, ReferenceCatalog catalog, AuditLog audit, CancellationToken ct)
    {
        var scope = ScopeClaims.ScopeOf(http.User);
        var format = http.Request.Query["format"].ToString() is "csv" ? "csv" : "xlsx";
        var filter = QueueFilter.Parse(http.Request.QueryString.Value, scope.CanTriage ? QueueView.Triage : QueueView.Open);
        var (rows, total) = await RowsAsync(queries, scope, filter, ct);
        var columns = Columns(catalog);
        var bytes = format == "csv" ? TableExport.Csv(rows, columns) : TableExport.Xlsx(rows, columns, "Phieu PAKN");
        await audit.WriteAsync(http.User.Identity?.Name ?? "anonymous", "export.hotline", "hotline",
            detail: $"{format}; {rows.Count} dòng / {total}; {http.Request.QueryString}", ct: ct);
        if (rows.Count < total)
        {
            // Never silently short: the header tells whoever opens the file, the name tells whoever files it.
            http.Response.Headers["X-Ioc-Truncated"] = $"{rows.Count}/{total}";
        }
        var name = $"phieu-pakn-{DateTime.UtcNow:yyyyMMdd-HHmm}{(rows.Count < total ? $"-{rows.Count}-tren-{total}" : "")}.{format}";
        return Results.File(bytes, format == "csv" ? TableExport.CsvContentType : TableExport.XlsxContentType, name);
    }

    /// <summary>Every row the filter selects (up to <see cref="MaxRows"/>), in the queue's order, reporters as the scope may see them.</summary>
    public static async Task<(IReadOnlyList<TicketState> Rows, int Total)> RowsAsync(TicketQueries queries, AccessScope scope, QueueFilter filter, CancellationToken ct)
    {
        var rows = new List<TicketState>();
        var pageSize = 200;
        var total = 0;
        for (var skip = 0; skip < MaxRows; skip += pageSize)
        {
            var page = await queries.SearchAsync(scope, filter.ToQuery() with { Skip = skip, Take = pageSize }, ct);
            total = page.Total;
            if (page.Items.Count == 0)
            {
                break;
            }
            // The queue's rows carry a shortened text; the file carries the whole of it.
            var full = await queries.LoadManyAsync([.. page.Items.Select(i => i.Ticket.Code)], ct);
            rows.AddRange(page.Items.Select(i => full.TryGetValue(i.Ticket.Code, out var t) ? (scope.SeesReporters ? t : TicketQueries.Masked(t)) : i.Ticket).Take(MaxRows - rows.Count));
            pageSize = page.Items.Count;
            if (rows.Count >= total)
            {
                break;
            }
        }
        return (rows, total);
    }
}
