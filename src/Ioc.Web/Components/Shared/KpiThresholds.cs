using System.ComponentModel.DataAnnotations;
using Ioc.Contracts;

namespace Ioc.Web.Components.Shared;

public enum KpiTone
{
    Neutral,
    Good,
    Warning,
    Bad,
}

public static class KpiToneCss
{
    /// <summary>
    /// The tone's CSS class, "tone-good" and so on: one string per tone. Written as <c>tone-@tone.ToString().ToLowerInvariant()</c>
    /// each render made two strings per tile or row, and a live page keeps those of its last two renders.
    /// </summary>
    public static string Class(this KpiTone tone) => tone switch
    {
        KpiTone.Good => "tone-good",
        KpiTone.Warning => "tone-warning",
        KpiTone.Bad => "tone-bad",
        _ => "tone-neutral",
    };
}

/// <summary>When a rate tile turns green, amber or red (<c>Dashboard:Thresholds</c>); 766 gives full points at 80 %.</summary>
public sealed class KpiThresholds
{
    public const string Section = "Dashboard:Thresholds";

    [Range(0, 1)]
    public double Good { get; set; } = 0.8;

    [Range(0, 1)]
    public double Warning { get; set; } = 0.6;

    public KpiTone ToneOf(Rate rate) => ToneOf(rate.Value);

    /// <summary>Neutral where nothing was counted.</summary>
    public KpiTone ToneOf(double? value) => value is double v ? ToneOf(v) : KpiTone.Neutral;

    public KpiTone ToneOf(double value) => value >= Good ? KpiTone.Good : value >= Warning ? KpiTone.Warning : KpiTone.Bad;
}
