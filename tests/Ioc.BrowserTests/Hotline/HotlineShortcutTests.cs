using System.Text;
using Ioc.Contracts;
using Ioc.Testing;
using Microsoft.Playwright;
using MiniExcelLibs;
using static Ioc.BrowserTests.Hotline.HotlineBrowser;

namespace Ioc.BrowserTests.Hotline;

/// <summary>Every action of the workbench on a key, pressed as an operator would, with the page's answer checked.</summary>
[Collection(nameof(HotlineBrowserCollection))]
public sealed class HotlineShortcutTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TicketLife_AcceptWaitInfoAnswerPublishRateClose_AllWithKeys()
    {
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal);
        await app.PostOkAsync(
            Created("K-1", Now.AddHours(-3), "Đèn đường hỏng cả tuần ở ngõ 5", commune.Code, category: "chieu-sang"),
            Events.Ticket(EventTypes.TicketRouted, "K-1", Now.AddHours(-2), e => { e.Category = "chieu-sang"; e.Unit = commune.Code; }));
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("tongdai", returnUrl: "/hotline");
        await page.OpenHotlineAsync("/hotline/K-1?view=open");
        var status = page.Locator("[data-panel-status]");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-panel-status", "Routed");

        await ConfirmAsync(page, "t", "Accept");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-panel-status", "InProgress");

        await TypeAsync(page, "b", "AwaitInfo", "Xin số nhà cụ thể của cột đèn");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-panel-status", "AwaitingInfo");

        await ConfirmAsync(page, "i", "InfoReceived");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-panel-status", "InProgress");

        await TypeAsync(page, "a", "Answer", "Điện lực đã thay bóng đèn ngày 20/03.");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-panel-status", "Answered");

        await ConfirmAsync(page, "p", "Publish");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-panel-status", "Published");

        await page.Keyboard.PressAsync("g");
        await Assertions.Expect(page.Locator("form[data-triage-form=Rate]")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("1");
        // Five toasts are on screen already: the log tells instead.
        await Assertions.Expect(page.Locator("[data-history] [data-history-kind=Rated]")).ToContainTextAsync("tongdai");
        await Assertions.Expect(page.Locator("[data-action=Rate]")).ToHaveCountAsync(0);

        await ConfirmAsync(page, "o", "Close");
        await Assertions.Expect(status).ToHaveAttributeAsync("data-panel-status", "Closed");
        await Assertions.Expect(page.Locator("[data-history] [data-history-kind=Closed]")).ToContainTextAsync("tongdai");
    }

    [Fact]
    public async Task QueueKeys_HelpCheckAllBulkUrgencyDueTabsSoundAndExports()
    {
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal).Code;
        await app.PostOkAsync(
            Created("Q-1", Now.AddHours(-3), "Rác tồn đọng ở đầu ngõ 27", commune),
            Created("Q-2", Now.AddHours(-2), "Cống thoát nước bị tắc", commune),
            Created("Q-3", Now.AddHours(-1), "Đèn đường hỏng", commune, channel: "zalo"));
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("tongdai", returnUrl: "/hotline");
        await page.OpenHotlineAsync("/hotline/Q-1");

        // "?" lists every key, the shifted bulk ones as Shift+…
        await page.Keyboard.PressAsync("?");
        var help = page.Locator("table[data-shortcuts]");
        await Assertions.Expect(help.Locator("tr[data-shortcut=BulkRoute]")).ToContainTextAsync("Shift+R");
        await Assertions.Expect(help.Locator("tr[data-shortcut=Close]")).ToContainTextAsync("o");
        Assert.Equal(Enum.GetValues<Ioc.Web.Features.Hotline.WorkbenchCommand>().Length, await help.Locator("tr[data-shortcut]").CountAsync());
        await help.Page.Locator(".mud-dialog .mud-dialog-actions button").ClickAsync();
        await Assertions.Expect(help).ToHaveCountAsync(0);

        // Shift+X checks the page, Shift+U then 3 makes all three urgent.
        await page.Keyboard.PressAsync("Shift+X");
        await Assertions.Expect(page.Locator("[data-bulk-bar]")).ToContainTextAsync("Đã chọn 3 phiếu");
        await page.Keyboard.PressAsync("Shift+U");
        await Assertions.Expect(page.Locator("form[data-triage-form=SetUrgency] [data-bulk-count]")).ToHaveAttributeAsync("data-bulk-count", "3");
        await page.Keyboard.PressAsync("3");
        await Assertions.Expect(Toast(page, "Mức độ khẩn: đã cập nhật 3 phiếu.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-panel-urgency]")).ToHaveAttributeAsync("data-panel-urgency", "Urgent");

        // "h": a deadline set by hand, with its reason.
        await page.Keyboard.PressAsync("h");
        var due = page.Locator("form[data-triage-form=SetDue]");
        await due.Locator("[data-field=due]").FillAsync("2026-03-25T10:00");
        // Moving to the next field without a key or a click (as assistive software does) keeps the
        // focus there: the text goes into the reason, not back into the deadline the dialog focused.
        await due.Locator("[data-field=reason]").FocusAsync();
        await page.WaitForTimeoutAsync(150);
        await page.Keyboard.InsertTextAsync("Chờ đơn vị thi công xác nhận");
        await Assertions.Expect(due.Locator("[data-field=reason]")).ToHaveValueAsync("Chờ đơn vị thi công xác nhận");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(Toast(page, "Đặt hạn xử lý: đã cập nhật phiếu Q-1.")).ToBeVisibleAsync();

        // Tabs on 1–5, the chime on m.
        await page.Keyboard.PressAsync("2");
        await Assertions.Expect(page.Locator("[data-view=Open]")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Keyboard.PressAsync("m");
        await Assertions.Expect(page.Locator("[data-sound]")).ToHaveAttributeAsync("aria-pressed", "true");

        // "e" and Shift+E download the queue as filtered now (the Zalo channel), every page of it.
        await page.Locator("[data-filter=channel]").SelectOptionAsync("Zalo");
        await Assertions.Expect(page.Locator("[data-pager] [data-total]")).ToHaveAttributeAsync("data-total", "1");
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("e"));
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename, StringComparison.Ordinal);
        using (var stream = File.OpenRead(await xlsx.PathAsync()))
        {
            var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
            Assert.Equal(["Q-3"], rows.Select(r => r["Mã phiếu"] as string));
            Assert.Equal("0912345123", rows[0]["Số điện thoại"] as string);
        }
        var csv = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Shift+E"));
        Assert.EndsWith(".csv", csv.SuggestedFilename, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(await csv.PathAsync(), Encoding.UTF8);
        Assert.Contains("Q-3", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Q-1", text, StringComparison.Ordinal);
        // Downloads leave the workbench where it was.
        await Assertions.Expect(page.Locator("[data-live-stamp][data-circuit=live]")).ToBeVisibleAsync();
        Assert.Empty(browser.ExternalRequests);
    }

    /// <summary>A toast by its text: toasts stack, newest first.</summary>
    private static ILocator Toast(IPage page, string text) => page.Locator(".mud-snackbar", new() { HasText = text });

    /// <summary>A key that opens a form with nothing to type: Enter confirms.</summary>
    private static async Task ConfirmAsync(IPage page, string key, string action)
    {
        await page.Keyboard.PressAsync(key);
        await Assertions.Expect(page.Locator($"form[data-triage-form={action}] [data-submit]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator($"form[data-triage-form={action}]")).ToHaveCountAsync(0);
    }

    /// <summary>A key that opens a form to type in: the text goes where the focus is, Ctrl+Enter records.</summary>
    private static async Task TypeAsync(IPage page, string key, string action, string text)
    {
        await page.Keyboard.PressAsync(key);
        await Assertions.Expect(page.Locator($"form[data-triage-form={action}] textarea").First).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(text);
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.Locator($"form[data-triage-form={action}]")).ToHaveCountAsync(0);
    }
}
