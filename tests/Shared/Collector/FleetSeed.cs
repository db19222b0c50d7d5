using EdgeEmotion.Collector.Storage;

namespace EdgeEmotion.Tests.Collector;

/// <summary>
/// A seeded fleet's history written straight into a collector store (no broker, no daemon), for
/// tests of the history API and page: each device is on during the spec's phases (off between
/// them: coverage shows it), sends a whole window every <see cref="FleetSeedSpec.WindowSeconds"/>,
/// and has visits arriving at random (exponential gaps, <see cref="SeedPhase.VisitsPerHour"/>)
/// whose emotion follows <see cref="SeedPhase.EmotionMix"/>, who look with
/// <see cref="SeedPhase.LookRate"/>, and whose dwell is exponential with mean
/// <see cref="SeedPhase.MeanDwellSeconds"/>: two phases alike are a "same" pair, two unlike a
/// change. The same spec gives the same messages; <see cref="SeedTotals"/> says exactly what was written.
/// Compiled into test projects that set <c>SeedsTheCollector</c> (they reference the collector).
/// </summary>
public static class FleetSeed
{
    private const int BatchSize = 2000;

    /// <summary>Fills the SQLite store a collector started with <c>--StateDirectory=</c><paramref name="stateDirectory"/> reads.</summary>
    public static async Task<SeedTotals> FillSqliteAsync(string stateDirectory, FleetSeedSpec spec, CancellationToken cancel)
    {
        await using var store = await CollectorStore.OpenAsync(StorageSettings.SqliteIn(stateDirectory), TimeProvider.System, cancel);
        return await FillAsync(store, spec, cancel);
    }

    public static async Task<SeedTotals> FillAsync(CollectorStore store, FleetSeedSpec spec, CancellationToken cancel)
    {
        var messages = Messages(spec);
        foreach (var batch in messages.Chunk(BatchSize))
        {
            await store.StoreAsync(batch, cancel);
        }
        return SeedTotals.Of(messages);
    }

    /// <summary>The messages in time order per device.</summary>
    public static IReadOnlyList<CollectorMessage> Messages(FleetSeedSpec spec)
    {
        if (spec.Phases.Any(p => p.EmotionMix.Count != 7 || p.EmotionMix.Any(w => w < 0) || p.EmotionMix.Sum() <= 0))
        {
            throw new ArgumentException("each phase's emotion mix: seven non-negative weights in the contract's order (angry, disgust, fear, happy, sad, surprise, neutral)", nameof(spec));
        }
        var random = new Random(spec.Seed);
        var messages = new List<CollectorMessage>();
        foreach (var (device, site) in spec.Devices)
        {
            long windowSeq = 0, visitSeq = 0;
            foreach (var phase in spec.Phases)
            {
                messages.AddRange(Windows(spec.WindowSeconds, phase, device, site, ref windowSeq));
                for (var at = phase.From.AddHours(Gap(random, phase.VisitsPerHour)); at < phase.To; at = at.AddHours(Gap(random, phase.VisitsPerHour)))
                {
                    messages.Add(Visit(phase, random, device, site, ++visitSeq, at));
                }
            }
        }
        return messages;
    }

    private static List<WindowRecord> Windows(int windowSeconds, SeedPhase phase, string device, string site, ref long seq)
    {
        // Whole windows start on multiples of their length since the epoch, as a daemon's do.
        var ms = windowSeconds * 1000L;
        var first = DateTimeOffset.FromUnixTimeMilliseconds((phase.From.ToUnixTimeMilliseconds() + ms - 1) / ms * ms);
        var mix = phase.EmotionMix.Select(w => w / phase.EmotionMix.Sum()).ToList();
        int[] faceFrames = [.. mix.Select(m => (int)Math.Round(m * 20))];
        var windows = new List<WindowRecord>();
        for (var start = first; start.AddMilliseconds(ms) <= phase.To; start = start.AddMilliseconds(ms))
        {
            windows.Add(new WindowRecord(device, site, ++seq, start, start.AddMilliseconds(ms), windowSeconds * 5, faceFrames.Sum(), faceFrames, 1, 0, 1,
                phase.MeanDwellSeconds, phase.MeanDwellSeconds * phase.LookRate / 2));
        }
        return windows;
    }

