using Bunit;
using Ioc.Web.Features.Hotline;
using static Ioc.Web.Tests.Hotline.HotlineFixtures;

namespace Ioc.Web.Tests.Hotline;

/// <summary>Citizens' texts are text: markup shows as typed, long texts fold with the whole one click away.</summary>
public sealed class PlainTextTests : IocTestContext
{
    private const string Hostile = "Đường ngập <script>alert('x')</script><img src=x onerror=\"alert(1)\"> <b>đậm</b>";

    [Fact]
    public void TicketText_Markup_ShownLiterallyAndNoElementCreated()
    {
        var cut = Render<TicketText>(p => p.Add(x => x.Text, Hostile));

        var text = cut.Find("[data-ticket-text]");
        Assert.Equal(Hostile, text.TextContent);
        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("b"));
        Assert.Contains("&lt;script&gt;", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void TicketText_Long_FoldedWithWholeTextOneClickAway()
    {
        var text = "Nước thải tràn ra đường. " + string.Concat(Enumerable.Repeat("Rất hôi thối. ", 200));
        var cut = Render<TicketText>(p => p.Add(x => x.Text, text).Add(x => x.Limit, 300));

        Assert.Equal(301, cut.Find("[data-ticket-text]").TextContent.Length);
        var toggle = cut.Find("button.text-toggle");
        Assert.Equal($"Xem toàn văn ({text.Length:N0} ký tự)".Replace(",", ".", StringComparison.Ordinal), toggle.TextContent.Trim());

        toggle.Click();

        Assert.Equal(text, cut.Find("[data-ticket-text]").TextContent);
        Assert.Equal("true", cut.Find("button.text-toggle").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void QueueRow_MarkupInText_Literal()
    {
        var queue = new QueueState();
        queue.Apply(new Aggregation.Hotline.TicketPage([new(Ticket(text: Hostile), Hostile.Length)], 1, TimeSpan.Zero), [], Monday);

        var cut = Render<TicketQueueTable>(p => p.Add(x => x.Queue, queue).Add(x => x.Workflow, Workflow).Add(x => x.Catalog, Catalog).Add(x => x.Now, Monday));

        Assert.Equal(Hostile, cut.Find("[data-ticket-text]").TextContent);
        Assert.Empty(cut.FindAll("tbody script, tbody img, tbody b"));
    }
}
