using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;

namespace Ioc.Web.Components.Shared;

/// <summary>How one series is drawn.</summary>
public enum SeriesKind
{
    Bars,
    Line,
    /// <summary>A percentage line: on the right axis (0–100 %) beside counts, on the only axis when every series is a rate.</summary>
    RateLine,
    /// <summary>A line of counts of another scale than the bars (tickets beside dossiers), on its own right axis.</summary>
    SecondaryLine,
}

/// <param name="Values">Null where there is no data (a gap, never a zero).</param>
public sealed record TrendSeries(string Name, SeriesKind Kind, IReadOnlyList<string> Labels, IReadOnlyList<double?> Values, string Color);

/// <summary>
/// A Plotly chart of a few series over the same labels. Plotly charts do not re-render with their
/// parent, so changes go out as small updates: new values of existing labels are restyled, new
/// labels extend the traces (a rolling window), and only a different set of series redraws.
/// On the wall (<see cref="ScaleToViewport"/>) its text sizes are shares of the screen's height and
/// follow a resize; axes make room for their labels (automargin), so no tick label is cut.
/// </summary>
public sealed partial class TrendChart : IAsyncDisposable
{
    private PlotlyChart? _chart;
    private IList<ITrace> _data = [];
    private Plotly.Blazor.Layout _layout = new();
    private readonly Config _config = new() { DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.False, Responsive = true, StaticPlot = false };
    private IReadOnlyList<TrendSeries> _shown = [];
    private string? _shownPartial;
    private ChartScale? _scale;
    private ViewportInterop? _viewport;
    private ElementReference _box;
    private DotNetObjectReference<TrendChart>? _self;
    private bool _ready;
    private bool _wasEmpty;
    private bool _disposed;

    [Inject] public required IJSRuntime JS { get; init; }

    [Parameter, EditorRequired]
    public string Key { get; set; } = "";

    [Parameter, EditorRequired]
    public IReadOnlyList<TrendSeries> Series { get; set; } = [];

    /// <summary>What the chart shows, above it.</summary>
    [Parameter]
    public string? Title { get; set; }

    [Parameter]
    public bool Dark { get; set; }

    /// <summary>Height in pixels; ignored with <see cref="Fill"/>.</summary>
    [Parameter]
    public int Height { get; set; } = 320;

    /// <summary>The chart takes the height of its box (the wall's scenes), not a fixed one.</summary>
    [Parameter]
    public bool Fill { get; set; }

    /// <summary>Text sizes follow the screen's height (the wall), instead of fixed desk sizes.</summary>
    [Parameter]
    public bool ScaleToViewport { get; set; }

    /// <summary>Bars run left to right with the labels down the side (long category names).</summary>
    [Parameter]
    public bool Horizontal { get; set; }

    /// <summary>The label of a period still running (this month): drawn lighter and hatched, with <see cref="PartialText"/> above it.</summary>
    [Parameter]
    public string? PartialLabel { get; set; }

    [Parameter]
    public string? PartialText { get; set; }

    /// <summary>Alerts and notable events, drawn as vertical lines at their labels; a new list redraws the chart.</summary>
    [Parameter]
    public IReadOnlyList<ChartMarker> Markers { get; set; } = [];

    private IReadOnlyList<ChartMarker> _shownMarkers = [];

    /// <summary>Said instead of drawing empty axes when no series has a value above zero; null: always draw.</summary>
    [Parameter]
    public string? EmptyText { get; set; }

    private bool IsEmpty => EmptyText is not null && Series.All(s => s.Values.All(v => v is null or 0));

    /// <summary>The largest number of labels kept when the series roll forward.</summary>
    [Parameter]
    public int MaxPoints { get; set; } = 12;

    /// <summary>How many redraws, restyles and extensions were sent, for tests of the update strategy.</summary>
    public (int Redraws, int Restyles, int Extensions) Updates { get; private set; }

    protected override void OnInitialized()
    {
        if (!ScaleToViewport)
        {
            Draw(ChartScale.Page);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && ScaleToViewport && RendererInfo.IsInteractive)
        {
            _self = DotNetObjectReference.Create(this);
            _viewport = new ViewportInterop(JS);
            Draw(ChartScale.ForScreenHeight(await _viewport.ObserveAsync(_self, _box)));
            StateHasChanged();
        }
    }

