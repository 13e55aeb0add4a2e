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
            return await pipeline.IngestAllAsync(source, StopOnConversionErrors(reader, ct), expectedEvents: await CountLinesAsync(path, ct), ct: ct);
        }
        catch (ConversionFailedException)
        {
            // The session was disposed without a commit: nothing of the file was stored.
            return new IngestOutcome(null, [.. reader.Errors.OrderBy(e => e.Index).Take(100)], null);
        }
    }

    /// <summary>
    /// The file's line count, an upper bound of its events (one per line but the header; a quoted field may
    /// span lines), for the pipeline's choice to build indexes at the end: about a second per gigabyte.
    /// </summary>
    private static async Task<long> CountLinesAsync(string path, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        var buffer = new byte[1 << 16];
        long lines = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        return lines;
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
