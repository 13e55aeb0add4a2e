using Ioc.Benchmarks.Harness;

namespace Ioc.Benchmarks.Scenarios;

public interface IScenario
{
    /// <summary>The name used by <c>--only</c>.</summary>
    string Name { get; }

    Task RunAsync(BenchContext context);
}
