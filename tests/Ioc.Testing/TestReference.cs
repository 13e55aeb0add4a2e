using System.Text.Json;

namespace Ioc.Testing;

/// <summary>
/// A small synthetic province for tests, written as reference files: four levels deep (province →
/// districts → communes, and a department with a sub-unit), so that subtree sums are tested on a
/// tree deeper than today's two levels. The calendar and score card are the repository's.
/// </summary>
public static class TestReference
{
    /// <summary>A copy of the demo province's reference directory, to change in a test.</summary>
    public static string CopyDemo(TempFolder folder)
    {
        var dir = Path.Combine(folder.Path, "reference");
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(TestPaths.ReferenceData))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }
        return dir;
    }

    public static string WriteDeepTree(TempFolder folder)
    {
        var dir = Path.Combine(folder.Path, "reference");
        Directory.CreateDirectory(dir);
        object U(string code, string name, string kind, string? parent, double? lat = null, double? lon = null) =>
            new { code, name, shortName = name, kind, parent, lat, lon };
        var units = new List<object>
        {
            U("P", "Ủy ban nhân dân tỉnh Thử Nghiệm", "province", null),
            U("D1", "Huyện Một", "district", "P"),
            U("D2", "Huyện Hai", "district", "P"),
            U("C11", "Xã Một Một", "commune", "D1", 21.0, 107.0),
            U("C12", "Xã Một Hai", "commune", "D1", 21.1, 107.1),
            U("C13", "Phường Một Ba", "ward", "D1", 21.2, 107.2),
            U("C21", "Xã Hai Một", "commune", "D2", 21.3, 107.3),
            U("C22", "Đặc khu Hai Hai", "special-zone", "D2", 21.4, 107.4),
            U("S1", "Sở Tư pháp", "department", "P"),
            U("S1A", "Trung tâm Trợ giúp pháp lý", "department", "S1"),
            U("S2", "Sở Xây dựng", "department", "P"),
            U("CA", "Công an tỉnh", "agency", "P"),
        };
        var procedures = new object[]
        {
            new { code = "1.001", name = "Đăng ký khai sinh", field = "Hộ tịch", handledBy = "commune", workingDays = 1, onlineLevel = "full", fee = false },
            new { code = "1.002", name = "Chứng thực bản sao", field = "Chứng thực", handledBy = "commune", workingDays = 2, onlineLevel = "partial", fee = true },
            new { code = "1.003", name = "Xác nhận tình trạng hôn nhân", field = "Hộ tịch", handledBy = "commune", workingDays = 3, onlineLevel = "none", fee = false },
            new { code = "2.001", name = "Cấp Phiếu lý lịch tư pháp", field = "Lý lịch tư pháp", handledBy = "S1", workingDays = 10, onlineLevel = "full", fee = true },
            new { code = "2.002", name = "Cấp giấy phép xây dựng", field = "Xây dựng", handledBy = "S2", workingDays = 15, onlineLevel = "partial", fee = true },
            new { code = "2.003", name = "Đăng ký thường trú", field = "Cư trú", handledBy = "CA", workingDays = 7, onlineLevel = "full", fee = false },
            // Every other kind of limit the law writes, so random streams and the oracle cover them all.
            new { code = "1.004", name = "Công nhận người lao động có thu nhập thấp", field = "Giảm nghèo", handledBy = "commune", limit = new { kind = "calendar-days", amount = 15 }, onlineLevel = "none", fee = false },
            new { code = "1.005", name = "Thông báo lưu trú", field = "Cư trú", handledBy = "commune", limit = new { kind = "hours", amount = 8 }, onlineLevel = "full", fee = false },
            new { code = "1.006", name = "Chứng thực chữ ký", field = "Chứng thực", handledBy = "commune", limit = new { kind = "within-day" }, onlineLevel = "partial", fee = true },
            new { code = "2.004", name = "Phê duyệt đề án hỗ trợ nhà ở", field = "Nhà ở", handledBy = "S2", limit = new { kind = "none" }, onlineLevel = "none", fee = false },
        };
        var categories = new object[]
        {
            new { code = "moi-truong", name = "Môi trường", sla = new { workingDays = 5 }, responsible = "commune" },
            new { code = "thien-tai", name = "Thiên tai", sla = new { hours = 4 }, responsible = "S2" },
            new { code = "khac", name = "Khác", sla = new { workingDays = 10 }, responsible = "S1" },
        };
        var json = new JsonSerializerOptions { WriteIndented = true };
        File.WriteAllText(Path.Combine(dir, "units.json"), JsonSerializer.Serialize(new { units }, json));
        File.WriteAllText(Path.Combine(dir, "procedures.json"), JsonSerializer.Serialize(new { procedures }, json));
        File.WriteAllText(Path.Combine(dir, "hotline-categories.json"), JsonSerializer.Serialize(new { categories }, json));
        File.Copy(Path.Combine(TestPaths.ReferenceData, "holidays.json"), Path.Combine(dir, "holidays.json"));
        File.Copy(Path.Combine(TestPaths.ReferenceData, "scorecard.json"), Path.Combine(dir, "scorecard.json"));
        return dir;
    }
}
