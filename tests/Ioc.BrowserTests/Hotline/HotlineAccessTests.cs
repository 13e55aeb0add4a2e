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

        // Shown where the operator acted, not in a toast that is gone before it is read; nothing was stored.
        await Assertions.Expect(page.Locator("[data-action-failure]")).ToContainTextAsync("Phiếu T-1 vừa được đồng nghiệp cập nhật (nay là “Từ chối”)");
        await Assertions.Expect(page.Locator("[data-panel-status]")).ToHaveAttributeAsync("data-panel-status", "Rejected");
        Assert.Equal(0, await page.Locator("[data-action=Route]").CountAsync());
    }

    [Fact]
    public async Task Route_ColleagueChangedUrgencyInAnotherSession_ConflictShownInPlaceThenRetrySucceeds()
    {
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal);
        await app.PostOkAsync(Created("T-2", Now.AddHours(-1), "Mất điện cả khu phố từ sáng", commune.Code, category: "dien"));
        var lan = await browser.NewPageAsync(app.ServerAddress);
        await lan.SignInAsync("tongdai", returnUrl: "/hotline");
        await lan.OpenHotlineAsync("/hotline/T-2");
        var minh = await browser.NewPageAsync(app.ServerAddress);
        await minh.SignInAsync("tongdai", returnUrl: "/hotline");
        await minh.OpenHotlineAsync("/hotline/T-2");

        // Lan opens the routing form; meanwhile Minh, in his own session, marks the ticket urgent.
        await lan.Keyboard.PressAsync("r");
        await lan.Locator("form[data-triage-form=Route] #triage-unit").SelectOptionAsync(commune.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await minh.Keyboard.PressAsync("u");
        await Assertions.Expect(minh.Locator("form[data-triage-form=SetUrgency]")).ToBeVisibleAsync();
        await minh.Locator("[data-urgency-choice=Urgent]").ClickAsync();
        await Assertions.Expect(minh.Locator("[data-panel-urgency]")).ToHaveAttributeAsync("data-panel-urgency", "Urgent");
        await lan.Locator("form[data-triage-form=Route] [data-submit]").ClickAsync();

        var failure = lan.Locator("[data-action-failure]");
        await Assertions.Expect(failure).ToContainTextAsync("Phiếu T-2 vừa được đồng nghiệp cập nhật");
        await Assertions.Expect(lan.Locator("[data-panel-status]")).ToHaveAttributeAsync("data-panel-status", "New");
        await Assertions.Expect(lan.Locator("[data-panel-urgency]")).ToHaveAttributeAsync("data-panel-urgency", "Urgent");

        // Lan has seen the ticket as it is now; one click sends her routing again, and it is stored.
        await failure.Locator("[data-retry]").ClickAsync();
        await Assertions.Expect(lan.Locator("[data-panel-status]")).ToHaveAttributeAsync("data-panel-status", "Routed");
        await Assertions.Expect(failure).ToHaveCountAsync(0);
        await Assertions.Expect(minh.Locator("[data-panel-status]")).ToHaveAttributeAsync("data-panel-status", "Routed", new() { Timeout = 10_000 });
    }
}
