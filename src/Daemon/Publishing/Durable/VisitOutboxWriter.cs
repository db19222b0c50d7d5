using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Publishing.Payloads;
using EdgeEmotion.Daemon.Visits;

namespace EdgeEmotion.Daemon.Publishing.Durable;

/// <summary>Finished visits into the <c>visits</c> stream (own seq, crash-safe outbox), written
/// when they end so that the outbox keeps exactly the bytes that will be sent; nothing when
/// <c>Mqtt:PublishVisits</c> is off.</summary>
internal sealed class VisitOutboxWriter(MessageStreams streams, IOptions<DaemonOptions> daemonOptions, IOptions<MqttOptions> mqttOptions, EmotionModel model) : IVisitSink
{
    private readonly string _modelName = Path.GetFileNameWithoutExtension(model.Path);
    private readonly string _device = daemonOptions.Value.ResolvedDeviceId;
    private readonly string _site = daemonOptions.Value.Site;
    private readonly bool _enabled = mqttOptions.Value.PublishVisits;

    public void Enqueue(IReadOnlyList<Visit> visits)
    {
        if (!_enabled)
        {
            return;
        }
        foreach (var visit in visits)
        {
            streams.Visits.Enqueue(seq => MqttPayloads.Visit(visit, seq, _device, _modelName, model.Sha256, _site));
        }
    }
}
