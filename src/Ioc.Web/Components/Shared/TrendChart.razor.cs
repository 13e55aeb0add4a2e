using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;

namespace Ioc.Web.Components.Shared;

/// <summary>How one series is drawn.</summary>
public enum SeriesKind
{
    Bars,
    Line,
    /// <summary>A percentage line on the right axis.</summary>
    RateLine,
}

/// <param name="Values">Null where there is no data (a gap, never a zero).</param>
public sealed record TrendSeries(string Name, SeriesKind Kind, IReadOnlyList<string> Labels, IReadOnlyList<double?> Values, string Color);

/// <summary>
/// A Plotly chart of a few series over the same labels. Plotly charts do not re-render with their
/// parent, so changes go out as small updates: new values of existing labels are restyled, new
/// labels extend the traces (a rolling window), and only a different set of series redraws.
/// </summary>
public sealed partial class TrendChart : IDisposable
{
    private PlotlyChart? _chart;
    private IList<ITrace> _data = [];
    private Plotly.Blazor.Layout _layout = new();
    private readonly Config _config = new() { DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.False, Responsive = true, StaticPlot = false };
    private IReadOnlyList<TrendSeries> _shown = [];
    private bool _ready;
    private bool _disposed;

    [Parameter, EditorRequired]
    public string Key { get; set; } = "";

    [Parameter, EditorRequired]
    public IReadOnlyList<TrendSeries> Series { get; set; } = [];

    [Parameter]
    public bool Dark { get; set; }

    [Parameter]
    public int Height { get; set; } = 320;

    /// <summary>Bars run left to right with the labels down the side (long category names).</summary>
    [Parameter]
    public bool Horizontal { get; set; }

    /// <summary>Alerts and notable events, drawn as vertical lines at their labels; a new list redraws the chart.</summary>
    [Parameter]
    public IReadOnlyList<ChartMarker> Markers { get; set; } = [];

    private IReadOnlyList<ChartMarker> _shownMarkers = [];

    /// <summary>The largest number of labels kept when the series roll forward.</summary>
    [Parameter]
    public int MaxPoints { get; set; } = 12;

    /// <summary>How many redraws, restyles and extensions were sent, for tests of the update strategy.</summary>
    public (int Redraws, int Restyles, int Extensions) Updates { get; private set; }

    protected override void OnInitialized()
    {
        _layout = BuildLayout();
        _data = BuildTraces(Series, Horizontal);
        _shown = Series;
        TrendMarkers.Apply(_layout, _shownMarkers = Markers, Dark);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (!_ready || _chart is null || _disposed || (ReferenceEquals(Series, _shown) && ReferenceEquals(Markers, _shownMarkers)))
        {
            return;
        }
        try
        {
            if (!ReferenceEquals(Markers, _shownMarkers))
            {
                // The layout changed, not only the points: send everything again.
                TrendMarkers.Apply(_layout, _shownMarkers = Markers, Dark);
                _shown = Series;
                await RedrawAsync();
                return;
            }
            await UpdateChartAsync();
        }
        catch (Exception) when (_disposed)
        {
            // The scene moved on while an update was in flight: nothing to show it on.
        }
    }

    private async Task UpdateChartAsync()
    {
        var previous = _shown;
        _shown = Series;
        if (previous.Count != Series.Count || previous.Zip(Series).Any(p => p.First.Name != p.Second.Name || p.First.Kind != p.Second.Kind))
        {
            await RedrawAsync();
            return;
        }
        var oldLabels = previous[0].Labels;
        var newLabels = Series[0].Labels;
        var appended = newLabels.Count > 0 && oldLabels.Count > 0 ? IndexOf(newLabels, oldLabels[^1]) : -1;
        if (newLabels.SequenceEqual(oldLabels))
        {
            await RestyleAsync();
        }
        else if (appended >= 0 && appended < newLabels.Count - 1)
        {
            // The window moved on (a new day or month): extend in place, keep MaxPoints.
            var added = newLabels.Skip(appended + 1).ToList();
            await _chart!.ExtendTraces(
                Series.Select(_ => (IEnumerable<object>)added.Cast<object>().ToList()),
                Series.Select(s => (IEnumerable<object>)s.Values.Skip(appended + 1).Select(v => (object?)v ?? double.NaN).Cast<object>().ToList()),
                Enumerable.Range(0, Series.Count), MaxPoints);
            Updates = Updates with { Extensions = Updates.Extensions + 1 };
            await RestyleAsync();
        }
        else
        {
            await RedrawAsync();
        }
    }

