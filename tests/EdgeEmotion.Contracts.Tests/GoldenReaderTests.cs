using System.Text;
using System.Text.Json;

namespace EdgeEmotion.Contracts.Tests;

/// <summary>The C# reader reads every golden payload, and what it reads is what the JSON says
/// (compared through System.Text.Json's DOM, field by field, not through the reader's own code).</summary>
public sealed class GoldenReaderTests
{
    public static TheoryData<string> Names => [.. GoldenPayloads.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_golden_payload_is_read(string name)
    {
        var payload = GoldenPayloads.Read(name);
        var kind = GoldenKind.Of(name);
        if (kind == "status")
        {
            Assert.Equal(Encoding.UTF8.GetString(payload), StatusPayload.Read(payload) == DeviceStatus.Online ? StatusPayload.Online : StatusPayload.Offline);
            return;
        }
        using var json = JsonDocument.Parse(payload);
        var root = json.RootElement;
        switch (kind)
        {
            case "emotions":
                var window = EmotionsMessage.Read(payload);
                AssertDevice(root, window);
                Assert.Equal(root.GetProperty("seq").GetInt64(), window.Seq);
                Assert.Equal(Longs(root.GetProperty("counts")), window.Counts);
                Assert.Equal(Doubles(root.GetProperty("mean_probabilities")), window.MeanProbabilities);
                Assert.Equal(root.GetProperty("faces").GetInt64(), window.Counts.Sum());
                Assert.Equal(root.TryGetProperty("visitors", out var v) ? Longs(v.GetProperty("emotions")) : null, window.Visitors?.Emotions);
                break;
            case "visits":
                var visit = VisitMessage.Read(payload);
                AssertDevice(root, visit);
                Assert.Equal(root.GetProperty("seq").GetInt64(), visit.Seq);
                Assert.Equal(Doubles(root.GetProperty("emotion_seconds")), visit.EmotionSeconds);
                // The contract's rule: emotion_seconds add up to the face-time (dwell with people off), ±0.1 s.
                var faceSeconds = visit.FaceSeconds ?? visit.DwellSeconds;
                Assert.InRange(visit.EmotionSeconds.Sum(), faceSeconds - 0.1, faceSeconds + 0.1);
                Assert.Equal(Optional(root, "emotion"), visit.Emotion);
                Assert.Equal(visit.Emotion is null, visit.MeanProbabilities is null);
                break;
            case "stats":
                var stats = StatsMessage.Read(payload);
                AssertDevice(root, stats);
                Assert.Equal(root.GetProperty("version").GetString(), stats.Version);
                Assert.Equal(root.GetProperty("pending_windows").GetInt64(), stats.PendingWindows);
                Assert.Equal(root.GetProperty("visits_published").GetInt64(), stats.VisitsPublished);
                Assert.Equal(OptionalNumber(root, "people_fps"), stats.PeopleFps);
                Assert.Equal(OptionalNumber(root, "people_ms_p50"), stats.PeopleMsP50);
                break;
            case "faces":
                var faces = FacesMessage.Read(payload);
                Assert.Equal(root.GetProperty("faces").GetArrayLength(), faces.Faces.Count);
                Assert.Equal(root.TryGetProperty("people", out var people) ? people.GetArrayLength() : null, faces.People?.Count);
                break;
            default:
                Assert.Fail($"{name}: no message kind is named by its first word");
                break;
        }
    }

    [Fact]
    public void The_contract_example_window_reads_as_written()
    {
        var window = EmotionsMessage.Read(GoldenPayloads.Read("emotions.json"));
        Assert.Equal("kiosk-07", window.Device);
        Assert.Equal(TimeSpan.FromSeconds(10), window.WindowEnd - window.WindowStart);
        Assert.Equal(TimeSpan.Zero, window.WindowStart.Offset);
        Assert.Equal("happy", EmotionLabels.Names[window.Counts.Index().MaxBy(c => c.Item).Index]);
        Assert.Equal(new VisitorsSummary(3, 1, 2, window.Visitors!.Emotions, 21.4, 12), window.Visitors);
        Assert.Equal("emotion-int8", window.Model.Name);
        Assert.Null(window.Site);
    }

    [Fact]
    public void Optional_fields_read_as_null_when_absent_and_as_sent_when_present()
    {
        // A device from before the person stage: no face_s, no looked.
        var older = VisitMessage.Read(GoldenPayloads.Read("visits-older-device.json"));
        Assert.Equal((null, null, null), (older.FaceSeconds, older.Looked, older.Site));

        // People off: the face-time is the dwell.
        var plain = VisitMessage.Read(GoldenPayloads.Read("visits.json"));
        Assert.Equal((plain.DwellSeconds, true, null), (plain.FaceSeconds, plain.Looked, plain.Site));

        var people = VisitMessage.Read(GoldenPayloads.Read("visits-people.json"));
        Assert.True(people.Looked);
        Assert.True(people.FaceSeconds < people.DwellSeconds);

        var faceless = VisitMessage.Read(GoldenPayloads.Read("visits-face-never-classified.json"));
        Assert.Equal((null, null, false), (faceless.Emotion, faceless.MeanProbabilities, faceless.Looked));

        // A device from before the declared gaps and the int8 form: the fields are absent.
        var olderStats = StatsMessage.Read(GoldenPayloads.Read("stats-older-device.json"));
        Assert.Equal((null, null, null, null, null), (olderStats.SeqSkipped, olderStats.VisitsSeqSkipped, olderStats.Int8Kernels, olderStats.Site, olderStats.PeopleFps));

        // Faces from a device with people off have no people; with people, their boxes.
        Assert.Null(FacesMessage.Read(GoldenPayloads.Read("faces.json")).People);
        Assert.Equal([4L, 6L], FacesMessage.Read(GoldenPayloads.Read("faces-people.json")).People!.Select(p => p.Track));

        var stats = StatsMessage.Read(GoldenPayloads.Read("stats.json"));
        Assert.Equal((null, null, "u8s8", null), (stats.SeqSkipped, stats.VisitsSeqSkipped, stats.Int8Kernels, stats.Site));

        var skipped = StatsMessage.Read(GoldenPayloads.Read("stats-seq-skipped.json"));
        Assert.Equal(new SeqRange(1240, 1243), skipped.SeqSkipped);
        Assert.Null(skipped.VisitsSeqSkipped); // sent as null
        Assert.Equal("u8s8", skipped.Int8Kernels);

        Assert.Equal("Store 12 – Main Street", StatsMessage.Read(GoldenPayloads.Read("stats-presence-site.json")).Site);
    }

    private static void AssertDevice(JsonElement root, DeviceMessage message)
    {
        Assert.Equal(root.GetProperty("device").GetString(), message.Device);
        Assert.Equal(Optional(root, "site"), message.Site);
    }

    private static long[] Longs(JsonElement emotions) => [.. EmotionLabels.Names.Select(n => emotions.GetProperty(n).GetInt64())];

    private static double[] Doubles(JsonElement emotions) => [.. EmotionLabels.Names.Select(n => emotions.GetProperty(n).GetDouble())];

    private static double? OptionalNumber(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static string? Optional(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;
}
