using Ioc.Contracts;
using Ioc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ioc.BrowserTests.Hotline;

/// <summary>
/// The hotline's browser test classes run one after the other (each starts a whole app and a
/// browser context; run side by side with the other classes on two cores they time out).
/// </summary>
[CollectionDefinition(nameof(HotlineBrowserCollection))]
public sealed class HotlineBrowserCollection;

/// <summary>Steps the hotline browser tests share.</summary>
public static class HotlineBrowser
{
    /// <summary>Harness "now" is Friday 20/3/2026 12:00; tickets arrive in the hours before.</summary>
    public static readonly DateTimeOffset Now = IngestHarness.DefaultNow;

    /// <summary>Opens the triage page and waits until the circuit is live and the keyboard shortcuts listen.</summary>
    public static async Task OpenHotlineAsync(this IPage page, string path = "/hotline?view=open")
    {
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator("[data-live-stamp][data-circuit=live]")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("[data-hotline][data-shortcuts=ready]")).ToBeAttachedAsync(new() { Timeout = 20_000 });
    }

    public static ILocator Row(this IPage page, string code) => page.Locator($"tr[data-code='{code}']");

    public static ILocator Panel(this IPage page, string code) => page.Locator($"[data-ticket-panel='{code}']");

    public static async Task PostOkAsync(this IocAppFactory app, params IngestEvent[] events)
    {
        using var response = await app.PostEventsAsync(events);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Earlier triage the suggestion model learns from (the app needs Hotline:SuggestionLearnSeconds = 1):
    /// drainage goes to the commune where it happened, electricity to the power company. Returns once learnt.
    /// </summary>
    public static async Task TeachSuggesterAsync(this IocAppFactory app, Ioc.Domain.Units.Unit commune)
    {
        var history = new List<IngestEvent>();
        for (var i = 0; i < 24; i++)
        {
            var drainage = i % 2 == 0;
            var code = $"H-{i:D2}";
            var at = Now.AddDays(-2).AddMinutes(i);
            history.Add(Created(code, at, drainage ? $"Cống thoát nước bị tắc, mưa là ngập sâu ở tổ {i}" : $"Mất điện từ sáng đến giờ chưa có, khu {i}", commune.Code));
            history.Add(Events.Ticket(EventTypes.TicketRouted, code, at.AddMinutes(30), e =>
            {
                e.Category = drainage ? "thoat-nuoc" : "dien";
                e.Unit = drainage ? commune.Code : app.Catalog.FindCategory("dien")!.Responsible;
                e.Actor = "tongdai.lan";
            }));
        }
        await app.PostOkAsync([.. history]);
        // The model learns the history in the background, within a second or two.
        var suggester = app.Services.GetRequiredService<Ioc.Aggregation.Hotline.TicketSuggester>();
        for (var wait = 0; suggester.TrainedOn < 24 && wait < 100; wait++)
        {
            await Task.Delay(200);
        }
        Assert.Equal(24, suggester.TrainedOn);
    }

    public static IngestEvent Created(string code, DateTimeOffset at, string text, string commune, string? category = null, string channel = "app")
    {
        var e = Events.TicketCreated(code, at, channel, category, text, commune, "Nguyễn Văn An", "0912345123");
        return e;
    }
}
