using System.Globalization;
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
        int unitId, string table, HttpContext http, ReferenceCatalog catalog, UnitTables tables, IndicatorQueries indicators, AuditLog audit, CancellationToken ct)
    {
        var scope = ScopeClaims.ScopeOf(http.User);
        // A unit out of scope answers exactly like one that does not exist: typing ids reveals nothing.
        if (!scope.CanSeeUnit(catalog.Units, unitId))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy", detail: "Không có đơn vị này.");
        }
        var q = http.Request.Query;
        var format = q["format"].ToString() is "csv" ? "csv" : "xlsx";
        var window = WindowSelection.Parse(q["w"], q["from"], q["to"]);
        var range = window.Resolve(indicators.Today);
        var unit = catalog.Units[unitId];
        var stamp = $"{unit.Code}-{range.From:yyyyMMdd}-{range.To:yyyyMMdd}";

        (byte[] Bytes, string Name, int Rows) file;
        switch (table)
        {
            case "children":
            {
                var rows = await tables.ChildrenAsync(unitId, range, ct);
                file = (Write(rows, UnitTables.ChildColumns, format, "Don vi"), $"don-vi-truc-thuoc-{stamp}", rows.Count);
                break;
            }
            case "procedures":
            {
                var rows = await tables.ProceduresAsync(unitId, range, ct);
                file = (Write(rows, UnitTables.ProcedureColumns, format, "Thu tuc"), $"thu-tuc-{stamp}", rows.Count);
                break;
            }
            case "dossiers":
            {
                var filter = DossierFilterFrom(unitId, q);
                var (rows, _, _) = await tables.DossiersAsync(filter, 0, DossierQueries.MaxExportRows, ct);
                file = (Write(rows, UnitTables.DossierColumns, format, "Ho so"), $"ho-so-{unit.Code}-{indicators.Today:yyyyMMdd}", rows.Count);
                break;
            }
            default:
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không có bảng này", detail: $"Bảng '{table}' không xuất được.");
        }
        await audit.WriteAsync(http.User.Identity?.Name ?? "anonymous", "export." + table, $"unit:{unit.Code}",
            detail: $"{format}; {file.Rows} dòng; {http.Request.QueryString}", ct: ct);
        return Results.File(file.Bytes, format == "csv" ? TableExport.CsvContentType : TableExport.XlsxContentType, $"{file.Name}.{format}");
    }

    private static byte[] Write<TRow>(IReadOnlyList<TRow> rows, IReadOnlyList<TableColumn<TRow>> columns, string format, string sheet) =>
        format == "csv" ? TableExport.Csv(rows, columns) : TableExport.Xlsx(rows, columns, sheet);

    /// <summary>The dossier list's filter from the same query parameters the unit page uses.</summary>
    public static DossierFilter DossierFilterFrom(int unitId, IQueryCollection q)
    {
        static DateOnly? Date(string? s) => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        return new DossierFilter(
            unitId,
            Enum.TryParse<DossierStatusFilter>(q["status"], true, out var st) && Enum.IsDefined(st) ? st : DossierStatusFilter.Any,
            Enum.TryParse<DossierChannel>(q["channel"], true, out var ch) && Enum.IsDefined(ch) ? ch : null,
            int.TryParse(q["proc"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : null,
            Date(q["dfrom"]),
            Date(q["dto"]),
            string.IsNullOrWhiteSpace(q["q"]) ? null : q["q"].ToString(),
            Enum.TryParse<DossierSort>(q["sort"], true, out var so) && Enum.IsDefined(so) ? so : DossierSort.OverdueFirst);
    }
}
