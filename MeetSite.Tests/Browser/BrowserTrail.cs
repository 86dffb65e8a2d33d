using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>
/// What each open browser context did lately (requests and their answers, navigations, crashes, page
/// errors), with times, printed when a Playwright wait times out. A navigation that never came (twice in
/// CI, never here) then shows whether the request left Chromium, reached the site, or was answered, and
/// what the machine and the test process's thread pool were doing.
/// </summary>
public sealed class BrowserTrail
{
    private const int Kept = 40;
    private const long PrintEvery = 5_000;
    private static readonly ConcurrentDictionary<BrowserTrail, byte> Open = new();
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private static readonly Lock PrintLock = new();
    private static long _lastPrinted = -PrintEvery;

    private readonly string _who;
    private readonly Queue<string> _events = new();

    static BrowserTrail() => AppDomain.CurrentDomain.FirstChanceException += (_, e) =>
    {
        // Playwright throws System.TimeoutException from its own waits.
        if (e.Exception.GetType().Name == nameof(TimeoutException)
            && e.Exception.TargetSite?.DeclaringType?.Namespace?.StartsWith("Microsoft.Playwright", StringComparison.Ordinal) == true)
        {
            PrintAll(e.Exception.Message);
        }
    };

    private BrowserTrail(string who) => _who = who;

    public static void Follow(string who, IBrowserContext context)
    {
        var trail = new BrowserTrail(who);
        context.Request += (_, r) => trail.Add(r, $"→ {r.Method} {r.Url}");
        context.Response += (_, r) => trail.Add(r.Request, $"← {r.Status} {r.Request.Method} {r.Url}");
        context.RequestFailed += (_, r) => trail.Add(r, $"✗ {r.Method} {r.Url}: {r.Failure}");
        context.Page += (_, page) => trail.Watch(page);
        context.Close += (_, _) => Open.TryRemove(trail, out _);
        Open[trail] = 0;
    }

    private void Watch(IPage page)
    {
        page.FrameNavigated += (_, frame) => { if (frame.ParentFrame is null) Add($"navigated to {frame.Url}"); };
        page.Crash += (_, _) => Add("the page crashed");
        page.PageError += (_, error) => Add($"page error: {error}");
    }

    // Styles, icons and fonts would push the pages and scripts out of the trail.
    private void Add(IRequest request, string what)
    {
        if (request.ResourceType is not ("stylesheet" or "image" or "font"))
        {
            Add(what);
        }
    }

    private void Add(string what)
    {
        lock (_events)
        {
            if (_events.Count == Kept)
            {
                _events.Dequeue();
            }
            _events.Enqueue($"{Clock.Elapsed.TotalSeconds,9:F3}s {what}");
        }
    }

    private static void PrintAll(string why)
    {
        // One print per timeout burst: a wait that times out may throw again up its chain.
        lock (PrintLock)
        {
            var now = Clock.ElapsedMilliseconds;
            if (now - _lastPrinted < PrintEvery)
            {
                return;
            }
            _lastPrinted = now;
        }
        ThreadPool.GetAvailableThreads(out var freeWorkers, out _);
        ThreadPool.GetMaxThreads(out var maxWorkers, out _);
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
        var lines = new List<string>
        {
            $"== Browser trail at {Clock.Elapsed.TotalSeconds:F3}s, after: {why.Split('\n')[0]}",
            $"   load average {load}; thread pool: {ThreadPool.ThreadCount} threads, {maxWorkers - freeWorkers} busy, {ThreadPool.PendingWorkItemCount} work items queued",
        };
        foreach (var trail in Open.Keys)
        {
            lines.Add($"-- {trail._who}");
            lock (trail._events)
            {
                lines.AddRange(trail._events.Select(e => "   " + e));
            }
        }
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
