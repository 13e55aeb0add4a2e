using Ioc.Aggregation.Hotline;

namespace Ioc.Web.Features.Hotline;

/// <summary>What a key does on the workbench (outside a dialog and outside a field being typed in).</summary>
public enum WorkbenchCommand
{
    Next,
    Previous,
    Route,
    Classify,
    SetUrgency,
    MarkDuplicate,
    Reject,
    SetDue,
    Accept,
    AwaitInfo,
    InfoReceived,
    Answer,
    Publish,
    Rate,
    Close,
    ReturnToTriage,
    Check,
    CheckAll,
    BulkRoute,
    BulkUrgency,
    BulkReject,
    NewCall,
    ShowArrivals,
    Retry,
    ExportXlsx,
    ExportCsv,
    Sound,
    PreviousPage,
    NextPage,
    TabTriage,
    TabOpen,
    TabOverdue,
    TabDueSoon,
    TabAll,
    Help,
}

/// <summary>
/// One line of the shortcut help. <paramref name="Keys"/> are the browser's <c>KeyboardEvent.key</c>
/// values ("j", "ArrowDown", "R" for Shift+R); a line without a command is handled by the browser
/// or the dialogs themselves (search, Enter, Esc, 1/2/3).
/// </summary>
public sealed record WorkbenchShortcut(IReadOnlyList<string> Keys, string What, WorkbenchCommand? Command = null);

/// <summary>
/// Every key of the triage workbench, in one table: the script listens for exactly these keys
/// (HotlinePage.razor.js receives the map), the page acts on their commands, the buttons show their
/// keys and the "?" help lists them, so that none of the four can drift from the others.
/// </summary>
public static class HotlineShortcuts
{
    public static readonly IReadOnlyList<WorkbenchShortcut> All =
    [
        new(["j", "ArrowDown"], "Phiếu tiếp theo", WorkbenchCommand.Next),
        new(["k", "ArrowUp"], "Phiếu trước", WorkbenchCommand.Previous),
        new(["/"], "Tìm kiếm"),
        new(["r"], "Chuyển xử lý (điền sẵn theo gợi ý)", WorkbenchCommand.Route),
        new(["c"], "Phân loại lĩnh vực", WorkbenchCommand.Classify),
        new(["u"], "Đặt mức độ khẩn (rồi 1, 2, 3)", WorkbenchCommand.SetUrgency),
        new(["d"], "Đánh dấu trùng với phiếu khác", WorkbenchCommand.MarkDuplicate),
        new(["s"], "Từ chối (tin rác, gọi nhầm) kèm lý do", WorkbenchCommand.Reject),
        new(["h"], "Đặt hạn xử lý thủ công", WorkbenchCommand.SetDue),
        new(["t"], "Đơn vị tiếp nhận xử lý", WorkbenchCommand.Accept),
        new(["b"], "Chờ người dân bổ sung thông tin", WorkbenchCommand.AwaitInfo),
        new(["i"], "Đã nhận thông tin bổ sung", WorkbenchCommand.InfoReceived),
        new(["a"], "Ghi nhận trả lời (có mẫu theo lĩnh vực)", WorkbenchCommand.Answer),
        new(["p"], "Công khai trả lời", WorkbenchCommand.Publish),
        new(["g"], "Ghi nhận đánh giá của người dân", WorkbenchCommand.Rate),
        new(["o"], "Đóng phiếu", WorkbenchCommand.Close),
        new(["v"], "Trả về phân loại", WorkbenchCommand.ReturnToTriage),
        new(["x"], "Chọn / bỏ chọn phiếu để thao tác hàng loạt", WorkbenchCommand.Check),
        new(["X"], "Chọn / bỏ chọn mọi phiếu của trang", WorkbenchCommand.CheckAll),
        new(["R"], "Chuyển xử lý các phiếu đã chọn", WorkbenchCommand.BulkRoute),
        new(["U"], "Đặt mức độ khẩn cho các phiếu đã chọn", WorkbenchCommand.BulkUrgency),
        new(["S"], "Từ chối các phiếu đã chọn", WorkbenchCommand.BulkReject),
        new(["n"], "Ghi nhận cuộc gọi mới", WorkbenchCommand.NewCall),
        new(["N"], "Xem các phiếu mới đến", WorkbenchCommand.ShowArrivals),
        new(["l"], "Thử lại thao tác chưa lưu được", WorkbenchCommand.Retry),
        new(["e"], "Xuất danh sách theo bộ lọc hiện tại (Excel)", WorkbenchCommand.ExportXlsx),
        new(["E"], "Xuất danh sách theo bộ lọc hiện tại (CSV)", WorkbenchCommand.ExportCsv),
        new(["m"], "Bật / tắt âm báo phiếu mới", WorkbenchCommand.Sound),
        new(["["], "Trang trước của hàng đợi", WorkbenchCommand.PreviousPage),
        new(["]"], "Trang sau của hàng đợi", WorkbenchCommand.NextPage),
        new(["1"], "Thẻ “Cần phân loại”", WorkbenchCommand.TabTriage),
        new(["2"], "Thẻ “Đang mở”", WorkbenchCommand.TabOpen),
        new(["3"], "Thẻ “Quá hạn”", WorkbenchCommand.TabOverdue),
        new(["4"], "Thẻ “Đến hạn trong 24 giờ”", WorkbenchCommand.TabDueSoon),
        new(["5"], "Thẻ “Tất cả”", WorkbenchCommand.TabAll),
        new(["Ctrl+Enter"], "Ghi nhận trong hộp thoại"),
        new(["1", "2", "3"], "Chọn mức độ khẩn hoặc đánh giá trong hộp thoại"),
        new(["?"], "Danh sách phím tắt", WorkbenchCommand.Help),
        new(["Escape"], "Đóng hộp thoại, rời ô nhập liệu"),
    ];

    /// <summary>Key → command name, for the script: the only keys it turns into calls.</summary>
    public static IReadOnlyDictionary<string, string> ScriptMap { get; } = All
        .Where(s => s.Command is not null)
        .SelectMany(s => s.Keys.Select(k => (Key: k, Command: s.Command!.Value.ToString())))
        .ToDictionary(p => p.Key, p => p.Command, StringComparer.Ordinal);

    /// <summary>The key of a ticket action, as its button shows it; null for none.</summary>
    public static string? KeyOf(TriageAction action) =>
        Enum.TryParse<WorkbenchCommand>(action.ToString(), out var command) ? KeyOf(command) : null;

    public static string? KeyOf(WorkbenchCommand command) =>
        All.FirstOrDefault(s => s.Command == command) is { } s ? Display(s.Keys[0]) : null;

    /// <summary>A key as people name it: ↓ for ArrowDown, Shift+R for R, Esc for Escape.</summary>
    public static string Display(string key) => key switch
    {
        "ArrowDown" => "↓",
        "ArrowUp" => "↑",
        "Escape" => "Esc",
        { Length: 1 } k when char.IsUpper(k[0]) => "Shift+" + k,
        var k => k,
    };

    /// <summary>The workbench command of a ticket action (every action has one, and a key).</summary>
    public static WorkbenchCommand CommandOf(TriageAction action) => Enum.Parse<WorkbenchCommand>(action.ToString());

    /// <summary>The ticket action a command opens; null for the workbench's other commands.</summary>
    public static TriageAction? ActionOf(WorkbenchCommand command) =>
        Enum.TryParse<TriageAction>(command.ToString(), out var action) ? action : null;
}
