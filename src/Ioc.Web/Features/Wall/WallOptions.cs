using System.ComponentModel.DataAnnotations;
using Ioc.Contracts;
using Ioc.Domain.Units;

namespace Ioc.Web.Features.Wall;

public enum WallSceneKind
{
    /// <summary>Big numbers of the province.</summary>
    Tiles,
    /// <summary>Units of some kinds ranked by one indicator.</summary>
    Ranking,
    /// <summary>Hotline load by category and channel, and the newest tickets.</summary>
    Hotline,
    /// <summary>Monthly trends over twelve months.</summary>
    Trends,
    /// <summary>Communes coloured by an indicator (a key of <see cref="Map.MapIndicators"/>) over the window, hotline tickets as bubbles.</summary>
    Map,
    /// <summary>Units of some kinds ranked on a yearly index (<see cref="WallScene.Indicator"/> = PAR, SIPAS, DTI …) in its newest year.</summary>
    Indices,
    /// <summary>Documents (văn bản đến/đi): the window's numbers, the year's shares, monthly rates, units with overdue documents.</summary>
    Documents,
}

/// <summary>What a ranking does with more units than fit at the wall's reading size: it never shrinks the text.</summary>
public enum RankingOverflow
{
    /// <summary>The top and the bottom of the ranking, with "… và N đơn vị khác" between them.</summary>
    TopBottom,
    /// <summary>Every unit, one screenful at a time, each page shown for <see cref="WallScene.PageSeconds"/>.</summary>
    Pages,
}

/// <summary>One scene of the wall. Scenes are configuration, so a province changes its wall without a rebuild.</summary>
public sealed class WallScene
{
    [Required]
    public string Key { get; set; } = "";

    [Required]
    public string Title { get; set; } = "";

    public WallSceneKind Kind { get; set; }

    /// <summary>Tiles scenes: tile keys in order (see <see cref="WallTiles"/>).</summary>
    public List<string> Tiles { get; set; } = [];

    /// <summary>Ranking scenes: which units are ranked.</summary>
    public List<UnitKind> UnitKinds { get; set; } = [];

    /// <summary>Ranking scenes: the indicator ranked (a key of <see cref="WallRankings"/>); indices scenes: the index code.</summary>
    public string Indicator { get; set; } = "on-time-rate";

    /// <summary>
    /// Map scenes: hotline tickets of the window as bubbles over the communes' colours. A wall that shows
    /// the hotline in its own scene may want the indicator's colours alone.
    /// </summary>
    public bool ShowTickets { get; set; } = true;

    /// <summary>Ranking and hotline scenes: the window.</summary>
    public KpiWindow Window { get; set; } = KpiWindow.Year;

    /// <summary>How long this scene stays; 0 takes the wall's interval. A paging ranking stays until its last page was shown.</summary>
    [Range(0, 3600)]
    public int Seconds { get; set; }

    /// <summary>Ranking scenes: what happens when there are more units than fit.</summary>
    public RankingOverflow Overflow { get; set; } = RankingOverflow.TopBottom;

    /// <summary>Ranking scenes with <see cref="RankingOverflow.Pages"/>: how long each page stays.</summary>
    [Range(3, 600)]
    public int PageSeconds { get; set; } = 10;

    /// <summary>Local time (province) from which the scene is shown, "HH:mm"; empty: from midnight.</summary>
    [RegularExpression(WallTimeWindow.Pattern, ErrorMessage = "From must be a time of day written HH:mm, e.g. 07:00.")]
    public string From { get; set; } = "";

    /// <summary>Local time until which the scene is shown, "HH:mm"; earlier than From means the window runs over midnight (19:00–07:00).</summary>
    [RegularExpression(WallTimeWindow.Pattern, ErrorMessage = "Until must be a time of day written HH:mm, e.g. 19:00.")]
    public string Until { get; set; } = "";

    /// <summary>Weekdays on which the scene is shown (Monday … Sunday); empty: every day.</summary>
    public List<DayOfWeek> Days { get; set; } = [];
}

/// <summary>A named list of scenes for some walls: a meeting room shows other scenes than the operations room.</summary>
public sealed class WallPlaylist
{
    [Required]
    public string Name { get; set; } = "";

    /// <summary>Keys of <see cref="WallOptions.Scenes"/>, in the order shown.</summary>
    public List<string> Scenes { get; set; } = [];
}

