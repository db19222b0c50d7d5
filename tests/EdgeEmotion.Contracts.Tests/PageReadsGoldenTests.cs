using System.Text.Json;

namespace EdgeEmotion.Contracts.Tests;

/// <summary>
/// The page's own modules (<c>dashboard/src/contract.js</c> and <c>fleet-state.js</c>, run under
/// node: the code the browser runs, without a browser) accept every golden payload and make of it
/// what the C# reader makes of it; and the page and this library agree on labels and topics.
/// </summary>
public sealed class PageReadsGoldenTests
{
    private static readonly Lazy<JsonElement> Page = new(RunPage);

    public static TheoryData<string> Names => [.. GoldenPayloads.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void The_page_accepts_the_golden_payload_and_reads_it_as_the_CSharp_reader_does(string name)
    {
        var page = Page.Value.GetProperty("files").GetProperty(name);
        Assert.True(page.GetProperty("accepted").GetBoolean(), $"the page ignored {name}");
        Assert.Equal("kiosk-07", page.GetProperty("topic").GetProperty("device").GetString());
        var payload = GoldenPayloads.Read(name);
        switch (page.GetProperty("topic").GetProperty("kind").GetString())
        {
            case "emotions":
                var window = EmotionsMessage.Read(payload);
                var w = page.GetProperty("window");
                Assert.Equal(window.Seq, w.GetProperty("seq").GetInt64());
                Assert.Equal(window.WindowStart.ToUnixTimeMilliseconds(), w.GetProperty("start").GetInt64());
                Assert.Equal(window.WindowEnd.ToUnixTimeMilliseconds(), w.GetProperty("end").GetInt64());
                Assert.Equal(window.Counts, Longs(w.GetProperty("counts")));
                Assert.Equal(window.Visitors is not null, w.GetProperty("hasVisitors").GetBoolean());
                Assert.Equal(window.Visitors?.Present ?? 0, w.GetProperty("present").GetInt64());
                Assert.Equal(window.Visitors?.Emotions ?? new long[EmotionLabels.Count], Longs(w.GetProperty("visitorEmotions")));
                break;
            case "visits":
                var visit = VisitMessage.Read(payload);
                var v = page.GetProperty("visit");
                Assert.Equal(visit.Seq, v.GetProperty("seq").GetInt64());
                Assert.Equal(visit.End.ToUnixTimeMilliseconds(), v.GetProperty("end").GetInt64());
                Assert.Equal(visit.DwellSeconds, v.GetProperty("dwell").GetDouble());
                Assert.Equal(visit.AttentionSeconds, v.GetProperty("attention").GetDouble());
                Assert.Equal(visit.Emotion ?? "", v.GetProperty("emotion").GetString()); // the page shows no emotion for null
                Assert.Equal(visit.FaceSeconds ?? visit.DwellSeconds, v.GetProperty("face").GetDouble());
                Assert.Equal(visit.Looked, v.GetProperty("looked").ValueKind == JsonValueKind.Null ? null : v.GetProperty("looked").GetBoolean());
                break;
            case "stats":
                var stats = StatsMessage.Read(payload);
                Assert.Equal(stats.Version, page.GetProperty("stats").GetProperty("version").GetString());
                // Retained stats are dated by their own time.
                Assert.Equal(stats.Time!.Value.ToUnixTimeMilliseconds(), page.GetProperty("statsReceived").GetInt64());
                break;
            case "faces":
                var faces = FacesMessage.Read(payload);
                var f = page.GetProperty("faces");
                Assert.Equal((faces.Width, faces.Height), (f.GetProperty("width").GetInt32(), f.GetProperty("height").GetInt32()));
                Assert.Equal(faces.Faces.Select(x => x.Track), f.GetProperty("faces").EnumerateArray().Select(x => x.GetProperty("track").GetInt64()));
                Assert.Equal(faces.People?.Select(x => x.Track) ?? [], f.GetProperty("people").EnumerateArray().Select(x => x.GetProperty("track").GetInt64()));
                break;
            case "status":
                Assert.Equal(StatusPayload.Read(payload) == DeviceStatus.Online ? StatusPayload.Online : StatusPayload.Offline, page.GetProperty("status").GetString());
                break;
            default:
                Assert.Fail($"{name}: the page read it as an unknown kind");
                break;
        }
    }

    [Fact]
    public void The_page_and_the_library_agree_on_labels_and_topics()
    {
        var page = Page.Value;
        Assert.Equal(EmotionLabels.Names, page.GetProperty("emotions").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Enum.GetValues<MessageKind>().Select(MqttTopics.Name), page.GetProperty("kinds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(
            new[] { MessageKind.Status, MessageKind.Emotions, MessageKind.Visits, MessageKind.Stats }.Select(k => MqttTopics.Filter("edgeemotion", k)),
            page.GetProperty("fleetTopics").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new MqttTopics("edgeemotion", "kiosk-07").Faces, page.GetProperty("facesTopic").GetString());
        foreach (var parsed in page.GetProperty("parsed").EnumerateObject())
        {
            var prefix = parsed.Name.StartsWith("a/b/", StringComparison.Ordinal) ? "a/b" : "edgeemotion";
            var ours = MqttTopics.TryParse(prefix, parsed.Name, out var device, out var kind) ? $"{device} {MqttTopics.Name(kind)}" : null;
            var theirs = parsed.Value.ValueKind == JsonValueKind.Null ? null : $"{parsed.Value.GetProperty("device").GetString()} {parsed.Value.GetProperty("kind").GetString()}";
            Assert.Equal(theirs, ours);
        }
    }

    private static long[] Longs(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt64())];

    private static JsonElement RunPage()
    {
        var script = Path.Combine(RepoPaths.Root, "tests", "EdgeEmotion.Contracts.Tests", "page-reads-golden.mjs");
        var (exit, output, error) = Command.ExecApart("node", [script, Path.Combine(RepoPaths.Root, "dashboard", "src"), GoldenPayloads.Folder], TimeSpan.FromMinutes(1));
        Assert.True(exit == 0 && error.Length == 0, $"node {script} failed ({exit}): {error}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
