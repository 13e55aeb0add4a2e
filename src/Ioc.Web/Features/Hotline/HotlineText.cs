using System.Globalization;
using Ioc.Aggregation.Hotline;
using Ioc.Domain.Tickets;
using Ioc.Web.Localization;

namespace Ioc.Web.Features.Hotline;

/// <summary>How the triage workbench names statuses, channels, actions and refusals, in the reader's language.</summary>
public static class HotlineText
{
    private static string T(string vietnamese) => UiText.Translate(vietnamese);

    private static string F(string vietnamese, params object?[] args) => string.Format(CultureInfo.CurrentCulture, UiText.Translate(vietnamese), args);

    public static string Status(TicketStatus s) => s switch
    {
        TicketStatus.New => T("Mới tiếp nhận"),
        TicketStatus.Triaged => T("Đã phân loại"),
        TicketStatus.Routed => T("Đã chuyển xử lý"),
        TicketStatus.InProgress => T("Đang xử lý"),
        TicketStatus.AwaitingInfo => T("Chờ bổ sung thông tin"),
        TicketStatus.Answered => T("Đã trả lời"),
        TicketStatus.Published => T("Đã công khai"),
        TicketStatus.Closed => T("Đã đóng"),
        TicketStatus.Rejected => T("Từ chối"),
        TicketStatus.ReturnedToTriage => T("Trả về phân loại lại"),
        _ => T("Trùng lặp"),
    };

    public static string Channel(TicketChannel c) => c switch
    {
        TicketChannel.Phone => T("Tổng đài 1022"),
        TicketChannel.App => T("Ứng dụng"),
        TicketChannel.Web => T("Cổng web"),
        TicketChannel.Zalo => "Zalo",
        TicketChannel.Email => "Email",
        _ => T("Cổng DVC quốc gia"),
    };

    public static string Urgency(TicketUrgency u) => u switch
    {
        TicketUrgency.High => T("Cao"),
        TicketUrgency.Urgent => T("Khẩn"),
        _ => T("Thường"),
    };

    /// <summary>The button or menu entry of an action.</summary>
    public static string Action(TriageAction a) => a switch
    {
        TriageAction.Classify => T("Phân loại"),
        TriageAction.Route => T("Chuyển xử lý"),
        TriageAction.SetUrgency => T("Mức độ khẩn"),
        TriageAction.MarkDuplicate => T("Đánh dấu trùng"),
        TriageAction.Reject => T("Từ chối"),
        TriageAction.SetDue => T("Đặt hạn xử lý"),
        TriageAction.Accept => T("Đơn vị tiếp nhận"),
        TriageAction.AwaitInfo => T("Chờ bổ sung thông tin"),
        TriageAction.InfoReceived => T("Đã nhận bổ sung"),
        TriageAction.Answer => T("Ghi nhận trả lời"),
        TriageAction.Publish => T("Công khai trả lời"),
        TriageAction.Rate => T("Đánh giá của người dân"),
        TriageAction.Close => T("Đóng phiếu"),
        _ => T("Trả về phân loại"),
    };

    /// <summary>The action as a verb after "cannot …".</summary>
    private static string Verb(TriageAction a) => a switch
    {
        TriageAction.Classify => T("phân loại"),
        TriageAction.Route => T("chuyển xử lý"),
        TriageAction.SetUrgency => T("đổi mức độ khẩn"),
        TriageAction.MarkDuplicate => T("đánh dấu trùng"),
        TriageAction.Reject => T("từ chối"),
        TriageAction.SetDue => T("đặt hạn xử lý"),
        TriageAction.Accept => T("chuyển sang đang xử lý"),
        TriageAction.AwaitInfo => T("chuyển sang chờ bổ sung thông tin"),
        TriageAction.InfoReceived => T("tiếp tục xử lý"),
        TriageAction.Answer => T("ghi nhận trả lời"),
        TriageAction.Publish => T("công khai"),
        TriageAction.Rate => T("ghi nhận đánh giá"),
        TriageAction.Close => T("đóng"),
        _ => T("trả về phân loại"),
    };