    private void Draw(ChartScale scale)
    {
        _scale = scale;
        _wasEmpty = IsEmpty;
        _layout = BuildLayout();
        _data = BuildTraces();
        _shown = Series;
        _shownPartial = PartialLabel;
        _shownMarkers = Markers;
    }

    [JSInvokable]
    public async Task OnViewportResized(double height)
    {
        var scale = ChartScale.ForScreenHeight(height);
        if (_disposed || scale == _scale || _chart is null)
        {
            return;
        }
        _scale = scale;
        // PlotlyChart holds this layout and this list: change them in place, then send both again.
        _layout.Font.Size = scale.Tick;
        Refill(BuildTraces());
        await _chart.React();
        Updates = Updates with { Redraws = Updates.Redraws + 1 };
    }

    protected override async Task OnParametersSetAsync()
    {
        var empty = IsEmpty;
        if (_scale is not null && (empty || _wasEmpty))
        {
            // The plot leaves the page while there is nothing to draw and comes back as a new plot.
            _wasEmpty = empty;
            _ready = false;
            if (!empty)
            {
                Draw(_scale);
            }
            return;
        }
        if (!_ready || _chart is null || _disposed || (ReferenceEquals(Series, _shown) && PartialLabel == _shownPartial && ReferenceEquals(Markers, _shownMarkers)))
        {
            return;
        }
        try
        {
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
        if (PartialLabel != _shownPartial
            || !ReferenceEquals(Markers, _shownMarkers)
            || previous.Count != Series.Count
            || previous.Zip(Series).Any(p => p.First.Name != p.Second.Name || p.First.Kind != p.Second.Kind))
        {
            // The running month moved on, new markers, or other series: the marks are in the layout and per point, so draw again.
            _shownPartial = PartialLabel;
            _shownMarkers = Markers;
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

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_viewport is not null)
        {
            await _viewport.DisposeAsync();
        }
        _self?.Dispose();
    }

    private async Task RestyleAsync()
    {
        // One Plotly.update for all traces: new x and y arrays, nothing else sent again.
        var labels = Series.Select(s => (object)s.Labels.ToArray()).ToArray();
        var values = Series.Select(s => (object)s.Values.ToArray()).ToArray();
        var update = new Dictionary<string, object> { ["x"] = Horizontal ? values : labels, ["y"] = Horizontal ? labels : values };
        var layout = CountSteps();
        if (!Horizontal)
        {
            // Plotly clears the type of every axis whose data a restyle replaces, unless the same update sets it,
            // and then guesses it again from the data: months "01/2026", "02" … "12" read as numbers, and the wall's
            // month axis turned into a linear "2 4 6 … 12" at the first live update.
            layout["xaxis.type"] = "category";
        }
        await _chart!.Update(update, layout, Enumerable.Range(0, Series.Count));
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
        Refill(BuildTraces());
        var fresh = BuildLayout();
        // The layout object is PlotlyChart's too: carry the parts that depend on the data over to it.
        _layout.Shapes = fresh.Shapes;
        _layout.Annotations = fresh.Annotations;
        _layout.XAxis = fresh.XAxis;
        _layout.YAxis = fresh.YAxis;
        _layout.ShowLegend = fresh.ShowLegend;
        await _chart!.React();
        Updates = Updates with { Redraws = Updates.Redraws + 1 };
    }

    private void Refill(IEnumerable<ITrace> traces)
    {
        // PlotlyChart holds this very list: refill it instead of assigning the component's parameter.
        _data.Clear();
        foreach (var trace in traces)
        {
            _data.Add(trace);
        }
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

    /// <summary>Every series is a rate: they share one 0–100 % axis on the left.</summary>
    private bool RatesOnly => Series.Count > 0 && Series.All(s => s.Kind == SeriesKind.RateLine);

    private string? SecondaryAxis => RatesOnly ? null
        : Series.Any(s => s.Kind == SeriesKind.RateLine) ? "rate"
        : Series.Any(s => s.Kind == SeriesKind.SecondaryLine) ? "count"
        : null;

    private List<ITrace> BuildTraces()
    {
        var scale = _scale ?? ChartScale.Page;
        return
        [
            .. Series.Select(s => s.Kind == SeriesKind.Bars
                ? (ITrace)new Bar
                {
                    Name = s.Name,
                    X = Horizontal ? s.Values.Select(v => (object?)v).ToList()! : s.Labels.Cast<object>().ToList(),
                    Y = Horizontal ? s.Labels.Cast<object>().ToList() : s.Values.Select(v => (object?)v).ToList()!,
                    Orientation = Horizontal ? Plotly.Blazor.Traces.BarLib.OrientationEnum.H : Plotly.Blazor.Traces.BarLib.OrientationEnum.V,
                    Marker = BarMarker(s),
                }
                : new Scatter
                {
                    Name = s.Name,
                    X = s.Labels.Cast<object>().ToList(),
                    Y = s.Values.Select(v => (object?)v).ToList()!,
                    Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                    YAxis = s.Kind is SeriesKind.RateLine or SeriesKind.SecondaryLine && !RatesOnly ? "y2" : "y",
                    Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = s.Color, Width = scale.Line },
                    Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = s.Color, Size = scale.Marker },
                }),
        ];
    }

