using Ioc.Aggregation.Indices;
using Ioc.Domain.Indices;
using Ioc.Domain.Units;
using Microsoft.AspNetCore.Components;

namespace Ioc.Web.Features.Indices;

/// <summary>
/// A unit's yearly indices: the province's national ranks (on the province's page), the unit's own
/// results by year with its rank among siblings of its kind, and its children ranked on one index and
/// year. Results change once a year by import, so the panel reads them when the unit changes, not live.
/// </summary>
public sealed partial class UnitIndicesPanel : ComponentBase
{
    private IReadOnlyList<UnitIndexHistory>? _history;
    private IReadOnlyList<UnitIndexHistory> _national = [];
    private IReadOnlyList<int> _nationalYears = [];
    private IReadOnlyList<UnitIndexHistory> _own = [];
    private IReadOnlyList<(AnnualIndex Index, IReadOnlyList<int> Years)> _childYears = [];
    private ChildrenIndexRanking? _children;
    private int _loadedUnit = -1;

    [Parameter, EditorRequired]
    public Unit Unit { get; set; } = null!;

    [Inject] public required AnnualIndexQueries Queries { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        if (Unit.Id == _loadedUnit)
        {
            return;
        }
        _loadedUnit = Unit.Id;
        var history = await Queries.HistoryAsync(Unit.Id);
        // The province's rows are its national results; any other unit's are its own results in the province.
        _national = Unit.ParentId is null ? history : [];
        _own = Unit.ParentId is null ? [] : history;
        _nationalYears = [.. _national.SelectMany(h => h.Years.Select(y => y.Result.Year)).Distinct().OrderDescending()];
        _childYears = await Queries.ChildYearsAsync(Unit.Id);
        _children = _childYears.Count > 0 ? await Queries.ChildrenAsync(Unit.Id, _childYears[0].Index, _childYears[0].Years[0]) : null;
        _history = history;
    }

    private async Task ChooseAsync(AnnualIndex index, int year) => _children = await Queries.ChildrenAsync(Unit.Id, index, year);
}
