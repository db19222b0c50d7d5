using System.Text;
using EdgeEmotion.Daemon.Aggregation;
using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.Publishing.Durable;
using EdgeEmotion.Daemon.Publishing.Payloads;
using EdgeEmotion.Daemon.Visits;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>The daemon's writer reproduces the contract's golden payloads byte for byte from fixed
/// inputs (the contract's own examples): a change to what devices send shows here first, and the
/// reader and page tests, which read the same files, then say whether consumers still follow.</summary>
public sealed class GoldenPayloadTests
{
    private const string Device = "kiosk-07";
    private const string ModelName = "emotion-int8";
    private const string ModelSha256 = "9f1c2e7a5b3d4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f506";
    private const string Site = "Store 12 – Main Street";

    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Files the daemon does not write (yet): fields other programs or later versions send.</summary>
    private static readonly string[] ReaderOnly =
        ["status-online.txt", "status-offline.txt", "stats-older-device.json", "visits-older-device.json"];

    /// <summary>Each golden file the daemon writes, with the fixed inputs that make it.</summary>
    private static readonly Dictionary<string, Func<byte[]>> Written = new()
    {
        ["emotions.json"] = () => MqttPayloads.Emotions(Window(Visitors()), 1234, Device, ModelName, ModelSha256),
        ["emotions-without-visitors.json"] = () => MqttPayloads.Emotions(Window(null), 1235, Device, ModelName, ModelSha256),
        ["emotions-site.json"] = () => MqttPayloads.Emotions(Window(Visitors()), 1236, Device, ModelName, ModelSha256, Site),
        ["visits.json"] = () => MqttPayloads.Visit(ContractVisit(), 5812, Device, ModelName, ModelSha256),
        ["visits-site.json"] = () => MqttPayloads.Visit(ContractVisit(), 5813, Device, ModelName, ModelSha256, Site),
        ["visits-people.json"] = () => MqttPayloads.Visit(PersonVisit(), 5814, Device, ModelName, ModelSha256),
        ["visits-face-never-classified.json"] = () => MqttPayloads.Visit(FacelessVisit(), 5815, Device, ModelName, ModelSha256),
        ["stats.json"] = () => MqttPayloads.Stats(Snapshot(), Device),
        ["stats-people-off.json"] = () => MqttPayloads.Stats(Snapshot() with { PeopleMsP50 = null, PeopleFps = null }, Device),
        ["stats-presence-site.json"] = () => MqttPayloads.Stats(Snapshot() with { Presence = true }, Device, Site),
        ["stats-seq-skipped.json"] = () => MqttPayloads.Stats(Snapshot() with { Outbox = Outbox() with { WindowsSkipped = new SeqRange(1240, 1243) } }, Device),
        ["faces.json"] = () => MqttPayloads.Faces(new LiveFaces.Snapshot(Start.AddSeconds(3.2), 640, 480,
            [
                new LiveFace(17, new FaceBox(212.4f, 80.2f, 95.6f, 118f), 3, 0.8234, true),
                new LiveFace(18, new FaceBox(401f, 122.5f, 60f, 74.4f), 6, 0.5, false),
            ]), Device),
        ["faces-people.json"] = () => MqttPayloads.Faces(new LiveFaces.Snapshot(Start.AddSeconds(3.2), 640, 480,
            [
                new LiveFace(17, new FaceBox(212.4f, 80.2f, 95.6f, 118f), 3, 0.8234, true),
                new LiveFace(18, new FaceBox(401f, 122.5f, 60f, 74.4f), 6, 0.5, false),
            ],
            [new LivePerson(4, new FaceBox(180.2f, 40f, 159.7f, 420.4f)), new LivePerson(6, new FaceBox(380f, 90.4f, 110f, 349.6f))]), Device),
        // The message that clears a page's boxes after the last face left.
        ["faces-empty.json"] = () => MqttPayloads.Faces(new LiveFaces.Snapshot(Start.AddSeconds(4), 640, 480, []), Device),
    };

    public static TheoryData<string> WrittenNames => [.. Written.Keys];

    [Theory]
    [MemberData(nameof(WrittenNames))]
    public void The_writer_reproduces_the_golden_payload(string name) => AssertGolden(name, Written[name]());

    /// <summary>A golden file that is neither written here nor listed as reader-only is a variant nobody checks.</summary>
    [Fact]
    public void Every_golden_file_is_written_here_or_listed_as_reader_only() =>
        Assert.Equal(GoldenPayloads.Names, Written.Keys.Concat(ReaderOnly).Order(StringComparer.Ordinal));

    private static void AssertGolden(string name, byte[] payload)
    {
        var expected = GoldenPayloads.Read(name);
        // As text first, so that a difference shows where it is.
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(payload));
        Assert.Equal(expected, payload);
    }

    private static EmotionWindow Window(WindowVisitorsSummary? visitors) =>
        new(Start, Start.AddSeconds(10), 95, 37, [1, 0, 0, 20, 3, 2, 11], [0.04, 0.01, 0.05, 0.48, 0.11, 0.07, 0.24], visitors);

    private static WindowVisitorsSummary Visitors() => new(3, 1, 2, [0, 0, 0, 2, 0, 0, 1], 21.43, 12.0);

    /// <summary>The contract's example visit: a face track (people off), so face_s is the dwell; a watcher.</summary>
    private static Visit ContractVisit() =>
        new(17, Start.AddSeconds(3.2), Start.AddMilliseconds(17_900), 9.1, 176, [0.02, 0.01, 0.03, 0.61, 0.05, 0.08, 0.2], [0, 0, 0, 10.2, 0, 1.1, 3.4]) { Looked = true };

    /// <summary>A person seen 14.7 s whose face was seen 12.3 s of it (the contract's visit with people).</summary>
    private static Visit PersonVisit() =>
        new(3, Start.AddSeconds(3.2), Start.AddMilliseconds(17_900), 9.1, 140, [0.02, 0.01, 0.03, 0.61, 0.05, 0.08, 0.2], [0, 0, 0, 8.8, 0, 1.1, 2.4])
        {
            FaceSeconds = 12.3,
            Looked = true,
        };

    /// <summary>A person followed by body alone: no face classified, no emotion.</summary>
    private static Visit FacelessVisit() =>
        new(5, Start.AddSeconds(62), Start.AddMilliseconds(68_200), 0, 0, new double[7], new double[7]) { FaceSeconds = 0 };

    private static StatsSnapshot Snapshot() => new(
        Time: Start.AddSeconds(30),
        Uptime: TimeSpan.FromSeconds(3600.4),
        Fps: 9.504,
        DetectMsP50: 12.345,
        ClassifyMsP50: 3.21,
        Outbox: Outbox(),
        Version: "1.4.0+6f7334a",
        FramesCaptured: 34210,
        FramesAnalysed: 33950,
        FramesDropped: 260,
        FramesMalformed: 0,
        SourceState: SourceState.Running,
        SourceFailures: 1,
        ResidentMemoryMb: 138.26,
        FramesReused: 12,
        FacesInvalid: 0,
        TracksActive: 2,
        VisitsTooShort: 4)
    {
        Int8Kernels = "u8s8",
        ManagedHeapMb = 41.23,
        GcCommittedMb = 52.37,
        PeopleMsP50 = 25.432,
        PeopleFps = 3.0,
    };

    private static OutboxHealth Outbox() =>
        new(PendingWindows: 2, DroppedWindows: 0, PendingVisits: 1, DroppedVisits: 0, OldestPendingSeconds: 20.04, WriteFailures: 0, InMemory: 0, Quarantined: 0, VisitsPublished: 57);
}
