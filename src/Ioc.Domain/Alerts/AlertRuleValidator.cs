using Ioc.Contracts;
using Ioc.Domain.Catalog;

namespace Ioc.Domain.Alerts;

/// <summary>One thing wrong with a rule: a Vietnamese message (the UI text key) and its arguments.</summary>
public sealed record AlertRuleError(string Field, string Message, params object[] Args)
{
    public override string ToString() => string.Format(System.Globalization.CultureInfo.InvariantCulture, Message, Args);
}

/// <summary>Says everything wrong with a rule at once, so that an admin fixes it in one go; a rule with errors is never stored or evaluated.</summary>
public static class AlertRuleValidator
{
    public const int MaxNameLength = 120;

    public static IReadOnlyList<AlertRuleError> Validate(AlertRule rule, ReferenceCatalog catalog)
    {
        var errors = new List<AlertRuleError>();
        if (string.IsNullOrWhiteSpace(rule.Name))
        {
            errors.Add(new(nameof(rule.Name), "Hãy đặt tên cho quy tắc."));
        }
        else if (rule.Name.Length > MaxNameLength)
        {
            errors.Add(new(nameof(rule.Name), "Tên quy tắc dài quá {0} ký tự.", MaxNameLength));
        }
        if (!Enum.IsDefined(rule.Kind))
        {
            errors.Add(new(nameof(rule.Kind), "Loại quy tắc không hợp lệ."));
        }
        if (!string.IsNullOrWhiteSpace(rule.Unit) && catalog.Units.FindByCode(rule.Unit.Trim()) is null)
        {
            errors.Add(new(nameof(rule.Unit), "Không có đơn vị mã {0}.", rule.Unit.Trim()));
        }
        if (rule.UnitKinds.Any(k => !Enum.IsDefined(k)))
        {
            errors.Add(new(nameof(rule.UnitKinds), "Loại đơn vị không hợp lệ."));
        }
        if (rule.MinimumCount < 0)
        {
            errors.Add(new(nameof(rule.MinimumCount), "Số tối thiểu không được âm."));
        }
        if (rule.ClearMargin < 0 || double.IsNaN(rule.ClearMargin))
        {
            errors.Add(new(nameof(rule.ClearMargin), "Biên xóa cảnh báo không được âm."));
        }
        switch (rule.Kind)
        {
            case AlertRuleKind.Threshold:
                if (!AlertIndicators.All.Contains(rule.Indicator))
                {
                    errors.Add(new(nameof(rule.Indicator), "Chỉ số không hợp lệ: {0}.", rule.Indicator));
                }
                else if (AlertIndicators.IsRate(rule.Indicator) && (rule.Threshold is < 0 or > 100 || double.IsNaN(rule.Threshold)))
                {
                    errors.Add(new(nameof(rule.Threshold), "Ngưỡng của một tỷ lệ phải từ 0 đến 100 %."));
                }
                else if (rule.Threshold < 0 || double.IsNaN(rule.Threshold))
                {
                    errors.Add(new(nameof(rule.Threshold), "Ngưỡng không được âm."));
                }
                if (!Enum.IsDefined(rule.Window) || !Enum.IsDefined(rule.Direction))
                {
                    errors.Add(new(nameof(rule.Window), "Khoảng thời gian hoặc chiều so sánh không hợp lệ."));
                }
                break;
            case AlertRuleKind.OverdueRise:
                if (rule.Rise < 1)
                {
                    errors.Add(new(nameof(rule.Rise), "Mức tăng phải từ 1 hồ sơ trở lên."));
                }
                break;
            case AlertRuleKind.TicketSpike:
                if (!string.IsNullOrWhiteSpace(rule.Category) && catalog.FindCategory(rule.Category.Trim()) is null)
                {
                    errors.Add(new(nameof(rule.Category), "Không có lĩnh vực phản ánh mã {0}.", rule.Category.Trim()));
                }
                if (!string.IsNullOrWhiteSpace(rule.Commune) && catalog.Units.FindByCode(rule.Commune.Trim()) is not { IsLocal: true })
                {
                    errors.Add(new(nameof(rule.Commune), "Không có xã, phường mã {0}.", rule.Commune.Trim()));
                }
                if (!string.IsNullOrWhiteSpace(rule.Category) && !string.IsNullOrWhiteSpace(rule.Commune))
                {
                    errors.Add(new(nameof(rule.Commune), "Chọn lĩnh vực hoặc xã, phường, không chọn cả hai."));
                }
                if (rule.Factor is <= 1 or > 100 || double.IsNaN(rule.Factor))
                {
                    errors.Add(new(nameof(rule.Factor), "Hệ số phải lớn hơn 1 và không quá 100."));
                }
                if (rule.Weeks is < 4 or > 8)
                {
                    errors.Add(new(nameof(rule.Weeks), "Số tuần so sánh phải từ 4 đến 8."));
                }
                break;
        }
        return errors;
    }
}
