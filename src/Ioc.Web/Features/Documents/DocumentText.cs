using Ioc.Aggregation.Documents;
using Ioc.Domain.Catalog;
using Ioc.Domain.Documents;
using Ioc.Web.Features.Exports;

namespace Ioc.Web.Features.Documents;

/// <summary>A document as the list and its exports show it.</summary>
public sealed record DocumentListRow(DocumentState Document, string UnitName, bool IsOverdue);

/// <summary>Vietnamese names of document states and the list's columns (the page and the exports share them).</summary>
public static class DocumentText
{
    public static string Direction(DocumentDirection d) => d == DocumentDirection.Incoming ? "Văn bản đến" : "Văn bản đi";

    public static string Status(DocumentStatus s) => s switch
    {
        DocumentStatus.Received => "Chờ giao xử lý",
        DocumentStatus.Assigned => "Đang xử lý",
        DocumentStatus.Processed => "Đã xử lý",
        _ => "Đã ban hành",
    };

    public static string Format(DocumentState d) => d.Electronic ? "Điện tử" : "Giấy";

    public static string ViewName(DocumentListView v) => v switch
    {
        DocumentListView.Received => "Văn bản đến trong kỳ",
        DocumentListView.Issued => "Văn bản đi trong kỳ",
        DocumentListView.Processed => "Văn bản đã xử lý trong kỳ",
        DocumentListView.Open => "Văn bản đang xử lý (hiện tại)",
        _ => "Văn bản quá hạn (hiện tại)",
    };

    /// <summary>"Quá hạn" for an open document past its due day (as the figure counts it), "Trễ hạn" for one processed late.</summary>
    public static string Verdict(DocumentListRow r) =>
        r.IsOverdue ? "Quá hạn" : r.Document.ProcessedOnTime switch { true => "Đúng hạn", false => "Trễ hạn", null => "" };

    public static DocumentListRow Describe(DocumentState d, ReferenceCatalog catalog, DateOnly today) =>
        new(d, catalog.Units.Find(d.UnitId)?.Name ?? "", d.IsOpen && d.DueAt is DateTimeOffset due && Domain.Time.ProvinceTime.LocalDate(due) < today);

    public static readonly IReadOnlyList<TableColumn<DocumentListRow>> Columns =
    [
        new("Mã văn bản", r => r.Document.Code),
        new("Loại", r => Direction(r.Document.Direction)),
        new("Đơn vị", r => r.UnitName),
        new("Trích yếu", r => r.Document.Subject),
        new("Hình thức", r => Format(r.Document)),
        new("Liên thông", r => r.Document.InterConnected ? "Có" : ""),
        new("Ký số", r => r.Document.Direction == DocumentDirection.Outgoing ? r.Document.DigitallySigned ? "Có" : "Không" : ""),
        new("Trạng thái", r => Status(r.Document.Status)),
        new("Ngày đến/ban hành", r => r.Document.RegisteredAt, ColumnFormat.DateTime),
        new("Hạn xử lý", r => r.Document.DueAt, ColumnFormat.DateTime),
        new("Ngày xử lý xong", r => r.Document.ProcessedAt, ColumnFormat.DateTime),
        new("Đúng/quá hạn", Verdict),
    ];
}
