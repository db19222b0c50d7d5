using System.Globalization;

namespace EdgeEmotion.Daemon.Tests.People;

/// <summary>
/// Visits as people, as a dashboard receives them: the daemon process plays the real clips
/// (<c>../shared/data/clips</c>, people counted by eye) once, at the defaults (people on),
/// publishing to mosquitto.
/// </summary>
public sealed class PeopleEndToEndTests(MosquittoBroker broker) : IClassFixture<MosquittoBroker>
{
    private const double ClipFps = PeopleClipPlayer.ClipFps;
    // The store aisle's third shopper: head and shoulders in view from this frame (by eye; clip-people.csv).
    private const int ThirdShopperBodyFrom = 22;

    private Task<MqttRecorder> PlayOnceAsync(string folder, string device, params string[] extra) =>
        ClipPlayback.PlayOnceAsync(broker.Port, folder, ClipFps, device, extra);

    private static List<JsonElement> Payloads(MqttRecorder recorder, string topic) =>
        [.. recorder.On("/" + topic).Select(m => JsonDocument.Parse(m.Payload).RootElement)];

    private static double Dwell(JsonElement visit) => visit.GetProperty("dwell_s").GetDouble();

    private static double FaceSeconds(JsonElement visit) => visit.GetProperty("face_s").GetDouble();

    [Fact]
    public async Task The_store_aisle_is_three_visits_and_no_watcher_each_as_long_as_the_shopper_is_in_view()
    {
        await using var recorder = await PlayOnceAsync(PeopleClipPlayer.Clip("store-aisle-detection"), "aisle");
        var visits = Payloads(recorder, "visits");
        Assert.Equal(3, visits.Count);
        Assert.All(visits, v => Assert.False(v.GetProperty("looked").GetBoolean()));
        // One visit per shopper, none split while in view: each lasts the time she or he is in
        // view by eye, within 15 %. The man and the woman in teal are in view in every frame (the
        // woman half hidden behind the third from about frame 28); the third shows only the top
        // of her head in the corner in frames 16-21 and her head and shoulders from frame 22.
        var clip = (PeopleClipPlayer.FrameFiles("store-aisle-detection").Count - 1) / ClipFps;
        double[] inView = [(clip * ClipFps - ThirdShopperBodyFrom) / ClipFps, clip, clip];
        var dwell = visits.Select(Dwell).Order().ToArray();
        for (var i = 0; i < inView.Length; i++)
        {
            Assert.True(Math.Abs(dwell[i] - inView[i]) <= 0.15 * inView[i],
                string.Create(CultureInfo.InvariantCulture, $"dwell {string.Join(", ", dwell)} s against in view {string.Join(", ", inView.Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))} s"));
        }
        var windows = Payloads(recorder, "emotions").Select(w => w.GetProperty("visitors")).ToList();
        // Windows count people, not faces (none of the shoppers' faces is classified); the three
        // are in view together from frame 22 on, so a window holds all three.
        Assert.Equal(3, windows.Max(v => v.GetProperty("present").GetInt32()));
        Assert.Equal(3, windows.Sum(v => v.GetProperty("new").GetInt32()));
        Assert.All(windows, v => Assert.Equal(0, v.GetProperty("emotions").EnumerateObject().Sum(e => e.Value.GetInt32())));
        Assert.All(windows, v => Assert.Equal(0, v.GetProperty("looking").GetInt32()));
        var stats = Payloads(recorder, "stats")[^1];
        Assert.True(stats.GetProperty("people_ms_p50").GetDouble() > 0);
    }

    [Fact]
    public async Task A_person_whose_face_is_lost_for_seconds_while_the_body_stays_is_one_visit_as_long_as_the_time_in_view()
    {
        // The smiling man is in view in all 62 frames; his face is blurred away in frames 12-49
        // (3.2 s, longer than Tracking:LostSeconds), so the face path alone ends his visit.
        using var folder = new TempDirectory();
        const int First = 12, Last = 49;
        var frames = FaceLostClip.Write("head-pose-face-detection-male", folder.Path, First, Last);
        var inView = (frames - 1) / ClipFps;
        var lost = (Last - First + 1) / ClipFps;

        await using var people = await PlayOnceAsync(folder.Path, "face-lost");
        var visit = Assert.Single(Payloads(people, "visits"));
        Assert.True(Math.Abs(Dwell(visit) - inView) <= 0.15 * inView, $"dwell {Dwell(visit)} s, in view {inView:F2} s");
        Assert.True(FaceSeconds(visit) <= Dwell(visit) - lost + 0.1, $"face {FaceSeconds(visit)} s of {Dwell(visit)} s, face lost {lost:F2} s");
        Assert.Equal("happy", visit.GetProperty("emotion").GetString());
        AssertEmotionSecondsSumToFaceTime(visit);

        // The same frames by face alone: no visit covers the time in view.
        await using var faces = await PlayOnceAsync(folder.Path, "face-lost-off", "--People:Enabled=false");
        Assert.All(Payloads(faces, "visits"), v => Assert.True(Dwell(v) < 0.85 * inView, $"a face visit of {Dwell(v)} s"));
    }

    [Fact]
    public async Task The_walking_pair_is_two_visits_whose_dwell_covers_their_walk()
    {
        // By face, their visits are the last second only (VisitsEndToEndTests lowers
        // Visits:MinDwellSeconds to see them); by body, most of the walk, at the defaults.
        await using var recorder = await PlayOnceAsync(PeopleClipPlayer.Clip("face-demographics-walking"), "corridor");
        var visits = Payloads(recorder, "visits");
        Assert.Equal(2, visits.Count);
        var walk = (PeopleClipPlayer.FrameFiles("face-demographics-walking").Count - 1) / ClipFps;
        Assert.All(visits, v => Assert.True(Dwell(v) >= 0.75 * walk && Dwell(v) > 2 * FaceSeconds(v), $"dwell {Dwell(v)} s, face {FaceSeconds(v)} s, walk {walk:F2} s"));
        Assert.All(visits, AssertEmotionSecondsSumToFaceTime);
    }

    private static void AssertEmotionSecondsSumToFaceTime(JsonElement visit)
    {
        var sum = visit.GetProperty("emotion_seconds").EnumerateObject().Sum(p => p.Value.GetDouble());
        Assert.True(Math.Abs(sum - FaceSeconds(visit)) <= 0.1, string.Create(CultureInfo.InvariantCulture, $"emotion_seconds sum to {sum}, face_s {FaceSeconds(visit)}"));
    }
}
