using System.Globalization;

namespace Ioc.Benchmarks.Harness;

/// <summary>Processes started from this one (Playwright's driver and the Chromium it launched), read from /proc.</summary>
public static class ProcessTree
{
    /// <summary>
    /// Memory of every descendant of this process (the browser, for the notes): the sum of their
    /// proportional set sizes, so that pages shared between Chromium's processes count once.
    /// </summary>
    public static long DescendantsPssBytes()
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // pid (comm) state ppid …: the command may hold spaces and parentheses.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        var self = Environment.ProcessId;
        long total = 0;
        foreach (var pid in parents.Keys)
        {
            var p = pid;
            var depth = 0;
            while (parents.TryGetValue(p, out var parent) && parent != 0 && depth++ < 64)
            {
                if (parent == self)
                {
                    try
                    {
                        total += Pss(pid);
                    }
                    catch (IOException)
                    {
                    }
                    catch (UnauthorizedAccessException)
                    {
                    }
                    break;
                }
                p = parent;
            }
        }
        return total;
    }

    /// <summary>Memory the machine can still give (MemAvailable), to stop opening pages before it runs out.</summary>
    public static long AvailableBytes()
    {
        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        return long.MaxValue;
    }

    private static long Pss(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
        {
            if (line.StartsWith("Pss:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }
        return 0;
    }
}
