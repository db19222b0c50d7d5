using EdgeEmotion.Collector.Ingest;
using MQTTnet;
using MQTTnet.Packets;

namespace EdgeEmotion.Collector.Tests.Ingest;

/// <summary>What the collector subscribes to, shared or not, and a SUBACK's refusals read as
/// refusals (an ACL that denies the topics used to leave a collector that said "subscribed").</summary>
public sealed class SubscriptionTests
{
    [Fact]
    public void Shared_filters_carry_the_group_and_plain_ones_are_the_topics_themselves()
    {
        Assert.Equal(["$share/shop/edge/+/emotions", "$share/shop/edge/+/visits", "$share/shop/edge/+/stats", "$share/shop/edge/+/status"],
            Subscription.Filters("edge", "shop", shared: true));
        Assert.Equal(["edge/+/emotions", "edge/+/visits", "edge/+/stats", "edge/+/status"], Subscription.Filters("edge", "shop", shared: false));
    }

    [Fact]
    public void Granted_filters_are_not_refusals_and_each_refused_one_is_named_with_its_reason()
    {
        var result = new MqttClientSubscribeResult(1,
        [
            Item("edge/+/emotions", MqttClientSubscribeResultCode.GrantedQoS1),
            Item("edge/+/visits", MqttClientSubscribeResultCode.GrantedQoS0),
            Item("edge/+/stats", MqttClientSubscribeResultCode.NotAuthorized),
            Item("edge/+/status", MqttClientSubscribeResultCode.SharedSubscriptionsNotSupported),
        ], string.Empty, []);

        Assert.Equal(["edge/+/stats (NotAuthorized)", "edge/+/status (SharedSubscriptionsNotSupported)"], Subscription.Refused(result));
    }

    private static MqttClientSubscribeResultItem Item(string filter, MqttClientSubscribeResultCode code) =>
        new(new MqttTopicFilter { Topic = filter }, code);
}
