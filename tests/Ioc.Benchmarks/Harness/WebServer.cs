using System.Globalization;
using Ioc.Testing;
using Microsoft.Playwright;

namespace Ioc.Benchmarks.Harness;

/// <summary>
/// The published IOC web app (one process: pages, aggregation and hub) on a fresh database, plus a
/// steady feed of live events through its ingest API, and pages of it opened in Chromium.
/// </summary>
public sealed class WebServer : IAsyncDisposable
{
    private EventFeed? _feed;

    private WebServer(ServerProcess process, string folder)
    {
        Process = process;
        Folder = folder;
    }

    public ServerProcess Process { get; }

    public string Folder { get; }

    public long Posted => _feed?.Posted ?? 0;

    public static async Task<WebServer> StartAsync(BenchContext context)
    {
        var publish = await ServerProcess.PublishAsync(context, "src/Ioc.Web/Ioc.Web.csproj", "web");
        var folder = context.NewWorkFolder("web");
        var process = await ServerProcess.StartAsync(context, publish, "Ioc.Web.dll", new Dictionary<string, string>
        {
            ["Database__Path"] = Path.Combine(folder, "ioc.db"),
            ["ReferenceData__Directory"] = TestPaths.ReferenceData,
            ["Simulator__Enabled"] = "false",
            ["Demo__Enabled"] = "true",
            ["Demo__Password"] = IocAppFactory.DemoPassword,
            ["Ingest__Sources__0__Name"] = "bench",
            ["Ingest__Sources__0__Key"] = IocAppFactory.TestSourceKey,
            ["Ingest__RequestsPerMinutePerKey"] = "1000000",
        }, "/health");
        return new WebServer(process, folder);
    }

    /// <summary>Posts live events (one per request) at a steady rate until disposed.</summary>
    public void StartFeed(BenchContext context, double perSecond) => _feed = EventFeed.Start(context, Process.Address, perSecond);

    /// <summary>Opens pages in contexts of at most <paramref name="pagesPerContext"/>, each context signed in once as the demo leader.</summary>
    public sealed class PageOpener(Browser browser, Uri address, string path, bool signIn, Func<IPage, Task> waitReady, int pagesPerContext = 50)
    {
        private readonly List<(IBrowserContext Context, int Pages)> _contexts = [];
        private readonly SemaphoreSlim _gate = new(1, 1);

        public List<IPage> Pages { get; } = [];

        /// <summary>Set when the machine ran low on memory and no more pages were opened.</summary>
        public string? Stopped { get; private set; }

        /// <summary>Opens pages up to <paramref name="total"/>, stopping early (see <see cref="Stopped"/>) when less than 2 GiB of memory is left.</summary>
        public async Task<int> OpenAsync(int total, int parallel = 4)
        {
            var tasks = new List<Task>();
            using var slots = new SemaphoreSlim(parallel);
            for (var i = Pages.Count; i < total; i++)
            {
                await slots.WaitAsync();
                if (ProcessTree.AvailableBytes() < 2L << 30)
                {
                    Stopped = $"stopped at {Pages.Count} pages: less than 2 GiB of memory left on the machine (the browser held {ProcessTree.DescendantsPssBytes() / (1L << 20):N0} MiB)";
                    slots.Release();
                    break;
                }
                tasks.Add(Task.Run(async () =>
                {
                    try
                    {
                        var page = await NewPageAsync();
                        await page.GotoAsync(path);
                        await waitReady(page);
                        lock (Pages)
                        {
                            Pages.Add(page);
                        }
                    }
                    finally
                    {
                        slots.Release();
                    }
                }));
            }
            await Task.WhenAll(tasks);
            return Pages.Count;
        }

        private async Task<IPage> NewPageAsync()
        {
            await _gate.WaitAsync();
            try
            {
                var index = _contexts.FindIndex(c => c.Pages < pagesPerContext);
                if (index < 0)
                {
                    var context = await browser.NewContextAsync(address, small: true);
                    if (signIn)
                    {
                        var login = await context.NewPageAsync();
                        await Browser.SignInAsync(login, "lanhdao");
                        await login.CloseAsync();
                    }
                    _contexts.Add((context, 0));
                    index = _contexts.Count - 1;
                }
                _contexts[index] = (_contexts[index].Context, _contexts[index].Pages + 1);
                return await _contexts[index].Context.NewPageAsync();
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_feed is not null)
        {
            await _feed.DisposeAsync();
        }
        await Process.DisposeAsync();
        BenchContext.DeleteFolder(Folder);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Process.Address} (pid {Process.ProcessId})");
}
