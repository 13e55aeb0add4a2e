namespace Ioc.BrowserTests;

/// <summary>
/// Test classes that must not share the machine or the process with other tests: xunit runs this
/// collection on its own, after the parallel ones.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Figures that are process-wide by design (the "Ioc" meter's up-down counters: one process hosts one
/// app in production), which other apps of the test process would count up and down meanwhile.</item>
/// <item>Tests that start a fleet of processes (nodes, the service, nginx, Redis): on 2 cores their start-up
/// starves the other classes' pages for seconds.</item>
/// <item>Tests that measure seconds on screen, which such a stall stretches (CI saw one render batch
/// arrive 13 s late).</item>
/// </list>
/// </remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial";
}