    private static VisitRecord Visit(SeedPhase phase, Random random, string device, string site, long seq, DateTimeOffset start)
    {
        var dwell = Math.Round(Math.Max(0.2, -phase.MeanDwellSeconds * Math.Log(1 - random.NextDouble())), 1);
        var watcher = random.NextDouble() < phase.LookRate;
        // A watcher looked at least a second (what the collector counts as a watcher without `looked`).
        var attention = watcher ? Math.Round(Math.Max(1, dwell * (0.2 + (0.6 * random.NextDouble()))), 1) : Math.Round(0.9 * random.NextDouble(), 1);
        var emotion = Pick(random, phase.EmotionMix);
        // Most of a visit's face time in its own emotion, the rest spread over the others.
        var seconds = Enumerable.Range(0, 7).Select(i => Math.Round(dwell * (i == emotion ? 0.6 : 0.4 / 6), 2)).ToArray();
        return new VisitRecord(device, site, seq, start, start.AddSeconds(dwell), dwell, attention, watcher, (int)(dwell * 5), emotion, seconds);
    }

    private static double Gap(Random random, double perHour) => -Math.Log(1 - random.NextDouble()) / perHour;

    private static int Pick(Random random, IReadOnlyList<double> weights)
    {
        var x = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Count; i++)
        {
            if ((x -= weights[i]) < 0)
            {
                return i;
            }
        }
        return weights.Count - 1;
    }
}

/// <summary>What to seed: the devices (each with its site), the phases they were on, their
/// window length and the random generator's seed.</summary>
public sealed record FleetSeedSpec(
    IReadOnlyList<(string Device, string Site)> Devices,
    IReadOnlyList<SeedPhase> Phases,
    int WindowSeconds = 60,
    int Seed = 27);

/// <summary>A time the devices were on and how their visitors behaved: visits per hour per
/// device, the emotion mix (seven weights in the contract's order), the share who look, the mean dwell.</summary>
public sealed record SeedPhase(
    DateTimeOffset From,
    DateTimeOffset To,
    double VisitsPerHour,
    IReadOnlyList<double> EmotionMix,
    double LookRate = 0.6,
    double MeanDwellSeconds = 20);

/// <summary>Exactly what a seed wrote: windows, visits, watchers, visits per emotion (contract
/// order), total dwell seconds, per device.</summary>
public sealed record SeedTotals(IReadOnlyDictionary<string, DeviceTotals> Devices)
{
    public long Visits => Devices.Values.Sum(d => d.Visits);

    public long Watchers => Devices.Values.Sum(d => d.Watchers);

    public long Windows => Devices.Values.Sum(d => d.Windows);

    public static SeedTotals Of(IEnumerable<CollectorMessage> messages) =>
        new(messages.GroupBy(m => m.Device).ToDictionary(g => g.Key, g => DeviceTotals.Of([.. g])));

    /// <summary>The totals of the visits and windows that start in [from, to).</summary>
    public static SeedTotals Of(IEnumerable<CollectorMessage> messages, DateTimeOffset from, DateTimeOffset to) =>
        Of(messages.Where(m => m switch
        {
            VisitRecord v => v.Start >= from && v.Start < to,
            WindowRecord w => w.Start >= from && w.Start < to,
            _ => false,
        }));
}

public sealed record DeviceTotals(long Windows, long Visits, long Watchers, IReadOnlyList<long> Emotions, double DwellSeconds)
{
    public static DeviceTotals Of(IReadOnlyList<CollectorMessage> messages)
    {
        var visits = messages.OfType<VisitRecord>().ToList();
        return new DeviceTotals(messages.OfType<WindowRecord>().LongCount(), visits.Count, visits.Count(v => v.Watcher),
            [.. Enumerable.Range(0, 7).Select(i => visits.LongCount(v => v.Emotion == i))], visits.Sum(v => v.DwellSeconds));
    }
}