    /// <summary>Bars in the series' colour; the running period's bar lighter and hatched, so that it does not read as a collapse.</summary>
    private Plotly.Blazor.Traces.BarLib.Marker BarMarker(TrendSeries s)
    {
        var partial = PartialLabel is null ? -1 : IndexOf(s.Labels, PartialLabel);
        if (partial < 0)
        {
            return new Plotly.Blazor.Traces.BarLib.Marker { Color = s.Color };
        }
        return new Plotly.Blazor.Traces.BarLib.Marker
        {
            Color = s.Color,
            OpacityArray = [.. s.Labels.Select((_, i) => (decimal?)(i == partial ? 0.45m : 1m))],
            Pattern = new Plotly.Blazor.Traces.BarLib.MarkerLib.Pattern
            {
                ShapeArray = [.. s.Labels.Select((_, i) => (Plotly.Blazor.Traces.BarLib.MarkerLib.PatternLib.ShapeEnum?)(i == partial
                    ? Plotly.Blazor.Traces.BarLib.MarkerLib.PatternLib.ShapeEnum.Slash
                    : Plotly.Blazor.Traces.BarLib.MarkerLib.PatternLib.ShapeEnum.Empty))],
                FgColor = "#ffffff",
                Solidity = 0.3m,
            },
        };
    }

