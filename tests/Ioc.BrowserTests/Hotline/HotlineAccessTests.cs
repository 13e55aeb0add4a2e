using Ioc.Contracts;
using Ioc.Domain.Access;
using Ioc.Testing;
using Microsoft.Playwright;
using static Ioc.BrowserTests.Hotline.HotlineBrowser;

namespace Ioc.BrowserTests.Hotline;

/// <summary>Who sees what on the triage page, and what an operator is told when the ticket changed under them.</summary>
[Collection(nameof(HotlineBrowserCollection))]
public sealed class HotlineAccessTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Reporter_InClearForOperatorOnTheTicket_MaskedInTheQueueAndForADepartmentHead()
    {
        await using var app = new IocAppFactory();
        var own = app.Catalog.Units.All.Where(u => u.IsLocal).OrderBy(u => u.Code, StringComparer.Ordinal).First(); // chutich.xa's commune
        var other = app.Catalog.Units.All.Where(u => u.IsLocal).OrderBy(u => u.Code, StringComparer.Ordinal).ElementAt(1);
        await app.PostOkAsync(
            Created("P-OWN", Now.AddHours(-3), "Rác tồn đọng ở chợ", own.Code),
            Created("P-OTHER", Now.AddHours(-2), "Đèn đường hỏng", other.Code),
            Events.Ticket(EventTypes.TicketRouted, "P-OWN", Now.AddHours(-1), e => { e.Category = "moi-truong"; e.Unit = own.Code; }),
            Events.Ticket(EventTypes.TicketRouted, "P-OTHER", Now.AddHours(-1), e => { e.Category = "chieu-sang"; e.Unit = other.Code; }));

        var operatorPage = await browser.NewPageAsync(app.ServerAddress);
        await operatorPage.SignInAsync("tongdai", returnUrl: "/hotline");
        await operatorPage.OpenHotlineAsync("/hotline/P-OWN?view=open");
        await Assertions.Expect(operatorPage.Locator("[data-reporter-phone]")).ToHaveTextAsync("0912345123");
        Assert.DoesNotContain("0912345123", await operatorPage.Locator("[data-queue]").InnerHTMLAsync(), StringComparison.Ordinal);

        var headPage = await browser.NewPageAsync(app.ServerAddress);
        await headPage.SignInAsync("chutich.xa", returnUrl: "/hotline");
        await headPage.OpenHotlineAsync("/hotline/P-OWN");
        await Assertions.Expect(headPage.Locator("[data-reporter-phone]")).ToHaveTextAsync("09xx xxx 123");
        await Assertions.Expect(headPage.Locator("[data-reporter-name]")).ToHaveTextAsync(Masking.Name("Nguyễn Văn An"));
        await Assertions.Expect(headPage.Row("P-OWN")).ToBeVisibleAsync();
        await Assertions.Expect(headPage.Row("P-OTHER")).ToHaveCountAsync(0);
        Assert.Equal(0, await headPage.Locator("[data-action], [data-record-call-open], [data-bulk-bar]").CountAsync());
        Assert.DoesNotContain("0912345123", await headPage.ContentAsync(), StringComparison.Ordinal);
        await headPage.GotoAsync("/hotline/P-OTHER");
        await Assertions.Expect(headPage.Locator("[data-panel-missing]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Route_TicketRejectedMeanwhileByAnotherOperator_RefusedWithTheReason()
    {
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal);
        await app.PostOkAsync(Created("T-1", Now.AddHours(-1), "Mất điện cả khu phố từ sáng", commune.Code, category: "dien"));
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("tongdai", returnUrl: "/hotline");
        await page.OpenHotlineAsync("/hotline/T-1");
        await page.Keyboard.PressAsync("r");
        await page.Locator("form[data-triage-form=Route] #triage-unit").SelectOptionAsync(commune.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // Another operator rejects it while this one's routing form is open.
        await app.PostOkAsync(Events.Ticket(EventTypes.TicketRejected, "T-1", Now, e => e.Reason = "Trùng cuộc gọi nhầm"));
        await Assertions.Expect(page.Locator("[data-panel-status]")).ToHaveAttributeAsync("data-panel-status", "Rejected");
        await page.Locator("form[data-triage-form=Route] [data-submit]").ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Phiếu T-1 đang ở trạng thái “Từ chối” nên không thể chuyển xử lý.");
        await Assertions.Expect(page.Locator("[data-panel-status]")).ToHaveAttributeAsync("data-panel-status", "Rejected");
        Assert.Equal(0, await page.Locator("[data-action=Route]").CountAsync());
    }
}
