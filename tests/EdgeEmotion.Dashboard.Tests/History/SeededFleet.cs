using System.Text.Json;
using static EdgeEmotion.Tests.FleetPayloads;

namespace EdgeEmotion.Dashboard.Tests.History;

/// <summary>A seeded visit: what the fleet's <c>visits</c> message says, and what the History view
/// must count.</summary>
public sealed record SeedVisit(string Device, string Site, long Seq, DateTimeOffset Start, double DwellS, double AttentionS, string Emotion, bool Looked);

/// <summary>A seeded window (one hour long: one per device and hour keeps weeks of coverage small).</summary>
public sealed record SeedWindow(string Device, string Site, long Seq, DateTimeOffset Start);

/// <summary>
/// A fleet with known numbers, as contract-true <c>emotions</c> and <c>visits</c> messages (schema 1):
/// each device sends an hour-long window every hour and finishes <see cref="VisitsPerHour"/> visits
/// in it. Weeks follow <see cref="WeekPattern"/>: in a "same" week half the visits look at the
/// screen and half are happy, identically each such week; in a "changed" week nineteen in twenty
/// look and all are happy. A device may be off for whole days (no window, no visit): a gap.
/// Linked into the dashboard benchmark, which seeds 50 devices for 30 days.
/// </summary>
public sealed class SeededFleet
{
    public const int VisitsPerHour = 2;

    private SeededFleet(List<SeedWindow> windows, List<SeedVisit> visits, DateTimeOffset start, DateTimeOffset end)
    {
        Windows = windows;
        Visits = visits;
        Start = start;
        End = end;
    }

    public enum WeekPattern { Same, Changed }

    public IReadOnlyList<SeedWindow> Windows { get; }

    public IReadOnlyList<SeedVisit> Visits { get; }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public IEnumerable<string> Devices => Windows.Select(w => w.Device).Distinct();

    /// <param name="devices">device names; the site is "shop-" and the name's letter after "kiosk-"</param>
    /// <param name="start">the first hour (whole UTC hour)</param>
    /// <param name="weeks">the pattern of each week from <paramref name="start"/></param>
    /// <param name="off">(device, day from start) pairs when a device was off</param>
    /// <param name="hours">hours to seed (default: the weeks given)</param>
    public static SeededFleet Make(IReadOnlyList<string> devices, DateTimeOffset start, IReadOnlyList<WeekPattern> weeks, IReadOnlyCollection<(string Device, int Day)> off, int? hours = null)
    {
        var windows = new List<SeedWindow>();
        var visits = new List<SeedVisit>();
        var total = hours ?? weeks.Count * 7 * 24;
        foreach (var device in devices)
        {
            var site = SiteOf(device);
            long windowSeq = 0;
            long visitSeq = 0;
            for (var hour = 0; hour < total; hour++)
            {
                if (off.Contains((device, hour / 24)))
                {
                    continue;
                }
                var begin = start.AddHours(hour);
                windows.Add(new SeedWindow(device, site, ++windowSeq, begin));
                var changed = weeks[hour / (7 * 24) % weeks.Count] == WeekPattern.Changed;
                for (var i = 0; i < VisitsPerHour; i++)
                {
                    var dwell = 8.0 + (6 * i) + (hour % 5);
                    var looked = changed ? i == 0 || hour % 10 != 0 : i == 0;
                    var emotion = changed || i == 0 ? "happy" : "neutral";
                    visits.Add(new SeedVisit(device, site, ++visitSeq, begin.AddMinutes(10 + (20 * i)), dwell, looked ? Math.Round(dwell * 0.5, 1) : 0.4, emotion, looked));
                }
            }
        }
        return new SeededFleet(windows, visits, start, start.AddHours(total));
    }

    public static string SiteOf(string device) => "shop-" + device["kiosk-".Length..][..1];

    /// <summary>Visits and watchers that started in [from, to) on the devices <paramref name="inScope"/> takes.</summary>
    public (long Visits, long Watchers) Totals(DateTimeOffset from, DateTimeOffset to, Func<SeedVisit, bool>? inScope = null)
    {
        var chosen = Visits.Where(v => v.Start >= from && v.Start < to && (inScope?.Invoke(v) ?? true)).ToList();
        return (chosen.Count, chosen.Count(v => v.Looked));
    }

    /// <summary>(topic below the prefix, payload): every device's windows and visits, in time order.</summary>
    public IEnumerable<(string Topic, byte[] Payload)> Messages()
    {
        var byTime = Windows.Select(w => (Time: w.Start, Topic: $"{w.Device}/emotions", Make: (Func<byte[]>)(() => WindowPayload(w))))
            .Concat(Visits.Select(v => (Time: v.Start, Topic: $"{v.Device}/visits", Make: (Func<byte[]>)(() => VisitPayload(v)))))
            .OrderBy(m => m.Time);
        foreach (var m in byTime)
        {
            yield return (m.Topic, m.Make());
        }
    }

    /// <summary>Retained stats with the device's site: the live fleet view shows a card per device.</summary>
    public static byte[] StatsPayload(string device) => Json(device, null, SiteOf(device), w =>
    {
        w.WriteNumber("uptime_s", 100);
        w.WriteNumber("fps", 10);
        w.WriteNumber("pending_windows", 0);
        w.WriteString("version", "1.2.3");
    }, model: false);

    private static byte[] WindowPayload(SeedWindow window) => Json(window.Device, window.Seq, window.Site, w =>
    {
        w.WriteString("window_start", Time(window.Start));
        w.WriteString("window_end", Time(window.Start.AddHours(1)));
        w.WriteNumber("frames", 36000);
        w.WriteNumber("faces", 100);
        Emotions(w, "counts", i => i == 3 ? 40 : i == 6 ? 60 : 0);
        Emotions(w, "mean_probabilities", i => i == 3 ? 0.4 : i == 6 ? 0.6 : 0);
        w.WriteStartObject("visitors");
        w.WriteNumber("present", VisitsPerHour);
        w.WriteNumber("new", VisitsPerHour);
        w.WriteNumber("looking", 1);
        Emotions(w, "emotions", i => i == 3 || i == 6 ? 1 : 0);
        w.WriteNumber("dwell_s", 20);
        w.WriteNumber("attention_s", 4);
        w.WriteEndObject();
    });

    private static byte[] VisitPayload(SeedVisit visit) => Json(visit.Device, visit.Seq, visit.Site, w =>
    {
        var emotion = Array.IndexOf(Labels, visit.Emotion);
        w.WriteString("start", Time(visit.Start));
        w.WriteString("end", Time(visit.Start.AddSeconds(visit.DwellS)));
        w.WriteNumber("dwell_s", visit.DwellS);
        w.WriteNumber("attention_s", visit.AttentionS);
        w.WriteNumber("frames", (int)(visit.DwellS * 10));
        w.WriteString("emotion", visit.Emotion);
        Emotions(w, "mean_probabilities", i => i == emotion ? 0.7 : 0.05);
        // Face-time: most of the visit in its emotion, the rest neutral (or surprise for a neutral visit).
        var rest = emotion == 6 ? 5 : 6;
        Emotions(w, "emotion_seconds", i => i == emotion ? Math.Round(visit.DwellS * 0.75, 2) : i == rest ? Math.Round(visit.DwellS * 0.25, 2) : 0);
        w.WriteBoolean("looked", visit.Looked);
    });

    private static byte[] Json(string device, long? seq, string site, Action<Utf8JsonWriter> body, bool model = true) =>
        FleetPayloads.Message(device, seq, site, model ? "seeded" : null, body);
}
