using EdgeEmotion.Collector.Ingest;
using EdgeEmotion.Contracts;

namespace EdgeEmotion.Collector.Tests.Ingest;

/// <summary>Visits from the contract's golden payloads to the collector's records: the person
/// stage's fields (<c>looked</c>, a <c>null</c> emotion) are kept as the device sent them, and a
/// device from before them is judged by the daemon's default watcher rule.</summary>
public sealed class VisitMappingTests
{
    private static EdgeEmotion.Collector.Storage.VisitRecord Map(string golden) => MessageMapping.Visit(VisitMessage.Read(GoldenPayloads.Read(golden)));

    [Fact]
    public void A_person_with_a_face_keeps_the_devices_watcher_flag_and_emotion()
    {
        var visit = Map("visits-people.json");
        Assert.True(visit.Watcher);
        Assert.Equal(EmotionLabels.IndexOf("happy"), visit.Emotion);
        Assert.Equal(14.7, visit.DwellSeconds);
    }

    [Fact]
    public void A_person_whose_face_was_never_classified_has_no_emotion_and_is_no_watcher()
    {
        var visit = Map("visits-face-never-classified.json");
        Assert.Null(visit.Emotion);
        Assert.False(visit.Watcher);
        Assert.Equal(0, visit.Frames);
        Assert.Equal(6.2, visit.DwellSeconds);
    }

    [Fact]
    public void A_device_from_before_looked_is_judged_by_its_attention()
    {
        var older = VisitMessage.Read(GoldenPayloads.Read("visits-older-device.json"));
        Assert.Null(older.Looked);
        Assert.Equal(older.AttentionSeconds >= 1, MessageMapping.Visit(older).Watcher);
    }
}
