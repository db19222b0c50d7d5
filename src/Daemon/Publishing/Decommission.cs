using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Publishing.HomeAssistant;
using EdgeEmotion.Daemon.Publishing.Session;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeEmotion.Daemon.Publishing;

/// <summary>
/// <c>--decommission</c>: removes what this device left retained on the broker, so that a device
/// taken out of service leaves no ghosts: the Home Assistant discovery configs (an empty retained
/// config makes Home Assistant delete the entity), and the retained <c>status</c> and <c>stats</c>.
/// Windows and visits are not retained and stay with whoever received them.
/// </summary>
internal sealed class Decommission(MqttOptions options, string device, MqttConnectionSettings connection)
{
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        if (options.UsesEmbeddedBroker)
        {
            throw new UserInputException("Mqtt:Host: --decommission clears what the device left on a broker; with the embedded broker (no Mqtt:Host) nothing outlives the daemon.");
        }
        var topics = new MqttTopics(options.TopicPrefix, device);
        var discovery = new HomeAssistantDiscovery(options.HomeAssistantPrefix, topics, "", "", 10, options.StatsIntervalSeconds);
        string[] cleared = [.. discovery.ConfigTopics(), topics.Stats, topics.Status];
        try
        {
            await ClearAsync(cleared, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            // A one-off command the installer runs against the broker the settings name: one that
            // does not answer or refuses (Mqtt:Host, Port, credentials) is fixed in the settings,
            // and the line says which; no stack trace would help.
            throw new UserInputException($"--decommission: could not clear the retained topics on {options.Host}:{options.Port}: {ConnectionFailure.Describe(ex, options.Host, options.Port).TrimEnd('.')}.", ex);
        }
        return cleared;
    }

    private async Task ClearAsync(string[] cleared, CancellationToken cancellationToken)
    {
        using var session = new MqttSession(TimeSpan.FromSeconds(options.TimeoutSeconds), new MqttClientFactory());
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithClientId($"edgeemotion-{device}")
            .WithCleanSession(true);
        connection.Apply(builder);
        await session.ConnectAsync(builder.Build(), cancellationToken);
        foreach (var topic in cleared)
        {
            // An empty retained message deletes the retained one (MQTT 3.1.1 §3.3.1.3, MQTT 5 §3.3.1.3).
            await session.PublishAsync(topic, [], MqttQualityOfServiceLevel.AtLeastOnce, retain: true, cancellationToken);
        }
        await session.DisconnectAsync(cancellationToken);
    }
}