    public static string HistoryKind(TicketEventKind k) => k switch
    {
        TicketEventKind.Created => T("Tiếp nhận"),
        TicketEventKind.Triaged => T("Phân loại"),
        TicketEventKind.Routed => T("Chuyển xử lý"),
        TicketEventKind.Accepted => T("Đơn vị tiếp nhận xử lý"),
        TicketEventKind.AwaitingInfo => T("Chờ bổ sung thông tin"),
        TicketEventKind.InfoReceived => T("Nhận thông tin bổ sung"),
        TicketEventKind.Answered => T("Trả lời"),
        TicketEventKind.Published => T("Công khai"),
        TicketEventKind.Closed => T("Đóng phiếu"),
        TicketEventKind.Rejected => T("Từ chối"),
        TicketEventKind.ReturnedToTriage => T("Trả về phân loại"),
        TicketEventKind.MarkedDuplicate => T("Đánh dấu trùng"),
        TicketEventKind.Rated => T("Người dân đánh giá"),
        TicketEventKind.UrgencySet => T("Đổi mức độ khẩn"),
        _ => T("Đặt hạn xử lý"),
    };

    /// <summary>Why an action was not applied, in words an operator can act on.</summary>
    public static string Refusal(TriageRefusal r) => r.Code switch
    {
        "access.denied" => T("Chỉ tổng đài viên mới được xử lý phiếu."),
        "ticket.unknown" => F("Phiếu {0} không tồn tại.", r.TicketCode),
        "ticket.transition" when r.Status is TicketStatus s => F("Phiếu {0} đang ở trạng thái “{1}” nên không thể {2}.", r.TicketCode, Status(s), Verb(r.Action)),
        "ticket.transition" => F("Phiếu {0} không thể {1} ở trạng thái hiện tại.", r.TicketCode, Verb(r.Action)),
        "unit.unknown" => T("Hãy chọn đơn vị chủ trì xử lý."),
        "category.unknown" => T("Lĩnh vực không hợp lệ."),
        "ticket.uncategorized" => T("Hãy chọn lĩnh vực trước khi chuyển xử lý."),
        "ticket.private" => F("Người phản ánh đề nghị không công khai nên không thể công khai trả lời phiếu {0}.", r.TicketCode),
        "ticket.already-rated" => F("Đánh giá của người dân cho phiếu {0} đã được ghi nhận.", r.TicketCode),
        "ticket.duplicate-of" => T("Phiếu gốc được chọn không hợp lệ: hãy chọn một phiếu khác, chưa bị đánh dấu trùng."),
        "ticket.due" => T("Hạn xử lý phải sau thời điểm tiếp nhận phiếu."),
        "event.out-of-order" => F("Phiếu {0} vừa được cập nhật; hãy thử lại.", r.TicketCode),
        "ticket.changed" when r.Status is TicketStatus changed => F("Phiếu {0} vừa được đồng nghiệp cập nhật (nay là “{1}”). Thao tác chưa được lưu: hãy xem lại phiếu rồi thử lại.", r.TicketCode, Status(changed)),
        "ticket.changed" => F("Phiếu {0} vừa được đồng nghiệp cập nhật. Thao tác chưa được lưu: hãy xem lại phiếu rồi thử lại.", r.TicketCode),
        "request.repeated" => F("Phiếu {0} chỉ nhận một thao tác mỗi lần.", r.TicketCode),
        "field.missing" or "field.too-long" or "field.invalid" => r.Action switch
        {
            TriageAction.Reject or TriageAction.AwaitInfo or TriageAction.ReturnToTriage => T("Hãy nhập lý do."),
            TriageAction.SetDue => T("Hãy nhập hạn xử lý và lý do."),
            TriageAction.Answer => T("Hãy nhập nội dung trả lời."),
            TriageAction.Rate => T("Hãy chọn người dân hài lòng hay không."),
            TriageAction.SetUrgency => T("Hãy chọn mức độ khẩn."),
            TriageAction.Classify => T("Hãy chọn lĩnh vực hoặc mức độ khẩn."),
            _ => F("Thiếu thông tin: {0}", r.Message),
        },
        _ => F("Không thực hiện được: {0}", r.Message),
    };

