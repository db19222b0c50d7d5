using EdgeEmotion.Contracts;
using MQTTnet;

namespace EdgeEmotion.Collector.Ingest;

/// <summary>
/// What the collector subscribes to, and whether the broker granted it. The topics themselves by
/// default; shared subscriptions (<c>$share/{group}/…</c>, <c>Collector:SharedSubscription</c>)
/// let several collectors split a fleet. A broker that does not offer them (its CONNACK says so;
/// the daemon's embedded broker, MQTTnet's server, is one) refuses every such filter, and a
/// collector subscribed that way would store nothing. There it subscribes to the topics
/// themselves: each collector then receives every message, which the store keeps once.
/// </summary>
internal static class Subscription
{
    private static readonly MessageKind[] Kinds = [MessageKind.Emotions, MessageKind.Visits, MessageKind.Stats, MessageKind.Status];

    public static IReadOnlyList<string> Filters(string topicPrefix, string group, bool shared) =>
        [.. Kinds.Select(k => MqttTopics.Filter(topicPrefix, k)).Select(f => shared ? $"$share/{group}/{f}" : f)];

    /// <summary>Takes back the subscription in the given form (the broker answers "no subscription
    /// existed" for a filter it did not hold, which is fine).</summary>
    public static MqttClientUnsubscribeOptions Unsubscribe(string topicPrefix, string group, bool shared)
    {
        var options = new MqttClientUnsubscribeOptionsBuilder();
        foreach (var filter in Filters(topicPrefix, group, shared))
        {
            options.WithTopicFilter(filter);
        }
        return options.Build();
    }

    /// <summary>The filters the broker refused, each with its reason code; empty when all were granted.</summary>
    public static IReadOnlyList<string> Refused(MqttClientSubscribeResult result) =>
        [.. result.Items.Where(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2).Select(i => $"{i.TopicFilter.Topic} ({i.ResultCode})")];
}

/// <summary>The broker answered the subscription with a refusal for some of its filters (an ACL,
/// a feature it lacks): nothing would arrive on them.</summary>
internal sealed class SubscriptionRefusedException(IReadOnlyList<string> refused)
    : IOException("the broker refused the subscription to " + string.Join(", ", refused));
