using System.Globalization;
using Ioc.Web.Features.Map;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;

namespace Ioc.Web.Components.Shared;

/// <summary>
/// Communes coloured by one indicator (Plotly choropleth over GeoJSON the app serves: no tiles, no
/// base map, nothing from another site), with hotline tickets as bubbles on top. Rates take the
/// wall's threshold colours; the legend is HTML so that it scales with the page and reads vi-VN numbers.
/// </summary>
public sealed partial class CommuneMap : IDisposable
{
    /// <summary>Plotly draws a geo subplot on a world topology even when every base layer is hidden; this one is empty and local.</summary>
    public const string TopologyUrl = "/plotly/topojson/";

    public const string TicketColor = "rgba(171, 71, 188, 0.6)";

    // Tone classes as z: 0 no data, 1 bad, 2 warning, 3 good; the scale is stepped so each class is one flat colour.
    private static readonly object[][] ToneScale =
    [
        [0.0, ToneColors.NoData], [1 / 6.0, ToneColors.NoData],
        [1 / 6.0, ToneColors.Bad], [0.5, ToneColors.Bad],
        [0.5, ToneColors.Warning], [5 / 6.0, ToneColors.Warning],
        [5 / 6.0, ToneColors.Good], [1.0, ToneColors.Good],
    ];

    private PlotlyChart? _chart;
    private IList<ITrace> _data = [];
    private Plotly.Blazor.Layout _layout = new();
    private Config _config = new();
    private CommuneMapModel? _shown;
    private bool _shownTickets;
    private bool _ready;
    private bool _disposed;
    private IReadOnlyList<CommuneFigure> _bubbles = [];

    [Parameter, EditorRequired]
    public string Key { get; set; } = "";

    [Parameter, EditorRequired]
    public CommuneMapModel Model { get; set; } = null!;

    [Parameter]
    public bool Dark { get; set; }

    /// <summary>Height in pixels; null fills the parent (the wall's scene).</summary>
    [Parameter]
    public int? Height { get; set; }

    /// <summary>Hotline tickets by commune as a second layer (bubbles sized by count).</summary>
    [Parameter]
    public bool ShowTickets { get; set; }

    /// <summary>A click on a commune (or its bubble) gives its unit id; without a handler the map takes no clicks (the wall).</summary>
    [Parameter]
    public EventCallback<int> CommuneClicked { get; set; }

    private double CountMax => Math.Max(1, Model.MaxValue);

    private object[][] CountScale => Dark
        ? [[0.0, "#1a2a3a"], [1.0, "#4fc3f7"]]
        : [[0.0, "#e3f2fd"], [1.0, "#0d47a1"]];

    protected override void OnInitialized()
    {
        _config = new Config
        {
            DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.False,
            Responsive = true,
            ScrollZoom = Plotly.Blazor.ConfigLib.ScrollZoomFlag.False,
            TopoJsonUrl = TopologyUrl,
        };
        _layout = BuildLayout();
        _data = BuildTraces();
        _shown = Model;
        _shownTickets = ShowTickets;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (!_ready || _chart is null || _disposed || (ReferenceEquals(Model, _shown) && ShowTickets == _shownTickets))
        {
            return;
        }
        _shown = Model;
        _shownTickets = ShowTickets;
        // PlotlyChart holds this very list: refill it. The GeoJSON stays cached in the browser, so a redraw sends figures only.
        _data.Clear();
        foreach (var trace in BuildTraces())
        {
            _data.Add(trace);
        }
        try
        {
            await _chart.React();
        }
        catch (Exception) when (_disposed)
        {
            // The scene or page moved on while the update was in flight.
        }
    }

    private void OnChartReady()
    {
        _ready = true;
        if (CommuneClicked.HasDelegate && _chart is not null)
        {
            _ = _chart.SubscribeClickEvent();
        }
    }

    // Plotly.Blazor calls back synchronously; the navigation runs on the renderer's context.
    private void OnClick(IEnumerable<Plotly.Blazor.Interop.EventDataPoint> points) => _ = InvokeAsync(() => OnClickAsync(points));

