using EdgeEmotion.Daemon.Broker;
using EdgeEmotion.Daemon.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeEmotion.Daemon.Publishing.Session;

/// <summary>Where and how the daemon connects: the embedded broker on loopback or
/// <c>Mqtt:Host</c>, its client id, the retained last will <c>offline</c>, credentials and TLS;
/// and one-line reasons for failures that name what to fix.</summary>
internal sealed class BrokerEndpoint(IOptions<MqttOptions> options, EmbeddedBroker broker, MqttConnectionSettings connection, MqttTopics topics)
{
    public string Host => broker.Enabled ? "127.0.0.1" : options.Value.Host;

    public int Port => broker.Enabled ? broker.Port : options.Value.Port;

    /// <summary>Built at each connection: the embedded broker's port is known only once it started.</summary>
    public MqttClientOptions ConnectOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(Host, Port)
            .WithClientId($"edgeemotion-{topics.Device}")
            .WithCleanSession(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithWillTopic(topics.Status)
            .WithWillPayload(StatusPayload.Write(DeviceStatus.Offline))
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (broker.Enabled)
        {
            // The embedded broker lets only this daemon publish under the prefix: it proves itself
            // with a secret made at start that never leaves the process.
            builder.WithCredentials(EmbeddedBroker.DaemonUser, broker.DaemonSecret);
        }
        else
        {
            connection.Apply(builder);
        }
        return builder.Build();
    }

    public string Describe(Exception ex) => MqttFailure.Describe(ex, Host, options.Value.Username);

    /// <summary><c>host:port</c>, as log lines name the broker.</summary>
    public string Address => $"{Host}:{Port}";
}
