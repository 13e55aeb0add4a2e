using Ioc.Aggregation.Access;
using Ioc.Aggregation.Dossiers;
using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Aggregation.Indicators;
using Ioc.Web.Features.Account;
using Ioc.Web.Features.Units;

namespace Ioc.Web.Features.Exports;

/// <summary>
/// <c>GET /export/units/{id}/{children|procedures|dossiers}?format=csv|xlsx&amp;…</c>: the unit page's tables
/// as files, with exactly the rows the same window and filters select on the page. Scope is
/// checked here again (a link can be typed), and every export is written to the audit log.
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export/units/{unitId:int}/{table}", ExportAsync).RequireAuthorization(IocPolicies.Units);
        return app;
    }

    private static async Task<IResult> ExportAsync(
        int unitId, string table, HttpContext http, ReferenceCatalog catalog, UnitTables tables, DossierQueries dossiers, IndicatorQueries indicators,
        Aggregation.Documents.DocumentQueries documents, AuditLog audit, CancellationToken ct)
    {
        var scope = ScopeClaims.ScopeOf(http.User);
        // A unit out of scope answers exactly like one that does not exist: typing ids reveals nothing.
        if (!scope.CanSeeUnit(catalog.Units, unitId))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy", detail: "Không có đơn vị này.");
        }
        var q = http.Request.Query;
        var format = q["format"].ToString() is "csv" ? "csv" : "xlsx";
        // The page's own URL parameters, read by the page's own record: a value it cannot read is refused,
        // never replaced by a default that would put other rows in the file than the link asked for.
        if (!UnitPageUrl.TryParse(name => q.TryGetValue(name, out var v) ? v.ToString() : null, out var url, out var error))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Tham số không hợp lệ", detail: error);
        }
        var range = url.Window.Resolve(indicators.Today);
        var unit = catalog.Units[unitId];
        var stamp = $"{unit.Code}-{range.From:yyyyMMdd}-{range.To:yyyyMMdd}";
        var contentType = format == "csv" ? TableExport.CsvContentType : TableExport.XlsxContentType;

        switch (table)
        {
            case "children":
            {
                var rows = await tables.ChildrenAsync(unitId, range, ct);
                await AuditAsync(rows.Count, "");
                return Results.File(Write(rows, UnitTables.ChildColumns, format, "Don vi"), contentType, $"don-vi-truc-thuoc-{stamp}.{format}");
            }
            case "procedures":
            {
                var rows = await tables.ProceduresAsync(unitId, range, ct);
                await AuditAsync(rows.Count, "");
                return Results.File(Write(rows, UnitTables.ProcedureColumns, format, "Thu tuc"), contentType, $"thu-tuc-{stamp}.{format}");
            }
            case "dossiers":
            {
                var filter = url.Filter(unitId, range);
                var period = filter.From is null ? "toan-bo" : $"{range.From:yyyyMMdd}-{range.To:yyyyMMdd}";
                return await StreamedAsync(dossiers.StreamAsync(filter, ct).ToBlockingEnumerable(ct).Select(tables.Describe), UnitTables.DossierColumns, "Ho so",
                    $"ho-so-{unit.Code}-{period}.{format}");
            }
            case "documents":
            {
                if (!Documents.DocumentListUrl.TryParse(q["dview"], q["dpage"], out var list, out var listError))
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Tham số không hợp lệ", detail: listError);
                }
                var rows = documents.StreamAsync(new Aggregation.Documents.DocumentFilter(unitId, list.View, range.From, range.To), ct).ToBlockingEnumerable(ct)
                    .Select(d => Documents.DocumentText.Describe(d, catalog, indicators.Today));
                return await StreamedAsync(rows, Documents.DocumentText.Columns, "Van ban", $"van-ban-{list.View.ToString().ToLowerInvariant()}-{stamp}.{format}");
            }
            default:
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không có bảng này", detail: $"Bảng '{table}' không xuất được.");
        }

        // Every selected row, streamed from the database into a temporary file (deleted once sent): a
        // province's year is neither cut at a row count nor held in memory.
        async Task<IResult> StreamedAsync<TRow>(IEnumerable<TRow> rows, IReadOnlyList<TableColumn<TRow>> columns, string sheet, string fileName)
        {
            var file = new FileStream(Path.Combine(Path.GetTempPath(), $"ioc-export-{Guid.NewGuid():N}.{format}"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
                1 << 16, FileOptions.DeleteOnClose);
            try
            {
                var (count, stopped) = await Task.Run(() => format == "csv" ? (TableExport.Csv(rows, columns, file), false) : TableExport.Xlsx(rows, columns, sheet, file), ct);
                file.Position = 0;
                await AuditAsync(count, stopped ? "; dừng ở giới hạn dòng của Excel" : "");
                return Results.File(file, contentType, fileName);
            }
            catch
            {
                await file.DisposeAsync();
                throw;
            }
        }

        Task AuditAsync(long rows, string note) => audit.WriteAsync(http.User.Identity?.Name ?? "anonymous", "export." + table, $"unit:{unit.Code}",
            detail: $"{format}; {rows} dòng{note}; {http.Request.QueryString}", ct: ct);
    }

    private static byte[] Write<TRow>(IReadOnlyList<TRow> rows, IReadOnlyList<TableColumn<TRow>> columns, string format, string sheet) =>
        format == "csv" ? TableExport.Csv(rows, columns) : TableExport.Xlsx(rows, columns, sheet);
}
