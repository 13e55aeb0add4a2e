using Ioc.Contracts;
using Ioc.Domain.Alerts;

namespace Ioc.Domain.Tests.Alerts;

public sealed class AlertRuleValidatorTests
{
    private static IReadOnlyList<string> Errors(AlertRule rule) =>
        [.. AlertRuleValidator.Validate(rule, DomainFixture.Reference).Select(e => e.ToString())];

    [Fact]
    public void Validate_GoodThresholdRule_NoErrors()
    {
        Assert.Empty(Errors(new AlertRule { Name = "Đúng hạn dưới 90 %", Unit = "S", Indicator = AlertIndicators.OnTimeRate, Threshold = 90 }));
    }

    [Fact]
    public void Validate_EverythingWrong_NamesEachMistakeInVietnamese()
    {
        var errors = Errors(new AlertRule
        {
            Name = " ",
            Unit = "KHONG-CO",
            Indicator = AlertIndicators.OnTimeRate,
            Threshold = 150,
            MinimumCount = -1,
            ClearMargin = -2,
        });
        Assert.Equal(
        [
            "Hãy đặt tên cho quy tắc.",
            "Không có đơn vị mã KHONG-CO.",
            "Số tối thiểu không được âm.",
            "Biên xóa cảnh báo không được âm.",
            "Ngưỡng của một tỷ lệ phải từ 0 đến 100 %.",
        ], errors);
    }

    [Fact]
    public void Validate_UnknownIndicatorOrWindow_Refused()
    {
        Assert.Equal(["Chỉ số không hợp lệ: so-ho-so."], Errors(new AlertRule { Name = "x", Indicator = "so-ho-so" }));
        Assert.Equal(["Khoảng thời gian hoặc chiều so sánh không hợp lệ."], Errors(new AlertRule { Name = "x", Window = (KpiWindow)42 }));
    }

    [Fact]
    public void Validate_OverdueRiseOfZero_Refused()
    {
        Assert.Equal(["Mức tăng phải từ 1 hồ sơ trở lên."], Errors(new AlertRule { Name = "x", Kind = AlertRuleKind.OverdueRise, Rise = 0 }));
    }

    [Fact]
    public void Validate_SpikeWithBadCategoryCommuneFactorWeeks_EachRefused()
    {
        var errors = Errors(new AlertRule { Name = "x", Kind = AlertRuleKind.TicketSpike, Category = "khong-co", Commune = "S", Factor = 1, Weeks = 12 });
        Assert.Equal(
        [
            "Không có lĩnh vực phản ánh mã khong-co.",
            "Không có xã, phường mã S.",
            "Chọn lĩnh vực hoặc xã, phường, không chọn cả hai.",
            "Hệ số phải lớn hơn 1 và không quá 100.",
            "Số tuần so sánh phải từ 4 đến 8.",
        ], errors);
    }

    [Fact]
    public void Validate_SpikeOfOneCommune_Accepted()
    {
        Assert.Empty(Errors(new AlertRule { Name = "Xã Một: phản ánh tăng", Kind = AlertRuleKind.TicketSpike, Commune = "X", Factor = 2, Weeks = 6, MinimumCount = 5 }));
    }
}