    private void OnChartReady() => _ready = true;

    public void Dispose() => _disposed = true;

    private async Task RestyleAsync()
    {
        // One Plotly.update for all traces: new x and y arrays, nothing else sent again.
        var labels = Series.Select(s => (object)s.Labels.ToArray()).ToArray();
        var values = Series.Select(s => (object)s.Values.ToArray()).ToArray();
        var update = new Dictionary<string, object> { ["x"] = Horizontal ? values : labels, ["y"] = Horizontal ? labels : values };
        await _chart!.Update(update, new Dictionary<string, object>(), Enumerable.Range(0, Series.Count));
        for (var i = 0; i < Series.Count; i++)
        {
            // Keep the C# traces in step, so that a later redraw starts from what is shown.
            SetPoints(_data[i], Series[i], Horizontal);
        }
        Updates = Updates with { Restyles = Updates.Restyles + 1 };
    }

    private static void SetPoints(ITrace trace, TrendSeries series, bool horizontal)
    {
        var labels = series.Labels.Cast<object>().ToList();
        var values = series.Values.Select(v => (object?)v).ToList();
        switch (trace)
        {
            case Bar bar when horizontal:
                bar.X = values!;
                bar.Y = labels;
                break;
            case Bar bar:
                bar.X = labels;
                bar.Y = values!;
                break;
            case Scatter line:
                line.X = labels;
                line.Y = values!;
                break;
        }
    }

    private async Task RedrawAsync()
    {
        // PlotlyChart holds this very list: refill it instead of assigning the component's parameter.
        _data.Clear();
        foreach (var trace in BuildTraces(Series, Horizontal))
        {
            _data.Add(trace);
        }
        await _chart!.React();
        Updates = Updates with { Redraws = Updates.Redraws + 1 };
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] == label)
            {
                return i;
            }
        }
        return -1;
    }

    private static List<ITrace> BuildTraces(IReadOnlyList<TrendSeries> series, bool horizontal) =>
    [
        .. series.Select(s => s.Kind == SeriesKind.Bars
            ? (ITrace)new Bar
            {
                Name = s.Name,
                X = horizontal ? s.Values.Select(v => (object?)v).ToList()! : s.Labels.Cast<object>().ToList(),
                Y = horizontal ? s.Labels.Cast<object>().ToList() : s.Values.Select(v => (object?)v).ToList()!,
                Orientation = horizontal ? Plotly.Blazor.Traces.BarLib.OrientationEnum.H : Plotly.Blazor.Traces.BarLib.OrientationEnum.V,
                Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = s.Color },
            }
            : new Scatter
            {
                Name = s.Name,
                X = s.Labels.Cast<object>().ToList(),
                Y = s.Values.Select(v => (object?)v).ToList()!,
                Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                YAxis = s.Kind == SeriesKind.RateLine ? "y2" : "y",
                Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = s.Color, Width = 3 },
                Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = s.Color, Size = 7 },
            }),
    ];

    private Plotly.Blazor.Layout BuildLayout()
    {
        var text = Dark ? "#e8eef5" : "#263238";
        var grid = Dark ? "#2c3e50" : "#e0e0e0";
        return new Plotly.Blazor.Layout
        {
            Height = Height,
            AutoSize = true,
            PaperBgColor = "rgba(0,0,0,0)",
            PlotBgColor = "rgba(0,0,0,0)",
            Font = new Font { Family = "Be Vietnam Pro, sans-serif", Color = text, Size = Dark ? 18 : 13 },
            Margin = new Margin { L = Horizontal ? 340 : 56, R = 56, T = 16, B = 40 },
            ShowLegend = Series.Count > 1,
            // vi-VN writes 1.842 and 77,1: Plotly's decimal and thousands separators, in that order.
            Separators = System.Globalization.CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator + System.Globalization.CultureInfo.CurrentCulture.NumberFormat.NumberGroupSeparator,
            Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, Y = -0.2m }],
            XAxis = [new XAxis { GridColor = grid, TickFont = new Plotly.Blazor.LayoutLib.XAxisLib.TickFont { Color = text } }],
            YAxis =
            [
                new YAxis { GridColor = grid, RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero, TickFormat = Horizontal ? null : ",d", AutoRange = Horizontal ? Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed : Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.True },
                new YAxis { Overlaying = "y", Side = Plotly.Blazor.LayoutLib.YAxisLib.SideEnum.Right, Range = [0, 100], TickSuffix = " %", ShowGrid = false },
            ],
        };
    }
}
