using Bunit;
using Ioc.Aggregation.Hotline;
using Ioc.Domain.Tickets;
using Ioc.Web.Features.Hotline;
using static Ioc.Web.Tests.Hotline.HotlineFixtures;

namespace Ioc.Web.Tests.Hotline;

/// <summary>Reporters' names and phones: in clear only for hotline staff on the ticket itself, masked everywhere else.</summary>
public sealed class MaskingTests : IocTestContext
{
    [Fact]
    public void ReporterLine_NotInClear_MasksEvenWhenGivenClearData()
    {
        var cut = Render<ReporterLine>(p => p.Add(x => x.Name, "Nguyễn Văn An").Add(x => x.Phone, "0912345123").Add(x => x.InClear, false));

        Assert.Equal("N***** V** A*", cut.Find("[data-reporter-name]").TextContent);
        Assert.Equal("09xx xxx 123", cut.Find("[data-reporter-phone]").TextContent);
        Assert.DoesNotContain("0912345123", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Nguyễn", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ReporterLine_AlreadyMasked_StaysReadable()
    {
        var cut = Render<ReporterLine>(p => p.Add(x => x.Name, "N***** V** A*").Add(x => x.Phone, "09xx xxx 123"));

        Assert.Equal("09xx xxx 123", cut.Find("[data-reporter-phone]").TextContent);
    }

    [Fact]
    public void ReporterLine_InClear_ShowsAsGiven()
    {
        var cut = Render<ReporterLine>(p => p.Add(x => x.Name, "Nguyễn Văn An").Add(x => x.Phone, "0912345123").Add(x => x.InClear, true));

        Assert.Equal("Nguyễn Văn An", cut.Find("[data-reporter-name]").TextContent);
        Assert.Equal("0912345123", cut.Find("[data-reporter-phone]").TextContent);
    }

    [Fact]
    public void TicketPanel_ForReaderWhoMayNotSeeReporters_Masked()
    {
        var cut = Render<TicketPanel>(p => p.Add(x => x.Model, Panel(Ticket(), reporterInClear: false)).Add(x => x.Workflow, Workflow).Add(x => x.Catalog, Catalog).Add(x => x.Now, Monday));

        Assert.Equal("09xx xxx 123", cut.Find("[data-reporter-phone]").TextContent);
        Assert.DoesNotContain("0912345123", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-action]"));
    }

    [Fact]
    public void QueueTable_NeverShowsReporters()
    {
        var queue = new QueueState();
        queue.Apply(new TicketPage([new(TicketQueries.Masked(Ticket()), 22)], 1, TimeSpan.Zero), [], Monday);

        var cut = Render<TicketQueueTable>(p => p.Add(x => x.Queue, queue).Add(x => x.Workflow, Workflow).Add(x => x.Catalog, Catalog).Add(x => x.Now, Monday));

        Assert.DoesNotContain("0912345123", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Nguyễn Văn An", cut.Markup, StringComparison.Ordinal);
    }
}
