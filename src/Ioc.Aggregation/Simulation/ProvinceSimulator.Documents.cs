using System.Globalization;
using Ioc.Contracts;
using Ioc.Domain.Time;
using Ioc.Domain.Units;

namespace Ioc.Aggregation.Simulation;

/// <summary>
/// Documents of the province's document management system (văn bản đến/đi). Shares follow published
/// provincial figures where there are any (data/SOURCES.md, "Documents"): over 98 % of documents
/// exchanged electronically with a digital signature between provincial bodies, about 90 % of commune
/// work handled online. The rest are demo assumptions, named as such below.
/// </summary>
public sealed partial class ProvinceSimulator
{
    private const double IncomingShare = 0.6; // demo assumption: more văn bản đến than đi at a unit
    private const double ElectronicAtProvinceLevel = 0.98; // Quảng Ninh: "trên 98%" exchanged as electronic documents
    private const double ElectronicAtCommune = 0.90; // Quảng Ninh: 90 % of commune-level work files handled online
    private const double InterConnectedShare = 0.75; // demo assumption: the rest by official e-mail or scanned
    private const double SignedShare = 0.97; // demo assumption, near the 98 % signed exchanges above
    private const double DueGivenShare = 0.7; // demo assumption: many incoming documents are "để biết", without a due date
    private const double OnTimeShare = 0.9; // demo assumption
    private const double NeverProcessedShare = 0.03; // demo assumption: documents left open

    private static readonly string[] Assignees = ["Văn phòng", "Phòng Tổng hợp", "Phòng Chuyên môn", "Phòng Kế hoạch - Tài chính"];

    private static readonly int[] DueWorkingDays = [2, 3, 5, 5, 7, 10, 10, 15];

    private static readonly string[] DocumentSubjects =
    [
        "V/v báo cáo tình hình thực hiện cải cách hành chính quý",
        "V/v triển khai Đề án 06 về phát triển ứng dụng dữ liệu dân cư",
        "V/v đôn đốc giải quyết hồ sơ thủ tục hành chính quá hạn",
        "V/v góp ý dự thảo Nghị quyết của Hội đồng nhân dân tỉnh",
        "V/v tăng cường công tác phòng, chống thiên tai",
        "V/v rà soát, cập nhật dữ liệu đất đai",
        "V/v tổ chức hội nghị sơ kết công tác chuyển đổi số",
        "V/v phối hợp kiểm tra an toàn thực phẩm",
        "V/v trả lời phản ánh, kiến nghị của công dân",
        "V/v đề xuất danh mục đầu tư công trung hạn",
        "V/v thực hiện chế độ báo cáo thống kê",
        "V/v bảo đảm an ninh trật tự dịp lễ, Tết",
    ];

    private void GenerateDocuments(DateOnly day, List<IngestEvent> events)
    {
        // Documents are registered (vào sổ) in office hours, so only on working days.
        var (deskFactor, _) = DayFactors(day);
        if (_options.DocumentsPerDay == 0 || !_calendar.IsWorkingDay(day) || deskFactor <= 0)
        {
            return;
        }
        var units = new WeightedTable<Unit>(_catalog.Units.All.Where(u => u.IsActiveOn(day)).Select(u => (u, DocumentWeight(u))));
        var rng = SimRandom.Create(Seed, day.DayNumber, SimRandom.DocumentStream);
        var count = rng.Poisson(_options.DocumentsPerDay * deskFactor);
        var stamp = DayStamp(day);
        for (var n = 0; n < count; n++)
        {
            var unit = units.Pick(rng);
            var incoming = rng.Chance(IncomingShare);
            var electronic = rng.Chance(unit.IsLocal ? ElectronicAtCommune : ElectronicAtProvinceLevel);
            var code = $"{(incoming ? "VBDEN" : "VBDI")}-{unit.Code}-{CodeDay(day)}-{n.ToString("D4", CultureInfo.InvariantCulture)}";
            var log = new DocumentLog(events, $"sim-{Seed}-{stamp}-k{n}", code);
            var at = _clock.At(_clock.StartOf(day) + rng.Next(OfficeClock.MinutesPerDay), rng.Next(60));
            var subject = rng.Pick(DocumentSubjects);
            if (!incoming)
            {
                var issued = log.Add(EventTypes.DocumentIssued, at);
                (issued.Unit, issued.Electronic, issued.Subject) = (unit.Code, electronic, subject);
                issued.InterConnected = electronic && rng.Chance(InterConnectedShare);
                issued.DigitallySigned = electronic && rng.Chance(SignedShare);
                continue;
            }
            var received = log.Add(EventTypes.DocumentReceived, at);
            (received.Unit, received.Electronic, received.Subject) = (unit.Code, electronic, subject);
            received.InterConnected = electronic && rng.Chance(InterConnectedShare);

            // A leader assigns it within half a working day, usually with the due date (hạn xử lý).
            var assignedMinute = _clock.Ceiling(at) + 5 + rng.Next(240);
            var assigned = log.Add(EventTypes.DocumentAssigned, _clock.At(assignedMinute, rng.Next(60)));
            assigned.Assignee = rng.Pick(Assignees);
            long? dueMinute = null;
            if (rng.Chance(DueGivenShare))
            {
                dueMinute = _clock.EndOf(_clock.DayOf(assignedMinute + rng.Pick(DueWorkingDays) * OfficeClock.MinutesPerDay));
                assigned.DueAt = ProvinceTime.StartOfDay(_clock.DayOf(dueMinute.Value)).AddHours(17);
            }
            if (rng.Chance(NeverProcessedShare))
            {
                continue;
            }
            long processedMinute = dueMinute is long due
                ? rng.Chance(OnTimeShare)
                    ? assignedMinute + 1 + (long)(rng.NextDouble() * Math.Max(1, due - assignedMinute - 1))
                    : due + OfficeClock.MinutesPerDay * rng.Next(1, 8) + rng.Next(OfficeClock.MinutesPerDay)
                : assignedMinute + 1 + rng.Next(OfficeClock.MinutesPerDay * 8);
            log.Add(EventTypes.DocumentProcessed, _clock.At(processedMinute, rng.Next(60)));
        }
    }

    /// <summary>Demo assumption: the province's office handles most, a department several times a commune.</summary>
    private static double DocumentWeight(Unit unit) => unit.Kind switch
    {
        UnitKind.Province => 8,
        UnitKind.Department or UnitKind.Agency => 3,
        UnitKind.District => 2,
        _ => 1,
    };

    private sealed class DocumentLog(List<IngestEvent> sink, string idPrefix, string document)
    {
        private int _next;

        public IngestEvent Add(string type, DateTimeOffset at)
        {
            var e = new IngestEvent { Id = $"{idPrefix}-{_next++}", Type = type, OccurredAt = ProvinceTime.ToLocal(at), Document = document };
            sink.Add(e);
            return e;
        }
    }
}
