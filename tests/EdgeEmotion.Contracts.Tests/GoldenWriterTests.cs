using System.Text;
using System.Text.Json.Nodes;

namespace EdgeEmotion.Contracts.Tests;

/// <summary>The contract library's writer makes every golden payload byte for byte from records
/// holding the contract's examples, and the reader gives those records back; every golden file,
/// read and written again, is its own bytes. (The daemon's <c>GoldenPayloadTests</c> prove that its
/// figures, mapped to these records, still make the same files.)</summary>
public sealed class GoldenWriterTests
{
    private const string Device = "kiosk-07";
    private const string Site = "Store 12 – Main Street";

    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly ModelInfo Model = new("emotion-int8", "9f1c2e7a5b3d4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f506");

    /// <summary>The one golden file no record written here makes: an older device left out fields
    /// that this writer sends as <c>null</c> (see <see cref="An_older_devices_stats_written_again_only_add_the_fields_sent_as_null"/>).</summary>
    private const string ReaderOnly = "stats-older-device.json";

    /// <summary>Each golden file with the message that makes it.</summary>
    private static readonly Dictionary<string, Func<object>> Written = new()
    {
        ["status-online.txt"] = () => DeviceStatus.Online,
        ["status-offline.txt"] = () => DeviceStatus.Offline,
        ["emotions.json"] = () => Window(1234) with { Visitors = Visitors() },
        ["emotions-without-visitors.json"] = () => Window(1235),
        ["emotions-site.json"] = () => Window(1236) with { Visitors = Visitors(), Site = Site },
        ["visits.json"] = () => ContractVisit(5812),
        ["visits-site.json"] = () => ContractVisit(5813) with { Site = Site },
        ["visits-people.json"] = () => ContractVisit(5814) with { Frames = 140, EmotionSeconds = [0, 0, 0, 8.8, 0, 1.1, 2.4], FaceSeconds = 12.3 },
        ["visits-face-never-classified.json"] = () => FacelessVisit(),
        ["visits-older-device.json"] = () => ContractVisit(5812) with { FaceSeconds = null, Looked = null },
        ["stats.json"] = () => Stats(),
        ["stats-people-off.json"] = () => Stats() with { PeopleMsP50 = null, PeopleFps = null },
        ["stats-presence-site.json"] = () => Stats() with { Presence = true, Site = Site },
        ["stats-seq-skipped.json"] = () => Stats() with { SeqSkipped = new SeqRange(1240, 1243) },
        ["faces.json"] = () => Faces(Start.AddMilliseconds(3_200), TwoFaces()),
        ["faces-people.json"] = () => Faces(Start.AddMilliseconds(3_200), TwoFaces()) with
        {
            People = [new LivePersonBox(4, [180, 40, 160, 420]), new LivePersonBox(6, [380, 90, 110, 350])],
        },
        // The message that clears a page's boxes after the last face left.
        ["faces-empty.json"] = () => Faces(Start.AddSeconds(4), []),
    };

    public static TheoryData<string> WrittenNames => [.. Written.Keys];

    public static TheoryData<string> RoundTripNames => [.. GoldenPayloads.Names.Where(name => name != ReaderOnly)];

