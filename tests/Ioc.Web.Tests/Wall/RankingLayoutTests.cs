using Ioc.Contracts;
using Ioc.Web.Features.Wall;

namespace Ioc.Web.Tests.Wall;

/// <summary>A ranking never shrinks its text: 130 communes show their top and bottom with the count of the rest, or page.</summary>
public sealed class RankingLayoutTests
{
    private static List<RankedUnit> Ranked(int count) => [.. Enumerable.Range(1, count).Select(i => new RankedUnit(i, 1000 + i, $"Xã {i}", new Rate(count - i, count)))];

    [Fact]
    public void Lay_FewerThanFit_EveryUnitAndNothingHidden()
    {
        var view = RankingLayout.Lay(Ranked(18), RankingOverflow.TopBottom);

        Assert.Equal(18, view.Top.Count);
        Assert.Equal(0, view.Hidden);
        Assert.Empty(view.Bottom);
    }

    [Fact]
    public void Lay_130CommunesTopBottom_Top12Bottom11AndTheCountOfTheRest()
    {
        var view = RankingLayout.Lay(Ranked(130), RankingOverflow.TopBottom);

        Assert.Equal(Enumerable.Range(1, 12), view.Top.Select(r => r.Rank!.Value));
        Assert.Equal(Enumerable.Range(120, 11), view.Bottom.Select(r => r.Rank!.Value));
        Assert.Equal(107, view.Hidden);
        Assert.Equal(RankingLayout.Capacity, view.Top.Count + view.Bottom.Count + 1);
    }

    [Fact]
    public void Lay_130CommunesPages_SixPagesOf24AndTheLastHoldsTheRest()
    {
        Assert.Equal(6, RankingLayout.PageCount(130));
        var second = RankingLayout.Lay(Ranked(130), RankingOverflow.Pages, page: 1);
        Assert.Equal(Enumerable.Range(25, 24), second.Top.Select(r => r.Rank!.Value));
        Assert.Equal((1, 6), (second.Page, second.Pages));

        var last = RankingLayout.Lay(Ranked(130), RankingOverflow.Pages, page: 5);
        Assert.Equal(Enumerable.Range(121, 10), last.Top.Select(r => r.Rank!.Value));

        // Page numbers run on: after the last page comes the first.
        Assert.Equal(0, RankingLayout.Lay(Ranked(130), RankingOverflow.Pages, page: 6).Page);
    }
}
