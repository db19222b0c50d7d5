using System.Diagnostics;
using System.Globalization;
using EdgeEmotion.Collector.Storage;

namespace EdgeEmotion.CollectorBench;

/// <summary>
/// Sustained ingest, stored by the real collector process from a real mosquitto, two ways:
/// <c>live</c>, the fleet published as fast as QoS 1 allows while the collector stores (the
/// publishers, each awaiting every acknowledgement, may be what limits it); <c>backlog</c>, the
/// same messages published while the collector is away (its persistent session holds them) and
/// timed from its start: the broker sends as fast as the collector acknowledges, so this is the
/// collector's own rate. Messages/s to the last commit, that nothing was lost or doubled, and the
/// collector's CPU time (the machine may be shared: CPU per message does not depend on what else runs).
/// Its resident memory: the highest during the run, at the last commit, and after <see cref="Idle"/>
/// with nothing to store (what a collector keeps between a fleet's bursts, its heap release included).
/// </summary>
internal static class IngestRun
{
    /// <summary>Longer than the heap release's period (one minute), so that one check falls in it.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromSeconds(75);

    public const string Header =
        """
        | store | published | messages | ingest s | messages/s | collector CPU s | collector CPU ms per 1,000 messages | PostgreSQL server CPU ms per 1,000 messages | stored | duplicates | gaps | database MB | collector RSS MB: highest / at the last commit / 75 s idle | load average (1, 5, 15 min) |
        | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
        """;

    public static async Task<string> OnceAsync(string provider, bool backlog, Options options, List<(string Topic, byte[] Payload)> messages)
    {
        using var broker = new PersistentMosquitto();
        using var bench = new BenchStore(provider);
        var collector = await CollectorProcess.StartAsync(broker.Port, bench);
        await using var store = await CollectorStore.OpenAsync(bench.Settings, TimeProvider.System, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        if (backlog)
        {
            collector.Stop();
            collector.Dispose();
            await FleetPublisher.PublishAsync(broker.Port, messages, options.Publishers);
            clock.Restart();
            collector = await CollectorProcess.StartAsync(broker.Port, bench);
        }
        using var running = collector;
        var cpuBefore = backlog ? 0 : collector.CpuSeconds;
        var serverBefore = bench.ServerCpuSeconds;
        if (!backlog)
        {
            await FleetPublisher.PublishAsync(broker.Port, messages, options.Publishers);
        }
        await Wait.Until(() => store.Reader.HealthAsync(CancellationToken.None).GetAwaiter().GetResult().Stored >= messages.Count,
            "every message stored", TimeSpan.FromMinutes(30), () => collector.Output);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = collector.CpuSeconds - cpuBefore;
        var server = bench.ServerCpuSeconds - serverBefore;
        var health = await store.Reader.HealthAsync(CancellationToken.None);
        var (peakMb, lastCommitMb) = (collector.PeakResidentMb, collector.ResidentMb);
        await Task.Delay(Idle);
        var idleMb = collector.ResidentMb;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {provider} | {(backlog ? "backlog" : "live")} | {messages.Count} | {seconds:0.0} | {messages.Count / seconds:0} | {cpu:0.0} | {cpu * 1e6 / messages.Count:0} | {server * 1e6 / messages.Count:0} | {health.Stored} | {health.Duplicates} | {health.GapRanges} | {health.DatabaseBytes / 1e6:0.0} | {peakMb:0.0} / {lastCommitMb:0.0} / {idleMb:0.0} | {LoadAverage.Now()} |");
    }
}
