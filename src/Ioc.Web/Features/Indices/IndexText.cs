using System.Globalization;
using Ioc.Aggregation.Indices;
using Ioc.Domain.Indicators;
using Ioc.Domain.Indices;
using Ioc.Web.Localization;

namespace Ioc.Web.Features.Indices;

/// <summary>Index figures as the reader's culture writes them: "90,766/100", "0,7024/1", "hạng 1/63".</summary>
public static class IndexText
{
    /// <summary>Points as published, up to four decimals (DTI is a share such as 0,7024), thousands grouped.</summary>
    public static string Points(double value) => value.ToString("#,0.####", CultureInfo.CurrentCulture);

    /// <summary>"92,18/100", "92,18" without a maximum, a dash without a score.</summary>
    public static string Score(AnnualIndexResult r) => r.Score is double s ? r.Max is double m ? $"{Points(s)}/{Points(m)}" : Points(s) : "—";

    public static string Component(IndexComponent c) => c.Max is double m ? $"{Points(c.Score)}/{Points(m)}" : Points(c.Score);

    /// <summary>"3/17"; a dash for a unit that is not ranked.</summary>
    public static string Rank(int? rank, int of) => rank is int r ? $"{r.ToString(CultureInfo.CurrentCulture)}/{of.ToString(CultureInfo.CurrentCulture)}" : "—";

    /// <summary>The level as published, in the reader's language ("nâng cao" → "advanced").</summary>
    public static string Level(string? level) => level is null ? "—" : UiText.EnglishEntries.ContainsKey(level) ? UiText.Translate(level) : level;

    /// <summary>Whom a unit is ranked among: "sở, ban, ngành", "xã, phường".</summary>
    public static string Group(UnitKindGroup group) => group switch
    {
        UnitKindGroup.Departments => UiText.Translate("sở, ban, ngành"),
        UnitKindGroup.Districts => UiText.Translate("huyện"),
        UnitKindGroup.Communes => UiText.Translate("xã, phường, đặc khu"),
        _ => UiText.Translate("tỉnh"),
    };

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.CurrentCulture) + text[1..];

    /// <summary>The report's sentence for one kind: "Sở, ban, ngành: trung bình 90,766/100 điểm; 19/19 đơn vị đạt từ 80 % điểm tối đa trở lên".</summary>
    public static string Summary(IndexGroupSummary group) =>
        string.Format(CultureInfo.CurrentCulture, UiText.Translate("{0}: trung bình {1} điểm; {2}/{3} đơn vị đạt từ {4} điểm tối đa trở lên"),
            Capitalized(Group(group.Group)),
            group.Max is double m ? $"{Points(Math.Round(group.Average!.Value, 3))}/{Points(m)}" : Points(Math.Round(group.Average!.Value, 3)),
            group.ReachingTarget, group.Scored, (AnnualIndexQueries.TargetShare * 100).ToString("0", CultureInfo.CurrentCulture) + " %");
}
