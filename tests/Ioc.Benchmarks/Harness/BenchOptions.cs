using System.Globalization;

namespace Ioc.Benchmarks.Harness;

/// <summary>Sizes of one benchmark run: the full national-scale figures, or small ones for a smoke run.</summary>
public sealed record BenchSizes
{
    /// <summary>Simulator volume of a large province: 3 M dossiers and 200,000 hotline tickets a year.</summary>
    /// <remarks>The demo's 900 dossiers / 60 tickets per ordinary weekday make 248,063 dossiers and 19,647 tickets a year.</remarks>
    public required int YearDossiersPerDay { get; init; }

    public required int YearTicketsPerDay { get; init; }

    /// <summary>
    /// Documents (văn bản đến/đi) registered per ordinary working day: a province exchanges some 700,000 a year
    /// (data/SOURCES.md, "Documents"), about 2,800 a working day. Scaled with the dossiers, so a small run keeps
    /// a province's mix of families instead of the demo's fixed 280 a day beside a fraction of its dossiers.
    /// </summary>
    public required int YearDocumentsPerDay { get; init; }

    /// <summary>Events posted per ingest run (a prefix of the backfill year, in time order).</summary>
    public required int IngestEvents { get; init; }

    /// <summary>Concurrent POSTs in flight during ingest (disjoint entities per stream, so order within an entity holds).</summary>
    public int IngestConcurrency { get; init; } = 4;

    public int IngestBatchSize { get; init; } = 1_000;

    /// <summary>Simulator volume for the five-year query database (≈ 15 M dossiers at full size).</summary>
    public required int SeedDossiersPerDay { get; init; }

    public required int SeedTicketsPerDay { get; init; }

    public required int SeedDocumentsPerDay { get; init; }

    public required int[] SubscriberCounts { get; init; }

    public required int[] CoalesceWindowsMs { get; init; }

    /// <summary>Seconds of posting at <see cref="LiveEventsPerSecond"/> per subscriber run.</summary>
    public required double SubscriberSeconds { get; init; }

    public int LiveEventsPerSecond { get; init; } = 100;

    public required double ScreenSeconds { get; init; }

    public required int IndicatorQueries { get; init; }

    public required int ListQueries { get; init; }

    /// <summary>Upper bound of one run of the list scenario, so a pathological plan cannot stall the whole benchmark.</summary>
    public required TimeSpan ListBudget { get; init; }

    /// <summary>Upper bound of each part (GetAsync, GetManyAsync) of one run of the indicator scenario.</summary>
    public required TimeSpan QueryBudget { get; init; }

    public required int[] CircuitCounts { get; init; }

    /// <summary>Wall pages opened on each web node of the two-node layout to read its memory per page.</summary>
    public required int NodeWallPages { get; init; }

    /// <summary>Live wall pages open through the soak.</summary>
    public required int SoakCircuits { get; init; }

    /// <summary>The harness's own feed (one event per request) on top of the demo simulator's; 0: the simulator alone.</summary>
    public double SoakEventsPerSecond { get; init; } = 50;

    /// <summary>Days of demo history the simulator generates on the soak's first start (0: today's events only); 365 loads the demo year.</summary>
    public int SoakHistoryDays { get; init; }

    /// <summary>The aggregation service is stopped and started again this often (cutting the web process's hub link); zero: never.</summary>
    public required TimeSpan SoakRestartInterval { get; init; }

    public required TimeSpan SoakDuration { get; init; }

    public required TimeSpan SoakWarmUp { get; init; }

    /// <summary>The full sizes with every data volume multiplied by <paramref name="factor"/> (e.g. 0.1 for a tenth of a province).</summary>
    public BenchSizes Scaled(double factor) => this with
    {
        YearDossiersPerDay = Math.Max(1, (int)Math.Round(YearDossiersPerDay * factor)),
        YearTicketsPerDay = Math.Max(1, (int)Math.Round(YearTicketsPerDay * factor)),
        YearDocumentsPerDay = Math.Max(1, (int)Math.Round(YearDocumentsPerDay * factor)),
        SeedDossiersPerDay = Math.Max(1, (int)Math.Round(SeedDossiersPerDay * factor)),
        SeedTicketsPerDay = Math.Max(1, (int)Math.Round(SeedTicketsPerDay * factor)),
        SeedDocumentsPerDay = Math.Max(1, (int)Math.Round(SeedDocumentsPerDay * factor)),
        IngestEvents = Math.Max(10_000, (int)Math.Round(IngestEvents * Math.Min(1, factor * 2))),
    };

