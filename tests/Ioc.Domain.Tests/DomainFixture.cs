using Ioc.Data.Reference;
using Ioc.Domain.Catalog;
using Ioc.Domain.Time;
using Ioc.Domain.Units;
using Ioc.Testing;

namespace Ioc.Domain.Tests;

/// <summary>The repository's calendar and a small catalogue, built without a database.</summary>
public static class DomainFixture
{
    public static WorkingCalendar Calendar { get; } = ReferenceFiles.ReadCalendar(TestPaths.ReferenceData);

    public static readonly TimeSpan Offset = ProvinceTime.Offset;

    public static ReferenceCatalog Reference { get; } = new(
        new UnitTree(
        [
            new Unit(1, "P", "Tỉnh", "Tỉnh", UnitKind.Province, null),
            new Unit(2, "S", "Sở Tư pháp", "STP", UnitKind.Department, 1),
            new Unit(3, "X", "Xã Một", "Xã Một", UnitKind.Commune, 1),
        ]),
        [
            new Procedure(1, "1.001", "Đăng ký khai sinh", "Hộ tịch", "commune", TimeLimit.WorkingDays(3), OnlineLevel.Full, false),
            new Procedure(2, "1.002", "Xác nhận tình trạng hôn nhân", "Hộ tịch", "commune", TimeLimit.WorkingDays(3), OnlineLevel.None, false),
        ],
        [
            new HotlineCategory(1, "moi-truong", "Môi trường", ServiceLevel.Days(5), "commune"),
            new HotlineCategory(2, "thien-tai", "Thiên tai", ServiceLevel.ClockHours(4), "S"),
            new HotlineCategory(3, "khac", "Khác", ServiceLevel.Days(10), "S"),
        ]);

    public static DateTimeOffset At(int year, int month, int day, int hour = 9, int minute = 0) => new(year, month, day, hour, minute, 0, Offset);
}
