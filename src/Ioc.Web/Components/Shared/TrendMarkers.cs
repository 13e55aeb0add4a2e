using Plotly.Blazor.LayoutLib;

namespace Ioc.Web.Components.Shared;

/// <summary>A moment to mark on a trend chart (an alert, a notable event): a vertical line at one label, with a short text above it.</summary>
public sealed record ChartMarker(string Label, string Text, string Color = ChartMarker.AlertColor)
{
    public const string AlertColor = "#e53935";
}

/// <summary>Markers as Plotly layout shapes (dashed vertical lines over the whole plot height) and annotations (their labels).</summary>
public static class TrendMarkers
{
    /// <summary>At most this many labels are written; more markers at one label share one text.</summary>
    private const int MaxTextLength = 40;

    public static void Apply(Plotly.Blazor.Layout layout, IReadOnlyList<ChartMarker> markers, bool dark)
    {
        var byLabel = markers.GroupBy(m => m.Label).ToList();
        layout.Shapes = [.. byLabel.Select(g => new Shape
        {
            Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line,
            XRef = "x",
            YRef = "paper",
            X0 = g.Key,
            X1 = g.Key,
            Y0 = 0,
            Y1 = 1,
            Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = g.First().Color, Width = 2, Dash = "dash" },
        })];
        layout.Annotations = [.. byLabel.Select(g => new Annotation
        {
            XRef = "x",
            YRef = "paper",
            X = g.Key,
            Y = 1,
            YAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.YAnchorEnum.Bottom,
            ShowArrow = false,
            Text = Short(g.Count() == 1 ? g.First().Text : $"{g.First().Text} (+{g.Count() - 1})"),
            // An alert's red is too dark on the wall's navy: its lighter shade there; other markers' colours read on both.
            Font = new Plotly.Blazor.LayoutLib.AnnotationLib.Font { Color = dark && g.First().Color == ChartMarker.AlertColor ? "#ff8a80" : g.First().Color },
        })];
    }

    private static string Short(string text) => text.Length <= MaxTextLength ? text : text[..(MaxTextLength - 1)] + "…";
}