    private Plotly.Blazor.Layout BuildLayout()
    {
        var scale = _scale ?? ChartScale.Page;
        var text = Dark ? "#e8eef5" : "#263238";
        var grid = Dark ? "#2c3e50" : "#e0e0e0";
        var culture = System.Globalization.CultureInfo.CurrentCulture.NumberFormat;
        var secondary = SecondaryAxis;
        var primaryColor = secondary == "count" ? Series.FirstOrDefault(s => s.Kind != SeriesKind.SecondaryLine)?.Color : null;
        var secondaryColor = secondary == "count" ? Series.First(s => s.Kind == SeriesKind.SecondaryLine).Color : null;
        var margin = (decimal)Math.Round(scale.Tick * 0.4);
        var layout = new Plotly.Blazor.Layout
        {
            Height = Fill ? null : Height,
            AutoSize = true,
            PaperBgColor = "rgba(0,0,0,0)",
            PlotBgColor = "rgba(0,0,0,0)",
            Font = new Font { Family = "Be Vietnam Pro, sans-serif", Color = text, Size = scale.Tick },
            // Small fixed margins; the axes and the legend push them out as far as their labels need (automargin).
            Margin = new Margin { L = margin, R = margin, T = margin, B = margin },
            ShowLegend = Series.Count > 1,
            // vi-VN writes 1.842 and 77,1: Plotly's decimal and thousands separators, in that order.
            Separators = culture.NumberDecimalSeparator + culture.NumberGroupSeparator,
            Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, X = 0, Y = 1.02m, YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Bottom }],
            XAxis =
            [
                new XAxis
                {
                    GridColor = grid, AutoMargin = Plotly.Blazor.LayoutLib.XAxisLib.AutoMarginFlag.True, TickFormat = Horizontal ? ",d" : null,
                    DTick = Horizontal ? WholeStep(Series) : null,
                    RangeMode = Horizontal ? Plotly.Blazor.LayoutLib.XAxisLib.RangeModeEnum.ToZero : null,
                    // Labels are names of periods ("02", "03" on the wall): never read as numbers on a linear axis.
                    Type = Horizontal ? null : Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category,
                },
            ],
            YAxis = [PrimaryAxis(grid, primaryColor)],
        };
        if (secondary is not null)
        {
            layout.YAxis.Add(secondary == "rate"
                ? new YAxis { Overlaying = "y", Side = Plotly.Blazor.LayoutLib.YAxisLib.SideEnum.Right, Range = [0, 100], TickSuffix = " %", ShowGrid = false, AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True }
                : new YAxis
                {
                    Overlaying = "y", Side = Plotly.Blazor.LayoutLib.YAxisLib.SideEnum.Right, ShowGrid = false, TickFormat = ",d", DTick = WholeStep(SecondarySeries),
                    RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero, AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True,
                    // The right axis in the colour of its line, the left one in the colour of the bars: which number goes with which is plain.
                    Color = secondaryColor,
                });
        }
        // Alerts and notable events first (they set the layout's shapes and annotations), then the running period beside them.
        TrendMarkers.Apply(layout, Markers, Dark);
        var partial = PartialLabel is null || Horizontal || Series.Count == 0 ? -1 : IndexOf(Series[0].Labels, PartialLabel);
        if (partial >= 0)
        {
            layout.Shapes.Add(
                new Shape
                {
                    Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Rect, XRef = "x", YRef = "paper",
                    X0 = partial - 0.5, X1 = partial + 0.5, Y0 = 0, Y1 = 1,
                    FillColor = Dark ? "rgba(255,255,255,0.07)" : "rgba(0,0,0,0.05)",
                    Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Width = 0 },
                    Layer = Plotly.Blazor.LayoutLib.ShapeLib.LayerEnum.Below,
                });
            layout.Annotations.Add(
                new Annotation
                {
                    // Above the plot, over the running period's column and ending at its right edge: clear of bars and lines.
                    XRef = "x", YRef = "paper", X = partial + 0.5, Y = 1, YAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.YAnchorEnum.Bottom,
                    XAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.XAnchorEnum.Right, ShowArrow = false, Text = PartialText ?? "",
                    Font = new Plotly.Blazor.LayoutLib.AnnotationLib.Font { Size = scale.Annotation, Color = Dark ? "#ffe082" : "#6d4c41" },
                });
        }
        return layout;
    }

    /// <summary>The series on the left (count) axis: all but rates and the secondary line.</summary>
    private IEnumerable<TrendSeries> PrimarySeries => Series.Where(s => s.Kind is SeriesKind.Bars or SeriesKind.Line);

    private IEnumerable<TrendSeries> SecondarySeries => Series.Where(s => s.Kind == SeriesKind.SecondaryLine);

    /// <summary>
    /// A tick at every whole number while the counts are small: left to itself Plotly steps by 0.5 below
    /// about five, and with ",d" the axis then reads 0, 1, 1, 2, 2. Larger counts keep Plotly's own steps
    /// (2, 5, 10 …), which are whole already.
    /// </summary>
    private static int? WholeStep(IEnumerable<TrendSeries> series) =>
        series.SelectMany(s => s.Values).Select(v => v ?? 0).DefaultIfEmpty(0).Max() <= 6 ? 1 : null;

    /// <summary>The count axes' steps for a restyle, as the new values need them (null: back to Plotly's own).</summary>
    private Dictionary<string, object> CountSteps()
    {
        var steps = new Dictionary<string, object>();
        if (Horizontal)
        {
            steps["xaxis.dtick"] = WholeStep(Series)!;
        }
        else if (!RatesOnly)
        {
            steps["yaxis.dtick"] = WholeStep(PrimarySeries)!;
            if (SecondaryAxis == "count")
            {
                steps["yaxis2.dtick"] = WholeStep(SecondarySeries)!;
            }
        }
        return steps;
    }

    private YAxis PrimaryAxis(string grid, string? color)
    {
        if (Horizontal)
        {
            return new YAxis { GridColor = grid, AutoRange = Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed, AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True };
        }
        if (RatesOnly)
        {
            return new YAxis { GridColor = grid, Range = [0, 100], TickSuffix = " %", AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True };
        }
        return new YAxis
        {
            GridColor = grid, RangeMode = Plotly.Blazor.LayoutLib.YAxisLib.RangeModeEnum.ToZero, TickFormat = ",d", DTick = WholeStep(PrimarySeries),
            AutoRange = Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.True, AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True, Color = color,
        };
    }
}
