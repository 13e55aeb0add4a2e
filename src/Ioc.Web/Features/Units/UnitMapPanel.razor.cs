using Ioc.Domain.Indicators;
using Ioc.Web.Features.Map;
using Microsoft.AspNetCore.Components;

namespace Ioc.Web.Features.Units;

/// <summary>
/// The map tab of a unit with communes below it. Its state (indicator, tickets layer) lives in the page's
/// URL (<c>ind</c>, <c>tickets</c>), so a shared link shows the same map; the page's window applies.
/// </summary>
public sealed partial class UnitMapPanel
{
    private CommuneMapModel? _model;
    private string? _loadedKey;
    private object? _loadedRevision;

    [Parameter, EditorRequired]
    public int UnitId { get; set; }

    [Parameter, EditorRequired]
    public DayRange Range { get; set; }

    /// <summary>The window as query parameters, carried into the commune's page.</summary>
    [Parameter, EditorRequired]
    public string WindowQuery { get; set; } = "";

    [Parameter]
    public string? IndicatorKey { get; set; }

    [Parameter]
    public bool ShowTickets { get; set; }

    /// <summary>Changes when the page re-read its figures after live updates: the map re-reads too.</summary>
    [Parameter]
    public object? Revision { get; set; }

    [Inject] public required CommuneMapQueries Maps { get; init; }
    [Inject] public required NavigationManager Navigation { get; init; }

    private MapIndicator Indicator => MapIndicators.Find(IndicatorKey);

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{UnitId}|{Range.From}|{Range.To}|{Indicator.Key}";
        if (key != _loadedKey || !ReferenceEquals(Revision, _loadedRevision))
        {
            _model = await Maps.LoadAsync(UnitId, Range, Indicator.Key);
            _loadedKey = key;
            _loadedRevision = Revision;
        }
    }

    private void OnIndicatorChanged(string key) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["ind"] = key == MapIndicators.DefaultKey ? null : key, ["tab"] = "map" }));

    private void OnTicketsChanged(bool show) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["tickets"] = show ? "1" : null, ["tab"] = "map" }));

    private void OpenCommune(int unitId) => Navigation.NavigateTo($"/units/{unitId}?{WindowQuery}");
}
