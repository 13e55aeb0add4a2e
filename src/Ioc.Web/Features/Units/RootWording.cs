using Ioc.Domain.Units;

namespace Ioc.Web.Features.Units;

/// <summary>
/// How pages name the root's whole figures: a province's deployment says "Toàn tỉnh", a national one
/// (the country at the root) "Toàn quốc", so that a province head reads his province against the country.
/// </summary>
public static class RootWording
{
    /// <summary>The label of the root's figure beside a unit's (a key of the UI texts).</summary>
    public static string Whole(UnitTree units) => units.IsNational ? "Toàn quốc" : "Toàn tỉnh";

    /// <summary>"Toàn tỉnh: {0}" or "Toàn quốc: {0}" (a key of the UI texts).</summary>
    public static string WholeWithValue(UnitTree units) => units.IsNational ? "Toàn quốc: {0}" : "Toàn tỉnh: {0}";
}
