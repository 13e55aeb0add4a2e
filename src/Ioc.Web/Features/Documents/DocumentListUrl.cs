using System.Globalization;
using Ioc.Aggregation.Documents;

namespace Ioc.Web.Features.Documents;

/// <summary>
/// The document list's part of the unit page's URL (<c>dview</c>, <c>dpage</c>), read the same way by the
/// page (leniently) and by the export (strictly: a value it cannot read is an error naming it).
/// </summary>
public sealed record DocumentListUrl(DocumentListView View = DocumentListView.Received, int Page = 1)
{
    public const string Tab = "documents";

    public static DocumentListUrl Parse(string? view, string? page)
    {
        TryParse(view, page, out var url, out _);
        return url;
    }

    public static bool TryParse(string? view, string? page, out DocumentListUrl url, out string? error)
    {
        error = null;
        var v = DocumentListView.Received;
        if (!string.IsNullOrEmpty(view) && !(Enum.TryParse(view, ignoreCase: true, out v) && Enum.IsDefined(v) && !int.TryParse(view, out _)))
        {
            error = $"'dview={view}': giá trị không hợp lệ (cho phép: {string.Join(", ", Enum.GetNames<DocumentListView>().Select(n => n.ToLowerInvariant()))}).";
            v = DocumentListView.Received;
        }
        var p = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        url = new DocumentListUrl(v, p);
        return error is null;
    }

    /// <summary>The parameters, defaults left out.</summary>
    public string Query =>
        string.Join('&', new[]
        {
            View == DocumentListView.Received ? null : "dview=" + View.ToString().ToLowerInvariant(),
            Page > 1 ? "dpage=" + Page.ToString(CultureInfo.InvariantCulture) : null,
        }.Where(p => p is not null));
}