    /// <summary>Called by Plotly.Blazor with the clicked points: trace 0 is the communes in model order, trace 1 the bubbles.</summary>
    private async Task OnClickAsync(IEnumerable<Plotly.Blazor.Interop.EventDataPoint> points)
    {
        var point = points.FirstOrDefault();
        // The interop hands numbers over as JSON elements (they may be arrays in 3D charts).
        var index = point?.PointNumber switch
        {
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Number } e => e.GetInt32(),
            IConvertible c => c.ToInt32(CultureInfo.InvariantCulture),
            _ => -1,
        };
        if (point is null)
        {
            return;
        }
        var list = point.TraceIndex == 1 ? _bubbles : Model.Communes;
        if (index >= 0 && index < list.Count)
        {
            await CommuneClicked.InvokeAsync(list[index].UnitId);
        }
    }

    public void Dispose() => _disposed = true;

    private List<ITrace> BuildTraces()
    {
        var rate = Model.Indicator.Measure == MapMeasure.Rate;
        var communes = Model.Communes;
        var traces = new List<ITrace>
        {
            new Choropleth
            {
                Name = T[Model.Indicator.Label],
                GeoJson = Model.GeoJsonUrl,
                FeatureIdKey = "properties.unit",
                Locations = [.. communes.Select(c => (object)c.UnitCode)],
                Z = [.. communes.Select(c => (object)(rate ? (double)ToneIndex(c.Tone) : c.Value ?? 0))],
                ZMin = 0,
                ZMax = rate ? 3 : (decimal)CountMax,
                ColorScale = rate ? ToneScale : CountScale,
                ShowScale = false,
                CustomData = [.. communes.Select(c => (object)new[] { c.Name, ValueText(c), T.Format("{0} phản ánh", Format.Number(c.Tickets)) })],
                HoverTemplate = "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}<extra></extra>",
                Marker = new Plotly.Blazor.Traces.ChoroplethLib.Marker
                {
                    Line = new Plotly.Blazor.Traces.ChoroplethLib.MarkerLib.Line { Color = Dark ? "#0b1622" : "#ffffff", Width = Dark ? 1.2m : 0.8m },
                },
            },
        };
        _bubbles = ShowTickets ? [.. communes.Where(c => c.Tickets > 0)] : [];
        if (_bubbles.Count > 0)
        {
            var max = (double)Model.MaxTickets;
            var largest = Dark ? 70.0 : 40.0;
            traces.Add(new ScatterGeo
            {
                Name = T["Phản ánh"],
                Lat = [.. _bubbles.Select(c => (object)c.Latitude)],
                Lon = [.. _bubbles.Select(c => (object)c.Longitude)],
                Mode = Plotly.Blazor.Traces.ScatterGeoLib.ModeFlag.Markers,
                // Area, not diameter, follows the count: a commune with four times the calls shows a bubble four times as large.
                Marker = new Plotly.Blazor.Traces.ScatterGeoLib.Marker
                {
                    SizeArray = [.. _bubbles.Select(c => (decimal?)Math.Round((decimal)(largest * Math.Sqrt(c.Tickets / max)), 1))],
                    Color = TicketColor,
                    Line = new Plotly.Blazor.Traces.ScatterGeoLib.MarkerLib.Line { Color = Dark ? "#f3e5f5" : "#4a148c", Width = 1 },
                },
                CustomData = [.. _bubbles.Select(c => (object)new[] { c.Name, T.Format("{0} phản ánh", Format.Number(c.Tickets)) })],
                HoverTemplate = "<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
            });
        }
        return traces;
    }

    private string ValueText(CommuneFigure c) =>
        $"{T[Model.Indicator.Label]}: " + (c.Value is not double v ? Format.NoData : Model.Indicator.Measure == MapMeasure.Rate ? Format.Percent(v) : Format.Number((long)v));

    private static int ToneIndex(KpiTone tone) => tone switch
    {
        KpiTone.Bad => 1,
        KpiTone.Warning => 2,
        KpiTone.Good => 3,
        _ => 0,
    };

    private Plotly.Blazor.Layout BuildLayout() => new()
    {
        Height = Height,
        AutoSize = true,
        PaperBgColor = "rgba(0,0,0,0)",
        PlotBgColor = "rgba(0,0,0,0)",
        Margin = new Margin { L = 0, R = 0, T = 0, B = 0 },
        ShowLegend = false,
        Font = new Font { Family = "Be Vietnam Pro, sans-serif", Color = Dark ? "#e8eef5" : "#263238", Size = Dark ? 22 : 13 },
        // vi-VN writes 1.842 and 77,1.
        Separators = CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator + CultureInfo.CurrentCulture.NumberFormat.NumberGroupSeparator,
        DragMode = Plotly.Blazor.LayoutLib.DragModeEnum.False,
        Geo =
        [
            new Geo
            {
                // No base map at all: the communes are the map, and nothing is fetched from another site.
                Visible = false,
                FitBounds = Plotly.Blazor.LayoutLib.GeoLib.FitBoundsEnum.Locations,
                BgColor = "rgba(0,0,0,0)",
                Projection = new Plotly.Blazor.LayoutLib.GeoLib.Projection { Type = Plotly.Blazor.LayoutLib.GeoLib.ProjectionLib.TypeEnum.Mercator },
            },
        ],
    };
}
