using System.Security.Claims;
using Ioc.Aggregation.Access;
using Ioc.Aggregation.Publishing;
using Ioc.Contracts;
using Ioc.Domain.Units;
using Ioc.Testing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ioc.Aggregation.Tests.Publishing;

/// <summary>A refused hub call costs the log one Warning line, so no client can fill the error log; real faults still log at Error.</summary>
public sealed class HubRefusalLoggingTests
{
    public static TheoryData<string> RefusedCalls() => new() { "department", "unknown-unit", "resync-unsubscribed" };

    [Theory]
    [MemberData(nameof(RefusedCalls))]
    public async Task RefusedHubCall_LogsOneWarningWithoutStackTraceAndNoError(string call)
    {
        var log = new CapturingLoggerProvider();
        await using var app = new IocAppFactory();
        app.LoggerProviders.Add(log);
        var (_, secret) = await app.Services.GetRequiredService<DisplayKeyStore>().CreateAsync("Màn hình thử", "quantri");
        await using var screen = await KpiTestClient.ConnectWithDisplayKeyAsync(app.ServerAddress, secret);
        var department = app.Catalog.Units.All.First(u => u.Kind == UnitKind.Department).Id;
        var before = log.Entries.Count;

        var refused = await Assert.ThrowsAsync<HubException>(() => call switch
        {
            "department" => screen.SubscribeAsync(new KpiStreamKey(department, KpiWindow.Today)),
            "unknown-unit" => screen.SubscribeAsync(new KpiStreamKey(987_654, KpiWindow.Today)),
            _ => screen.Connection.InvokeAsync<KpiSnapshot>(KpiHubContract.Resync, new KpiStreamKey(app.Catalog.Units.Root.Id, KpiWindow.Today)),
        });
        // The dispatcher logs before it answers, but give any late writer a moment.
        await Task.Delay(200);

        var entries = log.Entries.Skip(before).ToList();
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Error);
        Assert.DoesNotContain(entries, e => e.Exception is not null);
        Assert.DoesNotContain(entries, e => e.Message.Contains("   at ", StringComparison.Ordinal));
        var warning = Assert.Single(entries, e => e.Level == LogLevel.Warning);
        Assert.Equal(typeof(HubRefusalLogFilter).FullName, warning.Category);
        // The client reads the reason after the dispatcher's generic preamble; the warning names the call and the same reason.
        var reason = refused.Message[(refused.Message.IndexOf("HubException: ", StringComparison.Ordinal) + "HubException: ".Length)..];
        Assert.Contains(reason, warning.Message, StringComparison.Ordinal);
        Assert.Contains(call == "resync-unsubscribed" ? "KpiHub.Resync" : "KpiHub.Subscribe", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingHubCall_NotARefusal_IsStillLoggedAtErrorWithItsException()
    {
        var log = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(log));
        var filter = new HubRefusalLogFilter(factory.CreateLogger<HubRefusalLogFilter>());
        var context = new HubInvocationContext(new Caller(), new ServiceCollection().BuildServiceProvider(), new SomeHub(),
            typeof(SomeHub).GetMethod(nameof(SomeHub.Fail))!, []);

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await filter.InvokeMethodAsync(context, _ => throw new InvalidOperationException("the database is gone")));

        var entry = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.IsType<InvalidOperationException>(entry.Exception);
    }

    private sealed class SomeHub : Hub
    {
        public void Fail()
        {
        }
    }

    private sealed class Caller : HubCallerContext
    {
        public override string ConnectionId => "c1";

        public override string? UserIdentifier => null;

        public override ClaimsPrincipal? User => new(new ClaimsIdentity());

        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override CancellationToken ConnectionAborted => CancellationToken.None;

        public override void Abort()
        {
        }
    }
}
