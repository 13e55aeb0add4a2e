using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime;

/// <summary>
/// Loaded by the runtime before the server's Main (DOTNET_STARTUP_HOOKS), when IOC_BENCH_PROBE_PORT
/// is set: a background thread answers one line per connection on 127.0.0.1. "gc" first runs a full,
/// blocking, compacting collection (LOH included); every answer is
/// "totalMemory heapSize committed workingSet gen2Collections allocatedBytes" (allocated since the process started,
/// all threads). The measured app is not changed.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("IOC_BENCH_PROBE_PORT"), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            return;
        }
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        new Thread(() => Serve(listener)) { IsBackground = true, Name = "ioc-bench-memory-probe" }.Start();
    }

    private static void Serve(TcpListener listener)
    {
        while (true)
        {
            try
            {
                using var client = listener.AcceptTcpClient();
                using var stream = client.GetStream();
                using var reader = new StreamReader(stream);
                using var writer = new StreamWriter(stream) { AutoFlush = true };
                if (reader.ReadLine() == "gc")
                {
                    GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                }
                var info = GC.GetGCMemoryInfo(GCKind.Any);
                writer.WriteLine(string.Join(' ',
                    GC.GetTotalMemory(false).ToString(CultureInfo.InvariantCulture),
                    info.HeapSizeBytes.ToString(CultureInfo.InvariantCulture),
                    info.TotalCommittedBytes.ToString(CultureInfo.InvariantCulture),
                    Environment.WorkingSet.ToString(CultureInfo.InvariantCulture),
                    GC.CollectionCount(2).ToString(CultureInfo.InvariantCulture),
                    GC.GetTotalAllocatedBytes(precise: false).ToString(CultureInfo.InvariantCulture)));
            }
            catch (IOException)
            {
                // The benchmark hung up; wait for the next question.
            }
            catch (SocketException)
            {
            }
        }
    }
}