/// <summary>The wall (<c>Wall</c> section): scenes, their order and rhythm, playlists, and when a wall calls itself dead.</summary>
public sealed class WallOptions
{
    public const string Section = "Wall";

    [Range(5, 3600)]
    public int RotateSeconds { get; set; } = 20;

    /// <summary>How often a display-key screen re-checks that its key is still valid (revocation also arrives at once in this process).</summary>
    [Range(5, 600)]
    public int RevocationCheckSeconds { get; set; } = 30;

    /// <summary>
    /// A wall that hears nothing from the server (no data, no heartbeat) for this long dims and says
    /// "Mất kết nối"; a lost connection dims it at once.
    /// </summary>
    [Range(3, 3600)]
    public int DeadAfterSeconds { get; set; } = 45;

    public List<WallScene> Scenes { get; set; } = [];

    /// <summary>Named playlists; a display key names one, other screens may open <c>/wall?playlist=…</c>. Without one a wall plays every scene.</summary>
    public List<WallPlaylist> Playlists { get; set; } = [];

    public static List<WallScene> DefaultScenes() =>
    [
        new()
        {
            Key = "province", Title = "Toàn tỉnh hôm nay và từ đầu năm", Kind = WallSceneKind.Tiles,
            Tiles = ["received-today", "finished-today", "overdue-now", "tickets-today", "tickets-open", "tickets-overdue",
                     "online-rate-year", "full-service-rate-year", "on-time-rate-year", "payment-rate-year", "answered-on-time-year", "score-year"],
        },
        new() { Key = "departments", Title = "Xếp hạng sở, ban, ngành theo tỷ lệ đúng hạn", Kind = WallSceneKind.Ranking, UnitKinds = [UnitKind.Department, UnitKind.Agency], Indicator = "on-time-rate" },
        new() { Key = "communes", Title = "Xếp hạng xã, phường theo tỷ lệ hồ sơ trực tuyến", Kind = WallSceneKind.Ranking, UnitKinds = [UnitKind.Commune, UnitKind.Ward, UnitKind.SpecialZone], Indicator = "online-rate" },
        new() { Key = "hotline", Title = "Phản ánh kiến nghị hôm nay", Kind = WallSceneKind.Hotline, Window = KpiWindow.Today },
        new() { Key = "trends", Title = "Xu hướng 12 tháng", Kind = WallSceneKind.Trends },
        new() { Key = "map", Title = "Bản đồ xã, phường: đúng hạn và phản ánh từ đầu năm", Kind = WallSceneKind.Map, Indicator = "on-time-rate" },
        new() { Key = "documents", Title = "Văn bản điện tử hôm nay", Kind = WallSceneKind.Documents, Window = KpiWindow.Today },
    ];

    /// <summary>
    /// The scenes of a national deployment (the country at the root): the provinces ranked where a
    /// province's wall ranks its departments and communes; 442 departments or 3,321 communes side by
    /// side across provinces would tell a national leader nothing, and IOC ships no national map.
    /// </summary>
    public static List<WallScene> NationalScenes() =>
    [
        new()
        {
            Key = "country", Title = "Toàn quốc hôm nay và từ đầu năm", Kind = WallSceneKind.Tiles,
            Tiles = ["received-today", "finished-today", "overdue-now", "tickets-today", "tickets-open", "tickets-overdue",
                     "online-rate-year", "full-service-rate-year", "on-time-rate-year", "payment-rate-year", "answered-on-time-year", "score-year"],
        },
        new() { Key = "provinces", Title = "Xếp hạng tỉnh, thành phố theo tỷ lệ đúng hạn", Kind = WallSceneKind.Ranking, UnitKinds = [UnitKind.Province], Indicator = "on-time-rate" },
        new() { Key = "provinces-online", Title = "Xếp hạng tỉnh, thành phố theo tỷ lệ hồ sơ trực tuyến", Kind = WallSceneKind.Ranking, UnitKinds = [UnitKind.Province], Indicator = "online-rate" },
        new() { Key = "hotline", Title = "Phản ánh kiến nghị hôm nay", Kind = WallSceneKind.Hotline, Window = KpiWindow.Today },
        new() { Key = "trends", Title = "Xu hướng 12 tháng", Kind = WallSceneKind.Trends },
        new() { Key = "documents", Title = "Văn bản điện tử hôm nay", Kind = WallSceneKind.Documents, Window = KpiWindow.Today },
    ];
}
