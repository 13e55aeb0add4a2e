using Ioc.Aggregation.Simulation;
using Ioc.Benchmarks.Data;
using Ioc.Testing;

namespace Ioc.Benchmarks.Harness;

/// <summary>What every scenario shares: options, the result table, the reference catalogue and the generated data.</summary>
public sealed class BenchContext : IAsyncDisposable
{
    private DataHost? _reference;

    private BenchContext(BenchOptions options, DataHost reference)
    {
        Options = options;
        _reference = reference;
        Data = new DataSets(this);
    }

    public BenchOptions Options { get; }

    public BenchSizes Sizes => Options.Sizes;

    public ResultTable Results { get; } = new();

    public DataSets Data { get; }

    /// <summary>A small database holding only the reference data, for the catalogue and calendar.</summary>
    public DataHost Reference => _reference ?? throw new ObjectDisposedException(nameof(BenchContext));

    public DemoTexts Texts { get; } = DemoTexts.Load(TestPaths.DemoData);

    /// <summary>"Now" of the generated history: the start of this run.</summary>
    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    /// <summary>The ingest figure of this run (events/s), which the backfill is compared with.</summary>
    public Spread? IngestRate { get; set; }

    /// <summary>The subscriber p99 of this run at the default window and the smallest subscriber count, for the screen scenario.</summary>
    public Spread? SubscriberP99 { get; set; }

    public string WorkDirectory => Path.Combine(Options.DataDirectory, "work");

    /// <summary>Publish folders already made in this run.</summary>
    public HashSet<string> Published { get; } = new(StringComparer.Ordinal);

    /// <summary>A fresh folder for one run's database; removed by the caller.</summary>
    public string NewWorkFolder(string name)
    {
        var path = Path.Combine(WorkDirectory, $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)]);
        Directory.CreateDirectory(path);
        return path;
    }

    public static void DeleteFolder(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException ex)
        {
            Log.Info($"Could not delete {path}: {ex.Message}");
        }
    }

    public static async Task<BenchContext> CreateAsync(BenchOptions options)
    {
        Directory.CreateDirectory(options.DataDirectory);
        var work = Path.Combine(options.DataDirectory, "work");
        if (Directory.Exists(work))
        {
            DeleteFolder(work);
        }
        Directory.CreateDirectory(work);
        var reference = await DataHost.OpenAsync(Path.Combine(work, "reference", "ioc.db"));
        return new BenchContext(options, reference);
    }

    public async ValueTask DisposeAsync()
    {
        if (_reference is not null)
        {
            await _reference.DisposeAsync();
            _reference = null;
        }
        DeleteFolder(WorkDirectory);
    }
}
