using Ioc.Web.Features.Hotline;
using static Ioc.Web.Tests.Hotline.HotlineFixtures;

namespace Ioc.Web.Tests.Hotline;

public sealed class AnswerTemplateTests
{
    [Fact]
    public void Fill_EveryPlaceholder_TheTicketsOwnFacts()
    {
        var ticket = Ticket(code: "1022-260316-0007") with { Address = "ngõ 27 Lê Thánh Tông", UnitId = 3 };

        var text = TriageDialog.Fill("Phản ánh {ma} ngày {ngay} tại {noi} đã được {don_vi} xử lý.", ticket, Catalog);

        Assert.Equal("Phản ánh 1022-260316-0007 ngày 16/03/2026 tại ngõ 27 Lê Thánh Tông đã được Phường Hạ Long xử lý.", text);
    }

    [Fact]
    public void Fill_NoAddress_TheCommuneInstead()
    {
        var text = TriageDialog.Fill("tại {noi}", Ticket() with { Address = null }, Catalog);

        Assert.Equal("tại Phường Hạ Long", text);
    }
}
