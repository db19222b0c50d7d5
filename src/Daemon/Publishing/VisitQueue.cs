using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Daemon.Visits;

namespace EdgeEmotion.Daemon.Publishing;

/// <summary>Finished visits into the <c>visits</c> stream (own seq, crash-safe outbox), written
/// when they end so that the outbox keeps exactly the bytes that will be sent; nothing when
/// <c>Mqtt:PublishVisits</c> is off.</summary>
public sealed class VisitQueue(MessageStreams streams, string device, EmotionModel model, bool enabled)
{
    private readonly string _modelName = Path.GetFileNameWithoutExtension(model.Path);

    public void Enqueue(IReadOnlyList<Visit> visits)
    {
        if (!enabled)
        {
            return;
        }
        foreach (var visit in visits)
        {
            streams.Visits.Enqueue(seq => MqttPayloads.Visit(visit, seq, device, _modelName, model.Sha256));
        }
    }
}
