using System.Globalization;
using Ioc.Contracts;
using Ioc.Domain.Indicators;

namespace Ioc.Web.Features.Units;

/// <summary>The window a page shows, as it appears in the URL (<c>?w=year</c>, <c>?w=custom&amp;from=…&amp;to=…</c>), so a link can be shared.</summary>
public sealed record WindowSelection(KpiWindow? Named, DateOnly? From = null, DateOnly? To = null)
{
    public static readonly WindowSelection Default = new(KpiWindow.Year);

    public static readonly (string Key, KpiWindow Window, string Label)[] Choices =
    [
        ("today", KpiWindow.Today, "Hôm nay"),
        ("week", KpiWindow.Week, "Tuần này"),
        ("month", KpiWindow.Month, "Tháng này"),
        ("quarter", KpiWindow.Quarter, "Quý này"),
        ("year", KpiWindow.Year, "Năm nay"),
        ("12m", KpiWindow.Last12Months, "12 tháng"),
    ];

    public static WindowSelection Parse(string? w, string? from, string? to)
    {
        if (w == "custom" && DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f)
            && DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) && f <= t)
        {
            return new WindowSelection(null, f, t);
        }
        return Choices.FirstOrDefault(c => c.Key == w) is { Key: not null } choice ? new WindowSelection(choice.Window) : Default;
    }

    public DayRange Resolve(DateOnly today) => Named is KpiWindow w ? KpiWindows.Resolve(w, today) : KpiWindows.Custom(From!.Value, To!.Value, today);

    public string Key => Named is KpiWindow w ? Choices.First(c => c.Window == w).Key : "custom";

    /// <summary>Query string parameters describing the window.</summary>
    public string Query => Named is not null ? $"w={Key}" : $"w=custom&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}";

    public string Label => Named is KpiWindow w ? Choices.First(c => c.Window == w).Label : "Tùy chọn";
}
