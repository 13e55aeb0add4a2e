namespace Ioc.Web.Components.Shared;

/// <summary>
/// Text sizes of a chart, in pixels. On the wall they are shares of the screen's shorter side (its
/// height in landscape, its width in portrait), so that a 4K screen shows the same picture as a full-HD
/// one (axis text 3 %: 32 px at 1080, 65 px at 2160) and a portrait screen the same text as a landscape
/// one; on a desk page they are fixed.
/// </summary>
public sealed record ChartScale(int Tick, int Legend, int Annotation, int Line, int Marker)
{
    public static readonly ChartScale Page = new(13, 13, 12, 3, 7);

    public const double TickShare = 0.03;

    public static ChartScale ForScreenHeight(double height)
    {
        int Share(double share) => (int)Math.Round(height * share);
        return new(Share(TickShare), Share(TickShare), Share(0.026), Math.Max(3, Share(0.004)), Math.Max(7, Share(0.011)));
    }
}
