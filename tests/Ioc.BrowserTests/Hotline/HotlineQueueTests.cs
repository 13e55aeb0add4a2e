using Ioc.Aggregation.Hotline;
using Ioc.Contracts;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Ioc.BrowserTests.Hotline.HotlineBrowser;

namespace Ioc.BrowserTests.Hotline;

/// <summary>The triage queue in a real Chromium: live arrivals, keyboard routing, duplicates, and texts that are only text.</summary>
[Collection(nameof(HotlineBrowserCollection))]
public sealed class HotlineQueueTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Queue_TicketPostedThroughApi_AppearsHighlightedWithoutReloadKeepingSelectionAndPlace()
    {
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal).Code;
        // Thirty open tickets, received an hour apart: the queue (by due date) lists them oldest first and scrolls.
        await app.PostOkAsync([.. Enumerable.Range(0, 30).Select(i => Created($"Q-{i:D2}", Now.AddHours(-40 + i), $"Phản ánh số {i} về rác thải", commune))]);
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("tongdai", returnUrl: "/hotline");
        await page.OpenHotlineAsync();
        await Assertions.Expect(page.Locator("[data-pager] [data-total]")).ToHaveAttributeAsync("data-total", "30");
        for (var i = 0; i < 15; i++)
        {
            await page.Keyboard.PressAsync("j");
        }
        var selected = page.Row("Q-14");
        await Assertions.Expect(selected).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(page.Panel("Q-14")).ToBeVisibleAsync();
        var before = (await selected.BoundingBoxAsync())!.Y;
        await page.EvaluateAsync("() => window.__sameDocument = 42");

        // A 4-hour natural-disaster ticket: due before all the others, so it lands at the top of the queue, above the operator's row.
        await app.PostOkAsync(Created("Q-NEW", Now.AddMinutes(-5), "Cây đổ chắn ngang đường sau bão", commune, category: "thien-tai"));

        var arrival = page.Row("Q-NEW");
        await Assertions.Expect(arrival).ToHaveAttributeAsync("data-arrival", "true", new() { Timeout = 10_000 });
        await Assertions.Expect(arrival).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\barrival\b"));
        await Assertions.Expect(page.Locator("[data-arrivals]")).ToHaveTextAsync("1 phiếu mới đến");
        await Assertions.Expect(page.Locator("[data-pager] [data-total]")).ToHaveAttributeAsync("data-total", "31");
        Assert.Equal(0, await page.Locator("tbody tr").First.EvaluateAsync<int>("r => r.getAttribute('data-code') === 'Q-NEW' ? 0 : 1"));
        await Assertions.Expect(selected).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(page.Panel("Q-14")).ToBeVisibleAsync();
        Assert.InRange((await selected.BoundingBoxAsync())!.Y - before, -2, 2);
        Assert.Equal(42, await page.EvaluateAsync<int>("() => window.__sameDocument"));
        Assert.Contains("view=open", page.Url, StringComparison.Ordinal);
        Assert.EndsWith("/hotline/Q-14?view=open", page.Url, StringComparison.Ordinal);
        Assert.Empty(browser.ExternalRequests);
    }

    [Fact]
    public async Task Route_WithTheKeyboard_AsSuggested_StatusAndSlaColumnUpdate()
    {
        await using var app = new IocAppFactory().With("Hotline:SuggestionLearnSeconds", "1");
        var units = app.Catalog.Units.All.Where(u => u.IsLocal).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
        var (home, other) = (units[0], units[1]);
        await app.TeachSuggesterAsync(other);
        await app.PostOkAsync(Created("R-1", Now.AddMinutes(-30), "Cống thoát nước trước nhà bị tắc, nước ngập vào nhà", home.Code));
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("tongdai", returnUrl: "/hotline");
        await page.OpenHotlineAsync("/hotline/R-1");
        var row = page.Row("R-1");
        await Assertions.Expect(row).ToHaveAttributeAsync("aria-selected", "true");
        // Not classified yet: the default category's 10 working days, from half an hour ago.
        await Assertions.Expect(row.Locator(".sla-text")).ToHaveTextAsync("còn 9 ngày 23 giờ");
        await Assertions.Expect(page.Locator("[data-suggestion-category]")).ToHaveTextAsync(app.Catalog.FindCategory("thoat-nuoc")!.Name);
        await Assertions.Expect(page.Locator("[data-suggestion-unit]")).ToHaveTextAsync(home.Name);

        await page.Keyboard.PressAsync("r");
        await Assertions.Expect(page.Locator("form[data-triage-form=Route] [data-submit]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        // Routed, it leaves the triage tab; the open tab shows it with the drainage SLA: two working days from Friday 11:30.
        await Assertions.Expect(page.Locator("[data-panel-status]")).ToHaveAttributeAsync("data-panel-status", "Routed");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await page.Locator("[data-view=Open]").ClickAsync();
        await Assertions.Expect(row.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "Routed");
        await Assertions.Expect(row.Locator(".sla-text")).ToHaveTextAsync("còn 1 ngày 23 giờ");
        await Assertions.Expect(page.Locator("[data-panel-unit]")).ToHaveTextAsync(home.Name);
        await Assertions.Expect(page.Locator("[data-history] [data-history-kind=Routed]")).ToContainTextAsync("tongdai");
        await Assertions.Expect(page.Locator("[data-history] [data-history-kind=Routed]")).ToContainTextAsync("Mới tiếp nhận → Đã chuyển xử lý");
    }

    [Fact]
    public async Task MarkDuplicate_WithTheKeyboard_LinksBothTickets()
    {
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal).Code;
        const string text = "Rác thải tồn đọng nhiều ngày ở đầu ngõ 27 Trần Hưng Đạo, bốc mùi hôi thối.";
        await app.PostOkAsync(
            Created("D-ORIG", Now.AddHours(-5), text, commune, category: "moi-truong"),
            Created("D-AGAIN", Now.AddHours(-1), "Phản ánh lần 2: " + text, commune, category: "moi-truong"));
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("tongdai", returnUrl: "/hotline");
        await page.OpenHotlineAsync("/hotline/D-AGAIN?view=open");
        await Assertions.Expect(page.Locator("[data-candidate=D-ORIG]")).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("d");
        await Assertions.Expect(page.Locator("form[data-triage-form=MarkDuplicate] input[type=radio][value=D-ORIG]")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("[data-panel-status]")).ToHaveAttributeAsync("data-panel-status", "Duplicate");
        await Assertions.Expect(page.Locator("[data-duplicate-of]")).ToHaveAttributeAsync("data-duplicate-of", "D-ORIG");
        await Assertions.Expect(page.Row("D-AGAIN")).ToHaveCountAsync(0);
        await page.Locator("[data-duplicate-of] button").ClickAsync();
        await Assertions.Expect(page.Panel("D-ORIG")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-duplicates] [data-duplicate=D-AGAIN]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TicketText_WithScriptAndImgOnerror_ShownLiterallyAndNothingRuns()
    {
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal).Code;
        const string text = "Đường ngập <script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\"> <b>gấp</b>";
        await app.PostOkAsync(Created("X-1", Now.AddHours(-1), text, commune));
        var page = await browser.NewPageAsync(app.ServerAddress);
        var dialogs = 0;
        page.Dialog += (_, d) =>
        {
            dialogs++;
            _ = d.DismissAsync();
        };
        await page.SignInAsync("tongdai", returnUrl: "/hotline");
        await page.OpenHotlineAsync("/hotline/X-1?view=open");

        await Assertions.Expect(page.Panel("X-1").Locator("[data-ticket-text]")).ToHaveTextAsync(text);
        await Assertions.Expect(page.Row("X-1").Locator("[data-ticket-text]")).ToHaveTextAsync(text);
        Assert.Equal(0, await page.Locator("[data-ticket-text] img, [data-ticket-text] script, [data-ticket-text] b").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__pwned"));
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task Search_WithoutDiacritics_FindsTicketAndKeepsItInTheAddress()
    {
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal).Code;
        await app.PostOkAsync(
            Created("S-1", Now.AddHours(-3), "Phản ánh ngập nước sâu trên đường Lê Lợi", commune),
            Created("S-2", Now.AddHours(-2), "Đèn đường hỏng", commune));
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("tongdai", returnUrl: "/hotline");
        await page.OpenHotlineAsync();

        await page.Keyboard.PressAsync("/");
        await Assertions.Expect(page.Locator("#hotline-search")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("phan anh ngap nuoc");
        // Typing in the search box is not a shortcut: "n" opened no call form.
        await Assertions.Expect(page.Locator("[data-pager] [data-total]")).ToHaveAttributeAsync("data-total", "1");
        await Assertions.Expect(page.Row("S-1")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("form[data-record-call]").CountAsync());
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"q=phan%20anh%20ngap%20nuoc"));
    }

    [Fact]
    public async Task Bulk_CheckWithTheKeyboard_RejectAsSpamWithOneReason()
    {
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal).Code;
        await app.PostOkAsync(
            Created("B-1", Now.AddHours(-3), "alo alo", commune),
            Created("B-2", Now.AddHours(-2), "Vay tiền nhanh lãi suất thấp", commune),
            Created("B-3", Now.AddHours(-1), "Rác tồn đọng ở đầu ngõ", commune));
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("tongdai", returnUrl: "/hotline");
        await page.OpenHotlineAsync("/hotline");

        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("x");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("x");
        await Assertions.Expect(page.Locator("[data-bulk-bar]")).ToContainTextAsync("Đã chọn 2 phiếu");
        await page.Locator("[data-bulk=Reject]").ClickAsync();
        await Assertions.Expect(page.Locator("form[data-triage-form=Reject] [data-bulk-count]")).ToHaveAttributeAsync("data-bulk-count", "2");
        await Assertions.Expect(page.Locator("form[data-triage-form=Reject] textarea")).ToHaveValueAsync("Tin nhắn rác, quảng cáo, không phải phản ánh.");
        await page.Keyboard.PressAsync("Control+Enter");

        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Từ chối: đã cập nhật 2 phiếu.");
        await Assertions.Expect(page.Row("B-1")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Row("B-2")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Row("B-3")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-bulk-bar]")).Not.ToContainTextAsync("Đã chọn");
    }

    [Fact]
    public async Task RecordCall_FewKeystrokes_TicketCreatedAndOpened()
    {
        await using var app = new IocAppFactory();
        var commune = app.Catalog.Units.All.First(u => u.IsLocal);
        var page = await browser.NewPageAsync(app.ServerAddress);
        await page.SignInAsync("tongdai", returnUrl: "/hotline");
        await page.OpenHotlineAsync("/hotline");

        await page.Keyboard.PressAsync("n");
        await Assertions.Expect(page.Locator("form[data-record-call] [data-field=text]")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Cây đổ chắn ngang đường sau mưa lớn, xe máy không qua được");
        await page.Locator("form[data-record-call] [data-field=urgency]").SelectOptionAsync("Urgent");
        await page.Locator("form[data-record-call] [data-field=commune]").SelectOptionAsync(commune.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("form[data-record-call] [data-field=reporter-phone]").FillAsync("0987 654 321");
        await page.Keyboard.PressAsync("Control+Enter");

        await Assertions.Expect(page.Panel("1022-260320-T001")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-panel-urgency]")).ToHaveAttributeAsync("data-panel-urgency", "Urgent");
        await Assertions.Expect(page.Locator("[data-reporter-phone]")).ToHaveTextAsync("0987 654 321");
        await Assertions.Expect(page.Row("1022-260320-T001")).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(page.Locator("[data-history] [data-history-kind=Created]")).ToContainTextAsync("tongdai");
    }
}
