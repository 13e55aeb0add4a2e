using System.Globalization;
using Ioc.Domain.Alerts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Units;
using Ioc.Web.Features.Units;
using Ioc.Web.Localization;

namespace Ioc.Web.Features.Alerts;

/// <summary>A rule in words for the admin list ("Tỷ lệ đúng hạn (Hôm nay) dưới 90,0 %").</summary>
public static class AlertRuleText
{
    /// <summary>Whom a rule watches, as the admin form offers it.</summary>
    public static readonly (string Key, string Label, UnitKind[] Kinds)[] Targets =
    [
        ("unit", "Một đơn vị (để trống: toàn tỉnh)", []),
        ("departments", "Mọi sở, ban, ngành và cơ quan ngành dọc", [UnitKind.Department, UnitKind.Agency]),
        ("communes", "Mọi xã, phường, đặc khu", [UnitKind.Commune, UnitKind.Ward, UnitKind.SpecialZone]),
    ];

    public static string KindName(AlertRuleKind kind) => UiText.Translate(kind switch
    {
        AlertRuleKind.Threshold => "Chỉ số vượt ngưỡng",
        AlertRuleKind.OverdueRise => "Hồ sơ quá hạn tăng trong ngày",
        _ => "Phản ánh tăng bất thường",
    });

    public static string Target(AlertRule rule, ReferenceCatalog catalog)
    {
        if (rule.UnitKinds.Count > 0)
        {
            var match = Targets.FirstOrDefault(t => t.Kinds.Length > 0 && t.Kinds.ToHashSet().SetEquals(rule.UnitKinds));
            return match.Label is null ? string.Join(", ", rule.UnitKinds) : UiText.Translate(match.Label);
        }
        return string.IsNullOrWhiteSpace(rule.Unit) ? catalog.Units.Root.Name : catalog.Units.FindByCode(rule.Unit)?.Name ?? rule.Unit;
    }

    public static string Condition(AlertRule rule, ReferenceCatalog catalog)
    {
        var c = CultureInfo.CurrentCulture;
        switch (rule.Kind)
        {
            case AlertRuleKind.Threshold:
                var window = WindowSelection.Choices.FirstOrDefault(x => x.Window == rule.Window).Label ?? rule.Window.ToString();
                return string.Format(c, UiText.Translate(rule.Direction == AlertDirection.Below ? "{0} ({1}) dưới {2}" : "{0} ({1}) trên {2}"),
                    UiText.Translate(AlertIndicators.Label(rule.Indicator)), UiText.Translate(window), AlertText.Figure(rule.Threshold, AlertIndicators.IsRate(rule.Indicator)));
            case AlertRuleKind.OverdueRise:
                return string.Format(c, UiText.Translate("Hồ sơ quá hạn tăng từ {0} trở lên so với cuối ngày hôm qua"), rule.Rise);
            default:
                var subject = !string.IsNullOrWhiteSpace(rule.Category) ? catalog.FindCategory(rule.Category)?.Name ?? rule.Category
                    : !string.IsNullOrWhiteSpace(rule.Commune) ? catalog.Units.FindByCode(rule.Commune)?.Name ?? rule.Commune
                    : UiText.Translate("mọi phản ánh");
                return string.Format(c, UiText.Translate("Phản ánh hôm nay ({0}) trên {1} lần mức thường của cùng thứ trong {2} tuần, tối thiểu {3}"),
                    subject, rule.Factor.ToString("0.##", c), rule.Weeks, rule.MinimumCount);
        }
    }
}
