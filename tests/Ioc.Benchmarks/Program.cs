using Ioc.Benchmarks.Harness;
using Ioc.Benchmarks.Scenarios;

// The benchmark program of issue 7: generates data, runs every scenario, prints a Markdown table.
// Progress goes to stderr; the table to stdout (and --out, and README.md with --update-readme).
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

// WebApplicationFactory finds the web app's content root through MvcTestingAppManifest.json in the
// working directory, as under a test runner: run from the output folder (paths above are absolute).
Directory.SetCurrentDirectory(AppContext.BaseDirectory);
var started = DateTimeOffset.UtcNow;
Log.Info($"IOC benchmarks, {options.Mode} sizes, data in {options.DataDirectory}; load average {Machine.LoadAverage()}");
IScenario[] scenarios =
[
    new IngestScenario(),
    new BackfillScenario(),
    new SubscriberScenario(),
    new ScreenScenario(),
    new IndicatorQueryScenario(),
    new DossierListScenario(),
    new CircuitsScenario(),
    new SoakScenario(),
    new ProfileScenario(),
    new ProvidersScenario(),
    new ScaleScenario(),
    new NodesScenario(),
];

var failed = 0;
await using (var context = await BenchContext.CreateAsync(options))
{
    foreach (var scenario in scenarios.Where(s => options.Includes(s.Name)))
    {
        Log.Info($"=== {scenario.Name}");
        try
        {
            await scenario.RunAsync(context);
        }
        catch (Exception ex)
        {
            failed++;
            Log.Info($"{scenario.Name} failed: {ex}");
            context.Results.Failed(scenario.Name, "(scenario failed)", $"{ex.GetType().Name}: {Truncate(ex.Message.Split('\n')[0], 300)}");
        }
    }
    var header = Machine.Describe(options, started, DateTimeOffset.UtcNow - started);
    var markdown = context.Results.ToMarkdown(header);
    Console.WriteLine(markdown);
    if (options.OutFile is string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, markdown);
        Log.Info($"Table written to {path}");
    }
    if (options.UpdateReadme)
    {
        ReadmeTable.Update(context.Results.ToMarkdown(header, withSections: false));
    }
}
return failed == 0 ? 0 : 1;

static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";
