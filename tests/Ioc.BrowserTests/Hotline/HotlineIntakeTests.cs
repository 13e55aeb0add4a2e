using Ioc.Testing;
using Microsoft.Playwright;
using static Ioc.BrowserTests.Hotline.HotlineBrowser;

namespace Ioc.BrowserTests.Hotline;

/// <summary>Taking a call and watching the queue as an operator does: repeats caught while typing, arrivals never unseen.</summary>
[Collection(nameof(HotlineBrowserCollection))]
public sealed class HotlineIntakeTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task RecordCall_RewordedRepeat_ListedWithReasonsWhileTyping_CommuneGuessed_RecordedAsDuplicate()
    {
        await using var app = new IocAppFactory();
        var bayChay = app.Catalog.Units.All.Single(u => u.Name == "Phường Bãi Cháy");
        var first = Created("R-FIRST", Now.AddMinutes(-20), "Đường Hậu Cần đoạn gần chợ Vườn Đào bị ngập sâu sau cơn mưa, nước tràn vào nhà dân.", bayChay.Code);
        first.Channel = "phone";
        first.ReporterPhone = "0912345678";
        await app.PostOkAsync(first);
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("tongdai", returnUrl: "/hotline");
        await page.OpenHotlineAsync("/hotline");

        await page.Keyboard.PressAsync("n");
        var form = page.Locator("form[data-record-call]");
        await Assertions.Expect(form.Locator("[data-field=text]")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Nước ngập đường Hậu Cần chỗ chợ Vườn Đào, xe máy không đi được");
        await form.Locator("[data-field=address]").FillAsync("gần chợ Vườn Đào, phường Bãi Cháy");
        await form.Locator("[data-field=reporter-phone]").FillAsync("+84 912 345 678");

        var candidate = form.Locator("[data-call-candidate=R-FIRST]");
        await Assertions.Expect(candidate).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(candidate.Locator("[data-call-candidate-reasons]")).ToContainTextAsync("cùng số điện thoại");
        await Assertions.Expect(candidate.Locator("[data-call-candidate-reasons]")).ToContainTextAsync("cùng địa điểm");
        await Assertions.Expect(form.Locator("[data-field=commune]")).ToHaveValueAsync(bayChay.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await candidate.Locator("input[type=checkbox]").CheckAsync();
        await page.Keyboard.PressAsync("Control+Enter");

        await Assertions.Expect(page.Panel("1022-260320-T001")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-panel-status]")).ToHaveAttributeAsync("data-panel-status", "Duplicate");
        await Assertions.Expect(page.Locator("[data-duplicate-of]")).ToHaveAttributeAsync("data-duplicate-of", "R-FIRST");
    }

    [Fact]
    public async Task Queue_NewTicketLandsOnAnotherPage_BarBringsItIntoViewHighlighted()
    {
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal).Code;
        // Sixty tickets due in two working days fill more than the first page (50, by deadline).
        await app.PostOkAsync([.. Enumerable.Range(0, 60).Select(i => Created($"P-{i:D2}", Now.AddHours(-60 + i), $"Cống thoát nước số {i} bị tắc", commune, category: "thoat-nuoc"))]);
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("tongdai", returnUrl: "/hotline");
        await page.OpenHotlineAsync("/hotline/P-00");

        // A land matter: ten working days, so by deadline it belongs on page 2 of the default tab.
        await app.PostOkAsync(Created("P-LATE", Now.AddMinutes(-1), "Hộ liền kề xây tường lấn sang đất nhà tôi", commune, category: "dat-dai"));

        var bar = page.Locator("[data-off-page-arrivals]");
        await Assertions.Expect(bar).ToHaveTextAsync("1 phiếu mới — bấm để xem", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Row("P-LATE")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Row("P-00")).ToHaveAttributeAsync("aria-selected", "true");
        await bar.ClickAsync();

        await Assertions.Expect(page.Row("P-LATE")).ToHaveAttributeAsync("data-arrival", "true");
        await Assertions.Expect(page.Row("P-LATE")).ToBeInViewportAsync();
        Assert.Contains("sort=createdat", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordCall_ConfidentSuggestion_AppliedAsTyped_UndoLeavesItToTriage()
    {
        await using var app = new IocAppFactory().With("Hotline:SuggestionLearnSeconds", "1");
        var commune = app.Catalog.Units.All.Where(u => u.IsLocal).OrderBy(u => u.Code, StringComparer.Ordinal).ElementAt(1);
        await app.TeachSuggesterAsync(commune);
        var drainage = app.Catalog.FindCategory("thoat-nuoc")!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("tongdai", returnUrl: "/hotline");
        await page.OpenHotlineAsync("/hotline");

        // Kept: the category is applied while the call is typed, and recorded with it.
        await page.Keyboard.PressAsync("n");
        var form = page.Locator("form[data-record-call]");
        await Assertions.Expect(form.Locator("[data-field=text]")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Cống thoát nước trước nhà bị tắc, nước ngập vào nhà");
        await Assertions.Expect(form.Locator("[data-suggestion-applied]")).ToBeVisibleAsync();
        await Assertions.Expect(form.Locator("[data-field=category]")).ToHaveValueAsync(drainage);
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.Panel("1022-260320-T001")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-panel-category]")).ToHaveTextAsync(app.Catalog.FindCategory("thoat-nuoc")!.Name);

        // Undone: the category is cleared, offered again, and the call is recorded for triage to decide.
        await page.Keyboard.PressAsync("n");
        await Assertions.Expect(form.Locator("[data-field=text]")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Cống thoát nước đầu ngõ bị tắc, mưa là ngập");
        await Assertions.Expect(form.Locator("[data-field=category]")).ToHaveValueAsync(drainage);
        await form.Locator("[data-undo-suggestion]").ClickAsync();
        await Assertions.Expect(form.Locator("[data-field=category]")).ToHaveValueAsync("");
        await Assertions.Expect(form.Locator("[data-apply-suggestion]")).ToBeVisibleAsync();
        await form.Locator("[data-field=text]").FocusAsync();
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.Panel("1022-260320-T002")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-panel-category]")).ToHaveTextAsync("Chưa phân loại");
    }
}