    /// <summary>
    /// Why a ticket may be a duplicate, as the operator checks it: "cùng số điện thoại · cùng địa điểm
    /// Lê Thánh Tông · cùng xã/phường · từ giống: ngap, cong · cách 3 phút".
    /// </summary>
    public static string DuplicateReasons(DuplicateCandidate c, DateTimeOffset subjectAt)
    {
        var parts = new List<string>();
        foreach (var reason in c.Reasons)
        {
            parts.Add(reason switch
            {
                DuplicateReason.SamePhone => T("cùng số điện thoại"),
                DuplicateReason.SamePlace => F("cùng địa điểm: {0}", PlaceName(c)),
                DuplicateReason.SameCommune => T("cùng xã/phường"),
                DuplicateReason.Nearby => F("cách {0} m", ((long)(c.DistanceMetres ?? 0)).ToString("N0", CultureInfo.CurrentCulture)),
                DuplicateReason.SimilarWords => F("nội dung giống {0} ({1})", c.Similarity.ToString("P0", CultureInfo.CurrentCulture), string.Join(", ", c.SharedWords.Take(4))),
                _ => F("cách {0}", Duration(c.Ticket.CreatedAt - subjectAt)),
            });
        }
        return string.Join(" · ", parts);
    }

    /// <summary>The shared place as the candidate's text writes it ("Lê Thánh Tông"), else folded.</summary>
    private static string PlaceName(DuplicateCandidate c)
    {
        var folded = c.SharedPlace ?? "";
        foreach (var source in new[] { c.Ticket.Text, c.Ticket.Address ?? "" })
        {
            var words = source.Split([' ', ',', '.', ';', ':', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
            var n = folded.Split(' ').Length;
            for (var i = 0; i + n <= words.Length; i++)
            {
                var run = string.Join(' ', words.Skip(i).Take(n));
                if (Ioc.Domain.Text.SearchText.Fold(run) == folded)
                {
                    return run;
                }
            }
        }
        return folded;
    }

    /// <summary>
    /// A deadline no one misreads: one at midnight is the end of the day before ("hết ngày 08/12/2026"),
    /// not "09/12/2026 00:00"; any other carries its time ("09/12/2026 08:00").
    /// </summary>
    public static string Deadline(DateTimeOffset due)
    {
        var local = Ioc.Domain.Time.ProvinceTime.ToLocal(due);
        return local.TimeOfDay == TimeSpan.Zero
            ? F("hết ngày {0}", local.AddDays(-1).ToString("dd/MM/yyyy", CultureInfo.CurrentCulture))
            : local.ToString("dd/MM/yyyy HH:mm", CultureInfo.CurrentCulture);
    }

    /// <summary>"còn 1 ngày 4 giờ", "quá hạn 35 phút": SLA time in its own clock.</summary>
    public static string Duration(TimeSpan t)
    {
        var a = t.Duration();
        if (a.TotalDays >= 1)
        {
            return a.Hours == 0 ? F("{0} ngày", (int)a.TotalDays) : F("{0} ngày {1} giờ", (int)a.TotalDays, a.Hours);
        }
        if (a.TotalHours >= 1)
        {
            return a.Minutes == 0 ? F("{0} giờ", a.Hours) : F("{0} giờ {1} phút", a.Hours, a.Minutes);
        }
        return F("{0} phút", Math.Max(a.Minutes, a == TimeSpan.Zero ? 0 : 1));
    }

    public static string Sla(SlaReading r) => r.Tone switch
    {
        SlaTone.Overdue => F("quá hạn {0}", Duration(r.TimeLeft)),
        SlaTone.Paused => r.TimeLeft < TimeSpan.Zero ? F("tạm dừng · quá hạn {0}", Duration(r.TimeLeft)) : F("tạm dừng · còn {0}", Duration(r.TimeLeft)),
        SlaTone.DoneOnTime => T("trả lời đúng hạn"),
        SlaTone.DoneLate => T("trả lời trễ hạn"),
        SlaTone.NotApplicable => "—",
        _ => F("còn {0}", Duration(r.TimeLeft)),
    };
}