    [Theory]
    [MemberData(nameof(WrittenNames))]
    public void The_writer_makes_the_golden_payload(string name)
    {
        var expected = GoldenPayloads.Read(name);
        var payload = GoldenKind.Write(Written[name]());
        // As text first, so that a difference shows where it is.
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(payload));
        Assert.Equal(expected, payload);
    }

    [Theory]
    [MemberData(nameof(WrittenNames))]
    public void What_the_writer_wrote_reads_back_as_the_message(string name)
    {
        var message = Written[name]();
        Assert.Equivalent(message, GoldenKind.Read(name, GoldenKind.Write(message)), strict: true);
    }

    [Theory]
    [MemberData(nameof(RoundTripNames))]
    public void Every_golden_payload_read_and_written_again_is_its_own_bytes(string name)
    {
        var golden = GoldenPayloads.Read(name);
        Assert.Equal(Encoding.UTF8.GetString(golden), Encoding.UTF8.GetString(GoldenKind.Write(GoldenKind.Read(name, golden))));
    }

    [Fact]
    public void An_older_devices_stats_written_again_only_add_the_fields_sent_as_null()
    {
        var older = StatsMessage.Read(GoldenPayloads.Read(ReaderOnly));
        var written = older.ToPayload();

        Assert.Equivalent(older, StatsMessage.Read(written), strict: true);
        var before = JsonNode.Parse(GoldenPayloads.Read(ReaderOnly))!.AsObject();
        var after = JsonNode.Parse(written)!.AsObject();
        var added = after.Where(field => !before.ContainsKey(field.Key)).ToList();
        Assert.Equal(["seq_skipped", "visits_seq_skipped", "int8_kernels", "people_ms_p50", "people_fps"], added.Select(field => field.Key));
        Assert.All(added, field => Assert.Null(field.Value));
        Assert.All(before, field => Assert.True(JsonNode.DeepEquals(field.Value, after[field.Key]), field.Key));
    }

    /// <summary>A golden file that is neither written here nor listed as reader-only is a variant nobody writes.</summary>
    [Fact]
    public void Every_golden_file_is_written_here_or_listed_as_reader_only() =>
        Assert.Equal(GoldenPayloads.Names, Written.Keys.Append(ReaderOnly).Order(StringComparer.Ordinal));

    private static EmotionsMessage Window(long seq) => new()
    {
        Device = Device,
        Seq = seq,
        WindowStart = Start,
        WindowEnd = Start.AddSeconds(10),
        Frames = 95,
        Faces = 37,
        Counts = [1, 0, 0, 20, 3, 2, 11],
        MeanProbabilities = [0.04, 0.01, 0.05, 0.48, 0.11, 0.07, 0.24],
        Model = Model,
    };

    private static VisitorsSummary Visitors() => new(3, 1, 2, [0, 0, 0, 2, 0, 0, 1], 21.4, 12);

    /// <summary>The contract's example visit: a face track (people off), so face_s is the dwell; a watcher.</summary>
    private static VisitMessage ContractVisit(long seq) => new()
    {
        Device = Device,
        Seq = seq,
        Start = Start.AddMilliseconds(3_200),
        End = Start.AddMilliseconds(17_900),
        DwellSeconds = 14.7,
        AttentionSeconds = 9.1,
        Frames = 176,
        Emotion = "happy",
        MeanProbabilities = [0.02, 0.01, 0.03, 0.61, 0.05, 0.08, 0.2],
        EmotionSeconds = [0, 0, 0, 10.2, 0, 1.1, 3.4],
        Model = Model,
        FaceSeconds = 14.7,
        Looked = true,
    };

    /// <summary>A person followed by body alone: no face classified, no emotion.</summary>
    private static VisitMessage FacelessVisit() => new()
    {
        Device = Device,
        Seq = 5815,
        Start = Start.AddSeconds(62),
        End = Start.AddMilliseconds(68_200),
        DwellSeconds = 6.2,
        AttentionSeconds = 0,
        Frames = 0,
        EmotionSeconds = new double[EmotionLabels.Count],
        Model = Model,
        FaceSeconds = 0,
        Looked = false,
    };

    /// <summary>Every field a device sends today.</summary>
    private static StatsMessage Stats() => new()
    {
        Device = Device,
        Time = Start.AddSeconds(30),
        UptimeSeconds = 3600,
        Fps = 9.5,
        DetectMsP50 = 12.34,
        ClassifyMsP50 = 3.21,
        PendingWindows = 2,
        DroppedWindows = 0,
        Version = "1.4.0+6f7334a",
        FramesCaptured = 34210,
        FramesAnalysed = 33950,
        FramesDropped = 260,
        FramesMalformed = 0,
        FramesReused = 12,
        SourceState = "running",
        SourceFailures = 1,
        ResidentMemoryMb = 138.3,
        FacesInvalid = 0,
        PendingVisits = 1,
        DroppedVisits = 0,
        OldestPendingSeconds = 20,
        OutboxWriteFailures = 0,
        OutboxInMemory = 0,
        OutboxQuarantined = 0,
        TracksActive = 2,
        VisitsPublished = 57,
        VisitsTooShort = 4,
        Int8Kernels = "u8s8",
        ManagedHeapMb = 41.2,
        GcCommittedMb = 52.4,
        PeopleMsP50 = 25.43,
        PeopleFps = 3,
    };

    private static FacesMessage Faces(DateTimeOffset time, IReadOnlyList<LiveFaceBox> faces) => new(Device, time, 640, 480, faces);

    private static LiveFaceBox[] TwoFaces() =>
        [new(17, [212, 80, 96, 118], "happy", 0.82, true), new(18, [401, 122, 60, 74], "neutral", 0.5, false)];
}
