using System.Diagnostics;
using Ioc.Aggregation.Ingest;
using Ioc.Contracts;
using Ioc.Data;
using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Simulation;

/// <summary>
/// The demo's live source: catches the database up with the simulated history, then releases the
/// simulated province's events as their time comes. It posts over HTTP to this process's own
/// ingest API with its own key, so the demo exercises exactly the path real feeding systems use.
/// </summary>
public sealed class DemoFeed(
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    IOptions<SimulatorOptions> options,
    IOptions<IngestLimits> limits,
    TimeProvider time,
    ILogger<DemoFeed> logger) : BackgroundService
{
    public const string SourceName = "simulator";

    // Regenerated history reaches back this far before the last stored event, so that lifecycles
    // begun before a restart are finished (their already-stored events come back as duplicates).
    private const int RegenerateDays = 60;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the history is in the database and the live feed has begun.</summary>
    public Task CaughtUp => _caughtUp.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WhenStartedAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The demo feed must never take the dashboard down with it.
                logger.LogError(ex, "Simulator failed; starting again in {Delay}", RestartDelay);
                try
                {
                    await Task.Delay(RestartDelay, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task WhenStartedAsync(CancellationToken ct)
    {
        // The server's address is known only once Kestrel listens.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = ct.Register(() => started.TrySetCanceled(ct));
        await started.Task;
    }

    /// <summary>Why the simulator must not write here, or null when it may.</summary>
    private async Task<string?> RefusalAsync(CancellationToken ct)
    {
        var directory = DataExtensions.ReferenceDirectory(services);
        if (!DemoData.IsDemoReference(directory))
        {
            if (!options.Value.AllowOutsideDemoData)
            {
                return $"Simulator refused: {directory} is not the demo province (its units file has no \"demo\": true). Set Simulator:AllowOutsideDemoData=true to simulate on it anyway.";
            }
            logger.LogWarning("SIMULATED DATA: the simulator posts invented events into a province that is not the demo ({Directory}), as Simulator:AllowOutsideDemoData allows", directory);
        }
        if (options.Value.National && services.GetRequiredService<ReferenceCatalog>().Units is { IsNational: false } units)
        {
            return $"Simulator refused: Simulator:National asks for a national feed, but the root of {directory} is {units.Root.Name}, not the country. Write a national directory with 'national init --out <dir> --demo' and start on it, or leave Simulator:National off.";
        }
        var database = services.GetRequiredService<IQueryDatabase>();
        await using var connection = await database.OpenReadAsync(ct);
        if (await DemoData.ForeignSourceAsync(connection, database.Dialect, ct) is not { } source)
        {
            return null;
        }
        if (!options.Value.AllowOutsideDemoData)
        {
            return $"Simulator refused: the database holds events from the source '{source}', so it is not a demo database; simulated events would mix with them for good. Set Simulator:AllowOutsideDemoData=true to simulate on it anyway.";
        }
        logger.LogWarning("SIMULATED DATA: the simulator posts invented events into a database that holds events of the source '{Source}', as Simulator:AllowOutsideDemoData allows", source);
        return null;
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (await RefusalAsync(ct) is { } refusal)
        {
            logger.LogError("{Refusal}", refusal);
            _caughtUp.TrySetResult();
            return;
        }
        if (ServerAddress() is not Uri address)
        {
            logger.LogWarning("Simulator is enabled but this process serves no HTTP address; the demo feed does not run");
            _caughtUp.TrySetResult();
            return;
        }
        var key = services.GetRequiredService<SourceKeyRegistry>().RegisterGenerated(SourceName, ["dossier", "ticket", "document"]);
        var simulator = new ProvinceSimulator(
            services.GetRequiredService<ReferenceCatalog>(),
            services.GetRequiredService<WorkingCalendar>(),
            DemoTexts.Load(DataPaths.Resolve(settings.DemoDataDirectory)),
            settings,
            time);
        using var handler = new SocketsHttpHandler();
        if (address.Scheme == Uri.UriSchemeHttps)
        {
            // Our own process on loopback, whose development certificate names "localhost", not 127.0.0.1.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        using var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        var client = new SimulatorIngestClient(http, key, time, logger);
        var batchSize = Math.Min(settings.BatchSize, limits.Value.MaxEventsPerBatch);
        logger.LogInformation("Simulator (seed {Seed}) posts to {Address}", settings.Seed, address);

        var pending = new PendingEvents();
        var today = await CatchUpAsync(simulator, client, pending, batchSize, ct);
        _caughtUp.TrySetResult();
        await RunLiveAsync(simulator, client, pending, today, batchSize, ct);
    }

    private async Task<DateOnly> CatchUpAsync(ProvinceSimulator simulator, SimulatorIngestClient client, PendingEvents pending, int batchSize, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var settings = options.Value;
        var today = ProvinceTime.LocalDate(time.GetUtcNow());
        var (lastStored, openCodes) = await ReadProgressAsync(ct);
        var first = today.AddDays(-settings.HistoryDays);
        if (lastStored is DateTimeOffset last)
        {
            var resumeFrom = ProvinceTime.LocalDate(last).AddDays(-RegenerateDays);
            first = resumeFrom > first ? resumeFrom : first;
            // Top-up arrivals of the previous run are not part of any day: finish the open ones by code.
            foreach (var code in openCodes)
            {
                if (simulator.RegenerateExtra(code) is { } events)
                {
                    pending.AddRange(events.Where(e => e.OccurredAt >= last));
                }
            }
            logger.LogInformation("Simulator resumes after {Last:O}: regenerating from {First:yyyy-MM-dd}", last, first);
        }
        else
        {
            logger.LogInformation("Simulator generates {Days} days of history from {First:yyyy-MM-dd}", settings.HistoryDays, first);
        }

        var batch = new List<IngestEvent>(batchSize);
        var totalDays = today.DayNumber - first.DayNumber + 1;
        var lastReport = watch.Elapsed;
        long sent = 0;
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            var generated = simulator.GenerateDay(day);
            pending.AddRange(lastStored is DateTimeOffset l ? generated.Where(e => e.OccurredAt >= l) : generated);
            // Later days begin after this one ends: everything before its end is final and in order.
            var end = ProvinceTime.StartOfDay(day.AddDays(1));
            var now = time.GetUtcNow();
            sent += await ReleaseAsync(pending, client, batch, end < now ? end : now.AddTicks(1), batchSize, flush: false, ct);
            if (watch.Elapsed - lastReport >= ProgressInterval)
            {
                lastReport = watch.Elapsed;
                logger.LogInformation("Simulator history: day {Day:yyyy-MM-dd} ({Done}/{Total}), {Events} events, {Rate:F0} events/s",
                    day, day.DayNumber - first.DayNumber + 1, totalDays, sent, sent / watch.Elapsed.TotalSeconds);
            }
        }
        sent += await ReleaseAsync(pending, client, batch, time.GetUtcNow().AddTicks(1), batchSize, flush: true, ct);
        logger.LogInformation("Simulator history caught up: {Events} events ({Accepted} new, {Dropped} dropped) in {Elapsed:F1} s; {Pending} events wait for their time",
            sent, client.Accepted, client.Refused, watch.Elapsed.TotalSeconds, pending.Count);
        return today;
    }

    private async Task RunLiveAsync(ProvinceSimulator simulator, SimulatorIngestClient client, PendingEvents pending, DateOnly lastDay, int batchSize, CancellationToken ct)
    {
        var batch = new List<IngestEvent>(batchSize);
        var nextMinute = FloorToMinute(time.GetUtcNow());
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        do
        {
            var now = time.GetUtcNow();
            while (lastDay < ProvinceTime.LocalDate(now))
            {
                lastDay = lastDay.AddDays(1);
                pending.AddRange(simulator.GenerateDay(lastDay));
            }
            if (nextMinute < now - TimeSpan.FromMinutes(5))
            {
                // Back from a suspended machine: no burst of top-ups for the minutes missed.
                nextMinute = FloorToMinute(now);
            }
            for (; nextMinute <= now; nextMinute = nextMinute.AddMinutes(1))
            {
                var (dossiers, tickets) = simulator.LiveTopUp(nextMinute);
                if (dossiers + tickets > 0)
                {
                    pending.AddRange(simulator.GenerateExtra(nextMinute, dossiers, tickets));
                }
            }
            await ReleaseAsync(pending, client, batch, now.AddTicks(1), batchSize, flush: true, ct);
        }
        while (await timer.WaitForNextTickAsync(ct));
    }

    /// <summary>Posts pending events before <paramref name="before"/> in time order, in full batches (and the rest when flushing).</summary>
    private static async Task<long> ReleaseAsync(PendingEvents pending, SimulatorIngestClient client, List<IngestEvent> batch, DateTimeOffset before, int batchSize, bool flush, CancellationToken ct)
    {
        long sent = 0;
        while (pending.TryTake(before, out var e))
        {
            if (client.IsDropped(e))
            {
                continue;
            }
            batch.Add(e);
            if (batch.Count >= batchSize)
            {
                sent += batch.Count;
                await client.PostAsync(batch, ct);
                batch.Clear();
            }
        }
        if (flush && batch.Count > 0)
        {
            sent += batch.Count;
            await client.PostAsync(batch, ct);
            batch.Clear();
        }
        return sent;
    }

    /// <summary>
    /// The time of the simulator's last stored event, and the codes of dossiers and tickets that may
    /// still have events to come.
    /// </summary>
    private async Task<(DateTimeOffset? LastStored, List<string> OpenCodes)> ReadProgressAsync(CancellationToken ct)
    {
        var database = services.GetRequiredService<IQueryDatabase>();
        var d = database.Dialect;
        var (source, since) = (DemoData.Parameter(d, "source"), DemoData.Parameter(d, "since"));
        await using var connection = await database.OpenReadAsync(ct);
        await using var cmd = connection.CreateCommand();
        // Events has no index on Source or OccurredAt; the feed posts in time order, so the newest
        // rows by Seq (the primary key) hold the latest time, and reading from the end stays cheap.
        var newest = $"SELECT {d.Name("OccurredAt")} FROM {d.Name("Events")} WHERE {d.Name("Source")} = {source} ORDER BY {d.Name("Seq")} DESC LIMIT 10000";
        cmd.CommandText = $"SELECT MAX({d.Name("OccurredAt")}) FROM {d.Derived(newest, "newest")}";
        cmd.AddParameter(source, SourceName);
        if (await cmd.ExecuteScalarAsync(ct) is not long ms)
        {
            return (null, []);
        }
        var last = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        await using var open = connection.CreateCommand();
        open.CommandText = $"""
            SELECT {d.Name("Code")} FROM {d.Name("Dossiers")} WHERE {d.Name("Status")} IN ({(int)DossierStatus.Received}, {(int)DossierStatus.InProcessing}, {(int)DossierStatus.AwaitingSupplement}) AND {d.Name("ReceivedAt")} >= {since}
            UNION ALL
            SELECT {d.Name("Code")} FROM {d.Name("Tickets")} WHERE {d.Name("Status")} NOT IN ({(int)TicketStatus.Closed}, {(int)TicketStatus.Rejected}, {(int)TicketStatus.Duplicate}) AND {d.Name("CreatedAt")} >= {since}
            """;
        open.AddParameter(since, last.AddDays(-RegenerateDays).ToUnixTimeMilliseconds());
        var codes = new List<string>();
        await using var reader = await open.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            codes.Add(reader.GetString(0));
        }
        return (last, codes);
    }

    private Uri? ServerAddress()
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0)
        {
            return null;
        }
        var chosen = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.First();
        // Wildcard bindings are not addresses one can connect to; the server is on this machine.
        foreach (var wildcard in new[] { "://+:", "://*:", "://0.0.0.0:", "://[::]:", "://localhost:" })
        {
            chosen = chosen.Replace(wildcard, "://127.0.0.1:", StringComparison.OrdinalIgnoreCase);
        }
        return Uri.TryCreate(chosen.TrimEnd('/') + "/", UriKind.Absolute, out var uri) ? uri : null;
    }

    private static DateTimeOffset FloorToMinute(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
