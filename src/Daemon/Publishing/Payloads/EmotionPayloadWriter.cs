using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Daemon.Aggregation;
using EdgeEmotion.Daemon.Options;

namespace EdgeEmotion.Daemon.Publishing.Payloads;

/// <summary>A window's <c>emotions</c> payload, made when the window closes so that the outbox
/// keeps exactly the bytes that will be sent (with the model that produced them).</summary>
internal sealed class EmotionPayloadWriter(IOptions<DaemonOptions> daemonOptions, EmotionModel model)
{
    private readonly string _modelName = Path.GetFileNameWithoutExtension(model.Path);
    private readonly string _device = daemonOptions.Value.ResolvedDeviceId;
    private readonly string _site = daemonOptions.Value.Site;

    public byte[] Write(EmotionWindow window, long seq) => MqttPayloads.Emotions(window, seq, _device, _modelName, model.Sha256, _site);
}
