using Ioc.Web.Features.Hotline;

namespace Ioc.Web.Tests.Hotline;

/// <summary>The workbench's address: what a reload or a shared link brings back, and which navigations were the page's own.</summary>
public sealed class HotlineAddressTests
{
    [Fact]
    public void Of_SelectionAndFilter_PathAndQueryThatParseBack()
    {
        var address = new HotlineAddress(QueueView.Triage);
        var filter = new QueueFilter { View = QueueView.Open, Search = "ngập", Page = 2 };

        var relative = address.Of("1022-260320-T001", filter);

        Assert.Equal("hotline/1022-260320-T001?view=open&q=ng%E1%BA%ADp&page=3", relative);
        Assert.Equal(filter, address.Parse(new Uri("https://ioc.example/" + relative)));
    }

    [Fact]
    public void Export_CurrentFilter_EveryPageAndTheFormat()
    {
        var address = new HotlineAddress(QueueView.Triage);

        Assert.Equal("export/hotline?view=all&channel=zalo&format=csv", address.Export(new QueueFilter { View = QueueView.All, Channel = Ioc.Domain.Tickets.TicketChannel.Zalo, Page = 4 }, "csv"));
        Assert.Equal("export/hotline?format=xlsx", address.Export(new QueueFilter(), "xlsx"));
    }

    [Fact]
    public void IsOwn_LateArrivalOfAnEarlierNavigation_OwnAndForgottenWithOlderOnes()
    {
        var address = new HotlineAddress(QueueView.Triage);
        address.Navigating("https://ioc.example/hotline/A");
        address.Navigating("https://ioc.example/hotline/B");

        Assert.True(address.IsOwn("https://ioc.example/hotline/B"));
        Assert.False(address.IsOwn("https://ioc.example/hotline/A"));
        Assert.False(address.IsOwn("https://ioc.example/hotline/C"));
    }
}
