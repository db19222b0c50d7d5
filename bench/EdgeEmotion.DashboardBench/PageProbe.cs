using System.Diagnostics;
using EdgeEmotion.Dashboard.Tests;
using EdgeEmotion.Tests;

namespace EdgeEmotion.DashboardBench;

/// <summary>What the browser says about the page: its memory (Chrome DevTools Protocol, after a
/// garbage collection), the renderer process's resident memory, and when data reached the screen.</summary>
public sealed class PageProbe(HeadlessChromium browser)
{
    public sealed record Memory(double JsHeapUsedMb, double JsHeapTotalMb, long DomNodes, long Listeners, double RendererRssMb);

    public Memory Measure()
    {
        var none = new Dictionary<string, object?>();
        browser.WebDriver.ExecuteCdpCommand("HeapProfiler.collectGarbage", none);
        browser.WebDriver.ExecuteCdpCommand("Performance.enable", none);
        var result = (Dictionary<string, object>)browser.WebDriver.ExecuteCdpCommand("Performance.getMetrics", none)!;
        var metrics = ((IEnumerable<object>)result["metrics"]).Cast<Dictionary<string, object>>()
            .ToDictionary(m => (string)m["name"], m => Convert.ToDouble(m["value"], System.Globalization.CultureInfo.InvariantCulture));
        return new Memory(metrics["JSHeapUsedSize"] / 1048576.0, metrics["JSHeapTotalSize"] / 1048576.0, (long)metrics["Nodes"], (long)metrics["JSEventListeners"], RendererRssMb());
    }

    /// <summary>Arms an observer in the page that notes the time (ms since the epoch) of the first
    /// frame painted after the element <paramref name="css"/> has <paramref name="attribute"/> ≥
    /// <paramref name="atLeast"/>: a requestAnimationFrame callback runs just before a paint, a
    /// task queued from it runs after.</summary>
    public void Arm(string css, string attribute, long atLeast) =>
        browser.Script("""
            const [css, attribute, atLeast] = arguments;
            window.__painted = null;
            const holds = () => { const e = document.querySelector(css); return e !== null && Number(e.getAttribute(attribute)) >= atLeast; };
            const note = () => requestAnimationFrame(() => setTimeout(() => { window.__painted = Date.now(); }, 0));
            const observer = new MutationObserver(() => { if (holds()) { observer.disconnect(); note(); } });
            observer.observe(document.body, { subtree: true, childList: true, attributes: true });
            """, css, attribute, atLeast);

    /// <summary>The paint time the armed observer noted, polled until there is one.</summary>
    public async Task<long> PaintedAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (browser.Script("return window.__painted;") is long painted)
            {
                return painted;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("The page did not show the window.");
    }

    /// <summary>The largest renderer process under this browser's driver: the page's tab.</summary>
    private double RendererRssMb()
    {
        var driver = browser.DriverProcessId;
        var parents = Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(n => int.TryParse(n, out _)).Select(int.Parse!)
            .Select(pid => (Pid: pid, Parent: ProcStat.Read(pid)?.Parent ?? 0)).Where(p => p.Parent > 0).ToDictionary(p => p.Pid, p => p.Parent);
        bool Under(int pid)
        {
            for (var p = pid; p > 1 && parents.TryGetValue(p, out var up); p = up)
            {
                if (up == driver)
                {
                    return true;
                }
            }
            return false;
        }
        var renderers = parents.Keys.Where(pid => Under(pid) && Cmdline(pid).Contains("--type=renderer", StringComparison.Ordinal));
        return renderers.Select(pid => { try { return Process.GetProcessById(pid).WorkingSet64 / 1048576.0; } catch (ArgumentException) { return 0; } }).DefaultIfEmpty(0).Max();
    }

    private static string Cmdline(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
