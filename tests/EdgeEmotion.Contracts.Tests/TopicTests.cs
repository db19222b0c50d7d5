namespace EdgeEmotion.Contracts.Tests;

/// <summary>Topics and subscription filters as the contract defines them.</summary>
public sealed class TopicTests
{
    [Fact]
    public void A_device_s_topics_and_the_fleet_s_filters()
    {
        var topics = new MqttTopics("edgeemotion/site-a", "kiosk-07");
        Assert.Equal("edgeemotion/site-a/kiosk-07/visits", topics.Of(MessageKind.Visits));
        Assert.Equal(topics.Stats, topics.Of(MessageKind.Stats));
        Assert.Equal("edgeemotion/site-a/+/emotions", MqttTopics.Filter("edgeemotion/site-a", MessageKind.Emotions));
    }

    [Theory]
    [InlineData("edgeemotion", "edgeemotion/kiosk-07/stats", "kiosk-07", MessageKind.Stats)]
    [InlineData("a/b", "a/b/kiosk-07/faces", "kiosk-07", MessageKind.Faces)]
    public void A_contract_topic_gives_its_device_and_kind(string prefix, string topic, string device, MessageKind kind)
    {
        Assert.True(MqttTopics.TryParse(prefix, topic, out var parsedDevice, out var parsedKind));
        Assert.Equal((device, kind), (parsedDevice, parsedKind));
        Assert.Equal(topic, new MqttTopics(prefix, device).Of(kind));
    }

    [Theory]
    [InlineData("edgeemotion/kiosk-07/extra/stats")]
    [InlineData("edgeemotion//stats")]
    [InlineData("edgeemotion/kiosk-07/weather")]
    [InlineData("other/kiosk-07/stats")]
    [InlineData("edgeemotionx/kiosk-07/stats")]
    [InlineData("edgeemotion/kiosk-07/homeassistant")]
    public void A_topic_outside_the_contract_is_not_parsed(string topic) =>
        Assert.False(MqttTopics.TryParse("edgeemotion", topic, out _, out _));
}
