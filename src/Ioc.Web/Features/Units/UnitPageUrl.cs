using System.Globalization;
using Ioc.Aggregation.Dossiers;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Indicators;

namespace Ioc.Web.Features.Units;

/// <summary>
/// Everything the unit page keeps in its URL, in one record: the window, the tab and the dossier
/// list's filters. The page and the export endpoint read the same parameters through it, so an
/// export link carries exactly the page's list (<c>w</c>/<c>from</c>/<c>to</c>, not a second pair of dates).
/// </summary>
/// <param name="AllTime">"Toàn bộ thời gian": the list ignores the window; only ever an explicit choice (<c>all=1</c>).</param>
/// <param name="Basis">Which date the window selects on: received (the default) or finished (<c>basis=finished</c>).</param>
/// <param name="Lost">Only the dossiers that cost a 766 line its points (<c>lost=late</c>, …), as the score card links them.</param>
public sealed record UnitPageUrl(
    WindowSelection Window,
    string Tab = UnitPageUrl.OverviewTab,
    DossierStatusFilter Status = DossierStatusFilter.Any,
    DossierChannel? Channel = null,
    int? Procedure = null,
    bool AllTime = false,
    DossierListBasis Basis = DossierListBasis.Received,
    string? Code = null,
    DossierSort Sort = DossierSort.OverdueFirst,
    int Page = 1,
    ScoreShortfall? Lost = null)
{
    public const string OverviewTab = "overview";
    public const string DossiersTab = "dossiers";

    public static readonly UnitPageUrl Default = new(WindowSelection.Default);

    /// <summary>The page's reading: anything it cannot read falls back to the default, as a typed-in link should.</summary>
    public static UnitPageUrl Parse(Func<string, string?> query)
    {
        TryParse(query, out var url, out _, lenient: true);
        return url;
    }

    /// <summary>
    /// The export's reading: a value it cannot read is an error naming the parameter, so a file never
    /// silently holds other rows than the link asked for.
    /// </summary>
    public static bool TryParse(Func<string, string?> query, out UnitPageUrl url, out string? error) => TryParse(query, out url, out error, lenient: false);

    private static bool TryParse(Func<string, string?> query, out UnitPageUrl url, out string? error, bool lenient)
    {
        var errors = new List<string>();
        // Names only: "status=3" would otherwise read as whatever the enum's fourth member is.
        T? Enum<T>(string name) where T : struct, System.Enum
        {
            var value = query(name);
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }
            if (System.Enum.TryParse<T>(value, ignoreCase: true, out var v) && System.Enum.IsDefined(v) && !int.TryParse(value, out _))
            {
                return v;
            }
            errors.Add($"'{name}={value}': giá trị không hợp lệ (cho phép: {string.Join(", ", System.Enum.GetNames<T>())}).");
            return null;
        }

        var w = query("w");
        var window = WindowSelection.Parse(w, query("from"), query("to"));
        if (!string.IsNullOrEmpty(w) && (w == "custom" ? window.Named is not null : window.Key != w))
        {
            errors.Add(w == "custom"
                ? $"'w=custom&from={query("from")}&to={query("to")}': cần hai ngày dạng yyyy-MM-dd, từ ngày không sau đến ngày."
                : $"'w={w}': khoảng thời gian không hợp lệ (cho phép: {string.Join(", ", WindowSelection.Choices.Select(c => c.Key))}, custom).");
        }
        var status = Enum<DossierStatusFilter>("status") ?? DossierStatusFilter.Any;
        var channel = Enum<DossierChannel>("channel");
        int? procedure = null;
        if (query("proc") is { Length: > 0 } proc)
        {
            if (int.TryParse(proc, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0)
            {
                procedure = p;
            }
            else
            {
                errors.Add($"'proc={proc}': mã thủ tục phải là số nguyên dương.");
            }
        }
        var all = query("all");
        if (all is { Length: > 0 } and not ("1" or "0"))
        {
            errors.Add($"'all={all}': chỉ nhận 1 (toàn bộ thời gian) hoặc 0.");
        }
        var basis = Enum<DossierListBasis>("basis") ?? DefaultBasis(status);
        var sort = Enum<DossierSort>("sort") ?? DossierSort.OverdueFirst;
        var lost = Enum<ScoreShortfall>("lost");
        var page = int.TryParse(query("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var pg) && pg > 0 ? pg : 1;
        var code = query("q");
        url = new UnitPageUrl(window, string.IsNullOrEmpty(query("tab")) ? OverviewTab : query("tab")!, status, channel, procedure, all == "1", basis,
            string.IsNullOrWhiteSpace(code) ? null : code.Trim(), sort, page, lost);
        error = errors.Count == 0 ? null : string.Join(" ", errors);
        return lenient || error is null;
    }

    /// <summary>The dossier list's filter: bound to the page's window unless "toàn bộ thời gian" was chosen.</summary>
    public DossierFilter Filter(int unitId, DayRange range) =>
        new(unitId, Status, Channel, Procedure, AllTime ? null : range.From, AllTime ? null : range.To, Code, Sort, Basis, Lost);

    /// <summary>The list's filters taken from a changed filter (the window and "all" stay as they are), back on page 1.</summary>
    public UnitPageUrl WithFilter(DossierFilter f) =>
        this with
        {
            Tab = DossiersTab, Status = f.Status, Channel = f.Channel, Procedure = f.ProcedureId, Code = f.CodeSearch, Sort = f.Sort, Page = 1, Lost = f.Shortfall,
            // A new status brings the basis of the figure it matches ("quá hạn" is a state now, "đã trả kết quả" a finish in the window).
            Basis = f.Status != Status ? DefaultBasis(f.Status) : f.Basis,
        };

    /// <summary>
    /// The basis a link with only a status means: states now for open, overdue, due-soon and waiting
    /// dossiers (like the figures "đang giải quyết", "quá hạn"), finishes in the window for completed and
    /// returned ones, receipts in the window otherwise. A link such as <c>?w=today&amp;status=Overdue</c> then
    /// lists what its figure counts, not the few overdue dossiers received today.
    /// </summary>
    public static DossierListBasis DefaultBasis(DossierStatusFilter status) => status switch
    {
        DossierStatusFilter.Open or DossierStatusFilter.InProcessing or DossierStatusFilter.Overdue or DossierStatusFilter.DueSoon or DossierStatusFilter.AwaitingSupplement => DossierListBasis.Current,
        DossierStatusFilter.Completed or DossierStatusFilter.Returned => DossierListBasis.Finished,
        _ => DossierListBasis.Received,
    };

    /// <summary>The query string, defaults left out, in a fixed order so that equal states give equal links.</summary>
    public string Query
    {
        get
        {
            var parts = new List<string> { Window.Query };
            void Add(string name, string? value)
            {
                if (!string.IsNullOrEmpty(value))
                {
                    parts.Add($"{name}={Uri.EscapeDataString(value)}");
                }
            }
            Add("tab", Tab == OverviewTab ? null : Tab);
            Add("status", Status == DossierStatusFilter.Any ? null : Status.ToString());
            Add("channel", Channel?.ToString());
            Add("proc", Procedure?.ToString(CultureInfo.InvariantCulture));
            Add("all", AllTime ? "1" : null);
            Add("basis", Basis == DefaultBasis(Status) ? null : Basis.ToString().ToLowerInvariant());
            Add("q", Code);
            Add("sort", Sort == DossierSort.OverdueFirst ? null : Sort.ToString());
            Add("page", Page > 1 ? Page.ToString(CultureInfo.InvariantCulture) : null);
            Add("lost", Lost is ScoreShortfall l ? ShortfallKey(l) : null);
            return string.Join('&', parts);
        }
    }

    /// <summary>"late", "offline", "fullserviceoffline", …: the URL's spelling of a shortfall (read back case-insensitively).</summary>
    public static string ShortfallKey(ScoreShortfall shortfall) => shortfall.ToString().ToLowerInvariant();
}