    public static BenchSizes Full { get; } = new()
    {
        YearDossiersPerDay = 10_900,
        YearTicketsPerDay = 610,
        YearDocumentsPerDay = 2_800,
        IngestEvents = 1_000_000,
        SeedDossiersPerDay = 11_100,
        SeedTicketsPerDay = 610,
        SeedDocumentsPerDay = 2_800,
        SubscriberCounts = [200, 1_000],
        CoalesceWindowsMs = [250, 50],
        SubscriberSeconds = 10,
        ScreenSeconds = 20,
        IndicatorQueries = 2_000,
        ListQueries = 300,
        ListBudget = TimeSpan.FromMinutes(4),
        QueryBudget = TimeSpan.FromMinutes(3),
        CircuitCounts = [100, 500],
        NodeWallPages = 50,
        SoakCircuits = 100,
        SoakRestartInterval = TimeSpan.FromMinutes(10),
        SoakDuration = TimeSpan.FromMinutes(30),
        SoakWarmUp = TimeSpan.FromMinutes(5),
    };

    /// <summary>About a fiftieth of the data and short runs: a smoke test of every scenario in a few minutes.</summary>
    public static BenchSizes Quick { get; } = new()
    {
        YearDossiersPerDay = 218,
        YearTicketsPerDay = 12,
        YearDocumentsPerDay = 56,
        IngestEvents = 50_000,
        SeedDossiersPerDay = 222,
        SeedTicketsPerDay = 12,
        SeedDocumentsPerDay = 56,
        SubscriberCounts = [20, 100],
        CoalesceWindowsMs = [250, 50],
        SubscriberSeconds = 3,
        ScreenSeconds = 5,
        IndicatorQueries = 300,
        ListQueries = 60,
        ListBudget = TimeSpan.FromSeconds(60),
        QueryBudget = TimeSpan.FromSeconds(60),
        CircuitCounts = [10, 20],
        NodeWallPages = 10,
        SoakCircuits = 10,
        SoakRestartInterval = TimeSpan.FromMinutes(1),
        SoakDuration = TimeSpan.FromMinutes(2),
        SoakWarmUp = TimeSpan.FromMinutes(0.5),
    };
}

/// <summary>Command line of the benchmark program.</summary>
public sealed record BenchOptions
{
    public static readonly string[] ScenarioNames = ["ingest", "backfill", "subscriber", "screen", "query", "list", "circuits", "soak", "profile", "providers", "scale", "nodes"];

    public bool Quick { get; init; }

    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>();

