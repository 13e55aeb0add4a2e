using System.Runtime.CompilerServices;
using Ioc.Aggregation.Ingest;
using Ioc.Contracts;

namespace Ioc.Aggregation.Backfill;

/// <summary>Loads a CSV file of events through the ingest pipeline: the same validation and storage as the API, all or nothing.</summary>
public sealed class CsvBackfill(IngestPipeline pipeline)
{
    public const int ChunkSize = 5_000;

    public async Task<IngestOutcome> LoadAsync(string path, string source, CancellationToken ct = default)
    {
        using var file = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        var reader = new CsvEventReader(file);
        try
        {
            return await pipeline.IngestAllAsync(source, StopOnConversionErrors(reader, ct), ct: ct);
        }
        catch (ConversionFailedException)
        {
            // The session was disposed without a commit: nothing of the file was stored.
            return new IngestOutcome(null, [.. reader.Errors.OrderBy(e => e.Index).Take(100)], null);
        }
    }

    private static async IAsyncEnumerable<IReadOnlyList<(int Line, IngestEvent Event)>> StopOnConversionErrors(CsvEventReader reader, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var chunk in reader.ReadChunksAsync(ChunkSize, ct))
        {
            if (reader.Errors.Count > 0)
            {
                break;
            }
            yield return chunk;
        }
        if (reader.Errors.Count > 0)
        {
            throw new ConversionFailedException();
        }
    }

    private sealed class ConversionFailedException : Exception;
}
