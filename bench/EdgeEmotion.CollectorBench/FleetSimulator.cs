using System.Text.Json;
using static EdgeEmotion.Tests.FleetPayloads;

namespace EdgeEmotion.CollectorBench;

/// <summary>
/// Contract-true messages (schema 1) of a made-up fleet, seeded: each device closes a window
/// every <see cref="WindowSeconds"/> (its own gap-free seq) and finishes visits at
/// <see cref="VisitsPerHour"/> on average (their own seq), over <see cref="Hours"/> of event time.
/// Messages come in event-time order across devices, as a live fleet sends them, from
/// <see cref="Start"/> on (by default <see cref="DefaultStart"/>).
/// </summary>
public sealed class FleetSimulator(int devices, double hours, int windowSeconds, double visitsPerHour, int seed, DateTimeOffset? start = null)
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 2, 6, 0, 0, TimeSpan.Zero);

    public DateTimeOffset Start { get; } = start ?? DefaultStart;

    public int WindowSeconds => windowSeconds;

    public double VisitsPerHour => visitsPerHour;

    public double Hours => hours;

    /// <summary>(topic suffix "device/kind", payload, the start of the window it comes with) in event-time order.</summary>
    public IEnumerable<(string Topic, byte[] Payload, DateTimeOffset At)> Messages()
    {
        var random = new Random(seed);
        var windowSeq = new long[devices];
        var visitSeq = new long[devices];
        var windows = (int)(hours * 3600 / windowSeconds);
        var visitChance = visitsPerHour * windowSeconds / 3600.0;
        for (var w = 0; w < windows; w++)
        {
            var start = Start.AddSeconds((double)w * windowSeconds);
            for (var d = 0; d < devices; d++)
            {
                var device = $"kiosk-{d:000}";
                yield return ($"{device}/emotions", Window(device, ++windowSeq[d], start, random), start);
                // Poisson-like: several visits may end in one window at busy rates.
                for (var chance = visitChance; chance > 0; chance--)
                {
                    if (random.NextDouble() < chance)
                    {
                        yield return ($"{device}/visits", Visit(device, ++visitSeq[d], start, random), start);
                    }
                }
            }
        }
    }

    private byte[] Window(string device, long seq, DateTimeOffset start, Random random) => Json(device, seq, w =>
    {
        w.WriteString("window_start", Time(start));
        w.WriteString("window_end", Time(start.AddSeconds(windowSeconds)));
        w.WriteNumber("frames", windowSeconds * 10);
        var counts = Labels.Select(_ => random.Next(0, 8)).ToArray();
        w.WriteNumber("faces", counts.Sum());
        Emotions(w, "counts", i => counts[i]);
        Emotions(w, "mean_probabilities", _ => 1.0 / 7);
        w.WriteStartObject("visitors");
        w.WriteNumber("present", 2);
        w.WriteNumber("new", 1);
        w.WriteNumber("looking", 1);
        Emotions(w, "emotions", i => i == 3 ? 1 : i == 6 ? 1 : 0);
        w.WriteNumber("dwell_s", Math.Round(random.NextDouble() * 2 * windowSeconds, 1));
        w.WriteNumber("attention_s", Math.Round(random.NextDouble() * windowSeconds, 1));
        w.WriteEndObject();
    });

    private static byte[] Visit(string device, long seq, DateTimeOffset windowStart, Random random) => Json(device, seq, w =>
    {
        var dwell = Math.Round(1 + (-Math.Log(1 - random.NextDouble()) * 15), 1); // exponential, mean about 16 s
        var attention = Math.Round(dwell * random.NextDouble(), 1);
        var emotion = random.Next(Labels.Length);
        w.WriteString("start", Time(windowStart.AddSeconds(-dwell)));
        w.WriteString("end", Time(windowStart));
        w.WriteNumber("dwell_s", dwell);
        w.WriteNumber("attention_s", attention);
        w.WriteNumber("frames", (int)(dwell * 10));
        w.WriteString("emotion", Labels[emotion]);
        Emotions(w, "mean_probabilities", i => i == emotion ? 0.7 : 0.05);
        Emotions(w, "emotion_seconds", i => i == emotion ? dwell : 0);
        w.WriteNumber("face_s", dwell); // as with people off: the emotion seconds add up to it
        w.WriteBoolean("looked", attention >= 1);
    });

    private static byte[] Json(string device, long seq, Action<Utf8JsonWriter> body) =>
        FleetPayloads.Message(device, seq, "store-" + device[^1], "bench", body);
}