    public string DataDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "ioc-bench");

    public string? OutFile { get; init; }

    /// <summary>Where the circuits scenario writes a heap dump of each server at each page count (dotnet-gcdump), to see what a page keeps; null: none.</summary>
    public string? GcDumpDirectory { get; init; }

    /// <summary>
    /// Where the circuits scenario writes a full heap dump of each server at each page count (dotnet-dump, a global tool), for
    /// <c>dotnet-dump analyze &lt;file&gt; -c "dumpheap -stat -live"</c>: exact sizes per type, where a gcdump only samples; null: none.
    /// </summary>
    public string? DumpDirectory { get; init; }

    public int Runs { get; init; } = 3;

    public bool UpdateReadme { get; init; }

    /// <summary>Set by --scale: full sizes with data volumes scaled.</summary>
    public double? Scale { get; init; }

    public required BenchSizes Sizes { get; init; }

    public bool Includes(string scenario) => Only.Count == 0 || Only.Contains(scenario);

    public string Mode => Quick ? "quick" : Scale is double f ? $"full × {f.ToString(CultureInfo.InvariantCulture)}" : "full";

    public const string Usage = """
        Usage: tests/Ioc.Benchmarks/run.sh [options]
          --quick                 small sizes and short runs (a smoke test, a few minutes)
          --only a,b              run only these scenarios: ingest, backfill, subscriber, screen, query, list, circuits, soak, profile, providers, scale, nodes
          --data <dir>            where generated data live and are reused (default /tmp/ioc-bench)
          --out <file.md>         also write the table to this file
          --runs <n>              runs per figure (default 3; at least 3 for a median with min–max)
          --soak-minutes <m>      length of the soak (default 30, quick 2)
          --soak-walls <n>        live wall pages during the soak (default 100, quick 10)
          --soak-restart-minutes <m>  stop and restart the aggregation service (the hub) every m minutes of the soak (default 10, quick 1; 0: never)
          --soak-events-per-second <r>  the harness's feed during the soak, on top of the demo simulator (default 50; 0: the simulator alone)
          --soak-history-days <d> days of demo history the simulator loads before the soak's live feed (default 0; 365: the demo year)
          --scale <f>             full sizes with the data volumes times f (e.g. 0.1: a tenth of a province)
          --circuits <n,n>        page counts of the live-circuits scenario (default 100,500; quick 10,20)
          --gcdump <dir>          the live-circuits scenario writes each server's heap (dotnet-gcdump, a global tool) with one page and at each count
          --dump <dir>            the same with full heap dumps (dotnet-dump, a global tool; a few hundred MB each), exact sizes per type
          --update-readme         replace the table in README.md's "Benchmarks" section
        """;

    public static BenchOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        var sizes = quick ? BenchSizes.Quick : BenchSizes.Full;
        var options = new BenchOptions { Quick = quick, Sizes = sizes };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--only":
                    var only = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    var unknown = only.Except(ScenarioNames, StringComparer.OrdinalIgnoreCase).ToList();
                    if (unknown.Count > 0)
                    {
                        throw new ArgumentException($"Unknown scenario(s): {string.Join(", ", unknown)}.\n{Usage}");
                    }
                    options = options with { Only = only };
                    break;
                case "--data":
                    options = options with { DataDirectory = Path.GetFullPath(Next()) };
                    break;
                case "--out":
                    options = options with { OutFile = Path.GetFullPath(Next()) };
                    break;
                case "--runs":
                    options = options with { Runs = Math.Max(1, int.Parse(Next(), CultureInfo.InvariantCulture)) };
                    break;
                case "--soak-minutes":
                    var minutes = double.Parse(Next(), CultureInfo.InvariantCulture);
                    options = options with
                    {
                        Sizes = options.Sizes with
                        {
                            SoakDuration = TimeSpan.FromMinutes(minutes),
                            SoakWarmUp = TimeSpan.FromMinutes(Math.Min(options.Sizes.SoakWarmUp.TotalMinutes, minutes / 3)),
                        },
                    };
                    break;
                case "--soak-walls":
                    options = options with { Sizes = options.Sizes with { SoakCircuits = Math.Max(1, int.Parse(Next(), CultureInfo.InvariantCulture)) } };
                    break;
                case "--soak-restart-minutes":
                    options = options with { Sizes = options.Sizes with { SoakRestartInterval = TimeSpan.FromMinutes(Math.Max(0, double.Parse(Next(), CultureInfo.InvariantCulture))) } };
                    break;
                case "--soak-history-days":
                    options = options with { Sizes = options.Sizes with { SoakHistoryDays = Math.Max(0, int.Parse(Next(), CultureInfo.InvariantCulture)) } };
                    break;
                case "--soak-events-per-second":
                    options = options with { Sizes = options.Sizes with { SoakEventsPerSecond = Math.Max(0, double.Parse(Next(), CultureInfo.InvariantCulture)) } };
                    break;
                case "--scale":
                    var factor = double.Parse(Next(), CultureInfo.InvariantCulture);
                    options = options with { Sizes = BenchSizes.Full.Scaled(factor), Scale = factor };
                    break;
                case "--circuits":
                    options = options with { Sizes = options.Sizes with { CircuitCounts = [.. Next().Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture))] } };
                    break;
                case "--gcdump":
                    options = options with { GcDumpDirectory = Path.GetFullPath(Next()) };
                    break;
                case "--dump":
                    options = options with { DumpDirectory = Path.GetFullPath(Next()) };
                    break;
                case "--update-readme":
                    options = options with { UpdateReadme = true };
                    break;
                case "--help" or "-h":
                    throw new ArgumentException(Usage);
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}");
            }
        }
        return options;
    }
}
