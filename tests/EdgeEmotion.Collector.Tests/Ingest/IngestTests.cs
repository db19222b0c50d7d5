namespace EdgeEmotion.Collector.Tests.Ingest;

/// <summary>The collector as a process between a real mosquitto and a real store: killed
/// mid-stream, doubled in a shared subscription, fed duplicates, gaps and a bad payload, and the
/// broker restarted under it and while it is away.</summary>
public sealed class IngestTests(PostgresCluster cluster, PersistentMosquitto broker) : IAsyncDisposable
{
    /// <summary>Windows in a round of the broker and restart tests.</summary>
    private const int Round = 50;
    private static readonly DateTimeOffset Far = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TestStores _stores = new(cluster);
    private readonly List<CollectorProcess> _collectors = [];
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..8];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killed_mid_stream_and_restarted_the_collector_loses_nothing_and_stores_nothing_twice()
    {
        var folder = new TempDirectory();
        var storage = new[] { $"--StateDirectory={folder.Path}" };
        await StartAsync("kill-test", storage);
        var store = await _stores.OpenAsync(StorageSettings.SqliteIn(folder.Path));
        await using var fleet = await FleetPublisher.ConnectAsync(broker.Port, _prefix);
        string[] devices = ["a1", "a2", "b1", "b2"];
        const int Windows = 500;
        const int VisitsEvery = 4;
        var total = devices.Length * (Windows + (Windows / VisitsEvery));

        var publishing = Task.Run(async () =>
        {
            for (var seq = 1; seq <= Windows; seq++)
            {
                foreach (var device in devices)
                {
                    await fleet.WindowAsync(device, seq);
                    if (seq % VisitsEvery == 0)
                    {
                        await fleet.VisitAsync(device, seq / VisitsEvery);
                    }
                }
            }
        }, Cancel);
        await Wait.Until(() => Stored(store) >= total / 5, "a fifth of the messages stored", seen: () => $"{Stored(store)} stored");
        _collectors[0].Kill();
        var atKill = Stored(store);
        await publishing;
        Assert.True(atKill < total, $"the collector was killed after the stream ({atKill} of {total} stored): the test proves nothing");

        await StartAsync("kill-test", storage);
        await Wait.Until(() => Stored(store) >= total, $"all {total} messages stored", seen: () => $"{Stored(store)} stored");
        await AssertEveryMessageOnceAsync(store, devices, Windows, Windows / VisitsEvery);
        folder.Dispose();
    }

    [Fact]
    public async Task Two_collectors_in_one_shared_subscription_against_one_postgresql_store_every_message_once()
    {
        var settings = _stores.Settings("postgres");
        var storage = new[] { "--Storage:Provider=Postgres", $"--Storage:ConnectionString={settings.ConnectionString}", "--Collector:SharedSubscription=true" };
        await StartAsync("shared-a", storage);
        await StartAsync("shared-b", storage);
        var store = await _stores.OpenAsync(settings);
        await using var fleet = await FleetPublisher.ConnectAsync(broker.Port, _prefix);
        string[] devices = ["a1", "a2", "a3"];
        const int Windows = 400;
        for (var seq = 1; seq <= Windows; seq++)
        {
            foreach (var device in devices)
            {
                await fleet.WindowAsync(device, seq);
                await fleet.VisitAsync(device, seq);
            }
        }
        var total = devices.Length * Windows * 2;
        await Wait.Until(() => Stored(store) >= total, $"all {total} messages stored", seen: () => $"{Stored(store)} stored");
        await AssertEveryMessageOnceAsync(store, devices, Windows, Windows);
        Assert.Equal(0, (await store.Reader.HealthAsync(Cancel)).Duplicates);
    }

    [Fact]
    public async Task A_duplicate_a_forged_gap_a_declared_skip_and_a_bad_payload_are_told_apart()
    {
        var folder = new TempDirectory();
        var collector = await StartAsync("odd-test", [$"--StateDirectory={folder.Path}"]);
        var store = await _stores.OpenAsync(StorageSettings.SqliteIn(folder.Path));
        await using var fleet = await FleetPublisher.ConnectAsync(broker.Port, _prefix);
        for (var seq = 1; seq <= 10; seq++)
        {
            await fleet.WindowAsync("k1", seq);
        }
        await fleet.WindowAsync("k1", 5);
        await fleet.RawAsync("k1", "emotions", """{"schema": 1, "device": "k1", "seq": "sixteen"}""");
        await fleet.WindowAsync("k1", 16);
        await fleet.StatsAsync("k1", (12, 13));
        await fleet.RawAsync("k1", "status", "online");

        await Wait.Until(() => Stored(store) >= 11 && collector.Output.Contains("seq", StringComparison.Ordinal), "the good windows stored and the bad one reported",
            seen: () => $"{Stored(store)} stored; {collector.Output}");
        await Wait.Until(() => Gaps(store).Count == 2, "the declared skip taken off the gap", seen: () => string.Join(", ", Gaps(store)));
        Assert.Equal([new SeqRange(11, 11), new SeqRange(14, 15)], Gaps(store));
        var health = await store.Reader.HealthAsync(Cancel);
        Assert.Equal((11L, 1L), (health.Stored, health.Duplicates));
        Assert.Contains("not stored: emotions payload", collector.Output, StringComparison.Ordinal);
        await Wait.Until(() => store.Reader.DevicesAsync(Cancel).Result.SingleOrDefault()?.Status == "online", "the status stored");
        folder.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_broker_restarted_while_the_collector_is_away_keeps_its_session_and_nothing_is_lost(bool publishedAfterTheRestart)
    {
        // A broker of its own: restarting the assembly's would cut off the other classes' tests running beside this one.
        using var own = new PersistentMosquitto();
        var folder = new TempDirectory();
        var storage = new[] { $"--StateDirectory={folder.Path}" };
        await StartAsync("restart-test", storage, own);
        var store = await _stores.OpenAsync(StorageSettings.SqliteIn(folder.Path));
        await PublishFirstRoundAsync(store, own);

        // The collector away: the broker keeps its messages in the session, and keeps them over its
        // own restart. Published after the restart they wait only if the session's subscription
        // came back with it: mosquitto 2.0.11 (Debian 12's) restores subscriptions to topics and
        // not shared ones, with which that round was lost.
        _collectors[0].Kill();
        if (!publishedAfterTheRestart)
        {
            await PublishWindowsAsync(Round + 1, 2 * Round, own);
        }
        own.Stop();
        own.Start();
        if (publishedAfterTheRestart)
        {
            await PublishWindowsAsync(Round + 1, 2 * Round, own);
        }
        var collector = await StartAsync("restart-test", storage, own);
        await AssertWindowsStoredOnceAsync(store, 2 * Round, "the messages published while the collector was away", collector);
        folder.Dispose();
    }

    [Fact]
    public async Task A_broker_restarted_under_a_running_collector_is_reconnected_to_and_nothing_is_lost()
    {
        using var own = new PersistentMosquitto();
        var folder = new TempDirectory();
        var collector = await StartAsync("restart-running", [$"--StateDirectory={folder.Path}"], own);
        var store = await _stores.OpenAsync(StorageSettings.SqliteIn(folder.Path));
        await PublishFirstRoundAsync(store, own);
        own.Stop();
        own.Start();
        await Wait.Until(() => collector.Output.Split("subscribed").Length == 3, "the collector reconnected", seen: () => collector.Output);
        await PublishWindowsAsync(Round + 1, 2 * Round, own);
        await AssertWindowsStoredOnceAsync(store, 2 * Round, "the messages after the broker's restart", collector);
        folder.Dispose();
    }

    [Fact]
    public async Task A_collector_switched_from_the_shared_subscription_to_the_topics_receives_each_message_once()
    {
        var folder = new TempDirectory();
        var storage = new[] { $"--StateDirectory={folder.Path}" };
        await StartAsync("switch-test", [.. storage, "--Collector:SharedSubscription=true"]);
        var store = await _stores.OpenAsync(StorageSettings.SqliteIn(folder.Path));
        await PublishFirstRoundAsync(store, broker);

        // Its session keeps the shared subscription; the collector now subscribes to the topics.
        // (Killed after storing the first round, it may not have acknowledged all of it: the broker
        // sends those again, and the store drops them as r1's duplicates. The second round is r2's.)
        _collectors[0].Kill();
        var collector = await StartAsync("switch-test", storage);
        await PublishWindowsAsync(1, Round + 1, broker, "r2");
        // The broker sends a second copy of a message right after the first, on the one connection:
        // once the last window is stored, every copy of the others has arrived.
        await Wait.Until(() => Stored(store) >= 2 * Round + 1, "the second round stored", seen: () => $"{Stored(store)} stored; {collector.Output}");

        Assert.Equal(2L * Round + 1, (await store.Reader.HealthAsync(Cancel)).Stored);
        Assert.Equal(0L, await TestStores.ScalarAsync(StorageSettings.SqliteIn(folder.Path), "SELECT duplicates FROM streams WHERE device = 'r2'"));
        folder.Dispose();
    }

    [Fact]
    public async Task What_a_kiosk_publishes_while_the_servers_broker_is_down_comes_through_its_bridge()
    {
        // A chain as the installer's guide sets it up (README, "A chain"): the kiosk's mosquitto
        // with the guide's queue line and bridge.conf (without TLS and a password, tested
        // elsewhere), the server's broker as the guide gives it, the collector on the server.
        using var server = new PersistentMosquitto();
        using var kiosk = new KioskMosquitto(["max_queued_messages 100000", "connection chain", $"address 127.0.0.1:{server.Port}", "cleansession false", $"topic {_prefix}/# out 1"]);
        var folder = new TempDirectory();
        var collector = await StartAsync("chain-test", [$"--StateDirectory={folder.Path}"], server);
        var store = await _stores.OpenAsync(StorageSettings.SqliteIn(folder.Path));
        await PublishFirstRoundAsync(store, kiosk);

        // More than mosquitto's default queue (1,000 messages), which dropped the rest without a word to the daemon.
        const int Outage = 1_500;
        server.Stop();
        await PublishWindowsAsync(Round + 1, Round + Outage, kiosk);
        server.Start();
        // The bridge tries again every few seconds, up to 30 s apart (mosquitto's restart_timeout).
        await AssertWindowsStoredOnceAsync(store, Round + Outage, "what the kiosk kept during the outage", collector, TimeSpan.FromMinutes(2));
        folder.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var collector in _collectors)
        {
            collector.Dispose();
        }
        await _stores.DisposeAsync();
    }

    private async Task<CollectorProcess> StartAsync(string clientId, IEnumerable<string> storage, Mosquitto? on = null)
    {
        var collector = await CollectorProcess.StartAsync((on ?? broker).Port, _prefix, $"{_prefix}-{clientId}", _prefix, storage);
        _collectors.Add(collector);
        return collector;
    }

    /// <summary>Windows 1 to <see cref="Round"/> of r1 published on <paramref name="on"/> and stored.</summary>
    private async Task PublishFirstRoundAsync(CollectorStore store, Mosquitto on)
    {
        await PublishWindowsAsync(1, Round, on);
        await Wait.Until(() => Stored(store) >= Round, "the first round stored", seen: () => $"{Stored(store)} stored");
    }

    /// <summary>Once r1's windows 1 to <paramref name="windows"/> are stored: each once, and no gap.</summary>
    private static async Task AssertWindowsStoredOnceAsync(CollectorStore store, int windows, string what, CollectorProcess collector, TimeSpan? limit = null)
    {
        await Wait.Until(() => Stored(store) >= windows, what + " stored", limit,
            () => $"{Stored(store)} stored, {store.Reader.HealthAsync(Cancel).Result.Duplicates} duplicates; {collector.Output}");
        await AssertEveryMessageOnceAsync(store, ["r1"], windows, 0);
    }

    private async Task PublishWindowsAsync(int from, int to, Mosquitto on, string device = "r1")
    {
        await using var fleet = await FleetPublisher.ConnectAsync(on.Port, _prefix);
        for (var seq = from; seq <= to; seq++)
        {
            await fleet.WindowAsync(device, seq);
        }
    }

    private static long Stored(CollectorStore store) => store.Reader.HealthAsync(Cancel).GetAwaiter().GetResult().Stored;

    private static List<SeqRange> Gaps(CollectorStore store) =>
        [.. store.Reader.GapsAsync(null, Cancel).GetAwaiter().GetResult().SelectMany(g => g.Missing)];

    private static async Task AssertEveryMessageOnceAsync(CollectorStore store, string[] devices, int windows, int visits)
    {
        foreach (var device in devices)
        {
            var w = await store.Reader.WindowsAsync(DateTimeOffset.MinValue, Far, device, null, QueryLimit, Cancel);
            Assert.Equal(Enumerable.Range(1, windows).Select(s => (long)s), w.Rows.Select(r => r.Seq));
            var v = await store.Reader.VisitsAsync(DateTimeOffset.MinValue, Far, device, null, QueryLimit, Cancel);
            Assert.Equal(Enumerable.Range(1, visits).Select(s => (long)s), v.Rows.Select(r => r.Seq).Order());
        }
        Assert.Empty(await store.Reader.GapsAsync(null, Cancel));
        var hours = await store.Reader.HoursAsync(DateTimeOffset.MinValue, Far, null, null, Cancel);
        Assert.Equal((devices.Length * (long)windows, devices.Length * (long)visits), (hours.Sum(h => h.Windows), hours.Sum(h => h.Visits)));
    }

    private const int QueryLimit = 10_000;
}
