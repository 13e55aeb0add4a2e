using Ioc.Aggregation.Access;
using Ioc.Data;
using Ioc.Data.Reference;
using Ioc.Domain.Access;
using Ioc.Domain.Catalog;
using Ioc.Web.Features.Account;
using Microsoft.Net.Http.Headers;

namespace Ioc.Web.Features.Map;

/// <summary>
/// <c>GET /geo/communes/{unitId}.geojson</c>: the boundaries of the communes under a unit, for the maps
/// of the unit page and the wall. Open to whoever may open either page (readers of units, walls), and
/// scoped like them: a unit out of the caller's scope answers exactly like one that does not exist.
/// </summary>
public static class MapEndpoints
{
    /// <summary>Roles of the unit pages and of the wall: the two places a map is shown.</summary>
    public static readonly string[] Roles = [.. IocPolicies.Roles[IocPolicies.Units].Union(IocPolicies.Roles[IocPolicies.Wall])];

    public static WebApplicationBuilder AddCommuneMap(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new CommuneBoundaries(sp.GetRequiredService<ReferenceCatalog>(), CommuneShapes.Read(DataExtensions.ReferenceDirectory(sp))));
        builder.Services.AddSingleton<CommuneMapQueries>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCommuneMap(this WebApplication app)
    {
        // Loaded now, after the reference data: the findings belong to the start's log, not to the first page that shows a map.
        app.Services.GetRequiredService<CommuneBoundaries>().LogFindings(app.Logger);
        app.MapGet("/geo/communes/{unitId:int}.geojson", Serve).RequireAuthorization(p => p.RequireRole(Roles));
        return app;
    }

    private static IResult Serve(int unitId, HttpContext http, ReferenceCatalog catalog, CommuneBoundaries boundaries)
    {
        var scope = ScopeClaims.ScopeOf(http.User);
        if (!scope.CanSeeUnit(catalog.Units, unitId) || !boundaries.HasMapFor(unitId))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Không tìm thấy", detail: "Không có bản đồ xã cho đơn vị này.");
        }
        var served = boundaries.GeoJsonFor(unitId);
        // Private: the response depends on who asks; no-cache: revalidated (304) rather than trusted after a restart with new boundaries.
        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers.ETag = served.ETag;
        if (http.Request.Headers.IfNoneMatch.ToString() == served.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Bytes(served.Body, "application/geo+json");
    }
}
