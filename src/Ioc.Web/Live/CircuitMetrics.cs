using Ioc.Aggregation.Telemetry;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Ioc.Web.Live;

/// <summary>
/// Counts the Blazor circuits this process holds: each open page (and each one kept for a browser
/// that lost its network) costs memory here, so the figure tells when a node is getting full.
/// </summary>
internal sealed class CircuitMetrics : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IocMetrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IocMetrics.CircuitClosed();
        return Task.CompletedTask;
    }
}
