using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace EdgeEmotion.Training.Model;

/// <summary>
/// The emotion CNN, after the reference paper's recipe: stages of (3x3 Conv → BatchNorm → ReLU)
/// followed by 2x2 MaxPool and Dropout, then Flatten → Linear → BatchNorm → ReLU → Dropout →
/// Linear to 7 logits. Input [N,1,48,48] in 0..1. Softmax is applied by the loss in training
/// and by the exported ONNX graph.
/// </summary>
public sealed class EmotionNet : Module<Tensor, Tensor>
{
    private readonly ModuleList<Module<Tensor, Tensor>> _features = new();
    private readonly Linear _fc1;
    private readonly BatchNorm1d _bn1;
    private readonly Dropout _headDropout;
    private readonly Linear _fc2;

    public EmotionNet(NetworkShape shape) : base(nameof(EmotionNet))
    {
        shape.Validate();
        Shape = shape;
        var channels = 1;
        for (var s = 0; s < shape.Widths.Length; s++)
        {
            for (var c = 0; c < shape.ConvsPerStage[s]; c++)
            {
                _features.Add(Conv2d(channels, shape.Widths[s], 3, padding: 1, bias: false));
                _features.Add(BatchNorm2d(shape.Widths[s]));
                _features.Add(ReLU());
                channels = shape.Widths[s];
            }
            _features.Add(MaxPool2d(2));
            _features.Add(Dropout(shape.ConvDropout));
        }
        _fc1 = Linear(channels * shape.FinalSide * shape.FinalSide, shape.Hidden, hasBias: false);
        _bn1 = BatchNorm1d(shape.Hidden);
        _headDropout = Dropout(shape.HeadDropout);
        _fc2 = Linear(shape.Hidden, 7);
        RegisterComponents();
    }

    public NetworkShape Shape { get; }

    /// <summary>The layers in order, for export.</summary>
    public IEnumerable<Module<Tensor, Tensor>> Features => _features;
    public Linear Fc1 => _fc1;
    public BatchNorm1d Bn1 => _bn1;
    public Linear Fc2 => _fc2;

    public long ParameterCount() => parameters().Sum(p => p.numel());

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        foreach (var layer in _features)
        {
            x = layer.call(x);
        }
        x = x.flatten(1);
        x = functional.relu(_bn1.call(_fc1.call(x)));
        x = _fc2.call(_headDropout.call(x));
        return x.MoveToOuterDisposeScope();
    }
}
