using EdgeEmotion.Contracts;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Core.Preprocessing;
using EdgeEmotion.OnnxGraph;
using Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EdgeEmotion.Training.Export;

/// <summary>
/// Writes a trained <see cref="EmotionNet"/> as an inference-only ONNX graph: every BatchNorm
/// folded into the Conv or Gemm before it, Dropout removed, Softmax appended. Input
/// <c>input</c> [N,1,48,48] in 0..1, output <c>probabilities</c> [N,7]. A calibration
/// temperature T is folded into the last Gemm (weights and bias divided by T, so the softmax
/// sees logits / T) and recorded in the metadata; the int8 graph inherits it with no extra node.
/// </summary>
public static class OnnxExporter
{
    // TorchSharp's BatchNorm default, which EmotionNet uses.
    private const double BatchNormEpsilon = 1e-5;

    public static ModelProto ToOnnx(EmotionNet model, IReadOnlyDictionary<string, string>? metadata = null, double temperature = 1)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be a positive number.");
        }
        model.eval();
        using var noGrad = no_grad();
        var g = new GraphBuilder("emotion");
        g.AddInput(ModelContract.InputName, "N", 1, FacePreprocessor.Size, FacePreprocessor.Size);
        var x = ModelContract.InputName;

        var layers = model.Features.ToList();
        for (var i = 0; i < layers.Count; i++)
        {
            switch (layers[i])
            {
                case Conv2d conv when i + 1 < layers.Count && layers[i + 1] is BatchNorm2d bn:
                    var (w, b) = Fold(conv.weight!, null, bn.weight!, bn.bias!, bn.running_mean!, bn.running_var!);
                    var shape = conv.weight!.shape;
                    var wName = g.AddFloat(g.NewName("conv_w"), w, shape);
                    var bName = g.AddFloat(g.NewName("conv_b"), b, shape[0]);
                    x = g.Apply("Conv", [x, wName, bName],
                        GraphBuilder.IntsAttribute("kernel_shape", shape[2], shape[3]), GraphBuilder.IntsAttribute("pads", 1, 1, 1, 1),
                        GraphBuilder.IntsAttribute("strides", 1, 1));
                    i++; // The BatchNorm is folded.
                    break;
                case ReLU:
                    x = g.Apply("Relu", [x]);
                    break;
                case MaxPool2d:
                    x = g.Apply("MaxPool", [x], GraphBuilder.IntsAttribute("kernel_shape", 2, 2), GraphBuilder.IntsAttribute("strides", 2, 2));
                    break;
                case Dropout:
                    break; // Identity at inference.
                default:
                    throw new NotSupportedException($"Layer {i} ({layers[i].GetType().Name}) has no ONNX export.");
            }
        }
        x = g.Apply("Flatten", [x], GraphBuilder.IntAttribute("axis", 1));

        var (w1, b1) = Fold(model.Fc1.weight!, model.Fc1.bias, model.Bn1.weight!, model.Bn1.bias!, model.Bn1.running_mean!, model.Bn1.running_var!);
        x = Gemm(g, x, w1, b1, model.Fc1.weight!.shape);
        x = g.Apply("Relu", [x]);
        var inverse = (float)(1 / temperature);
        x = Gemm(g, x, [.. Values(model.Fc2.weight!).Select(v => v * inverse)], [.. Values(model.Fc2.bias!).Select(v => v * inverse)], model.Fc2.weight!.shape);
        g.AddNode("Softmax", [x], [ModelContract.OutputName], GraphBuilder.IntAttribute("axis", 1));
        g.AddOutput(ModelContract.OutputName, "N", EmotionLabels.Count);

        g.SetMetadata("labels", string.Join(",", EmotionLabels.Names));
        g.SetMetadata("input_scale", "pixels / 255, no normalization");
        g.SetMetadata("temperature", temperature.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            g.SetMetadata(key, value);
        }
        return g.Build("edgeemotion-train", "Emotion classifier, FER2013 classes: " + string.Join(", ", EmotionLabels.Names));
    }

    private static string Gemm(GraphBuilder g, string x, float[] w, float[] b, long[] shape)
    {
        var wName = g.AddFloat(g.NewName("fc_w"), w, shape);
        var bName = g.AddFloat(g.NewName("fc_b"), b, shape[0]);
        return g.Apply("Gemm", [x, wName, bName], GraphBuilder.IntAttribute("transB", 1));
    }

    /// <summary>Folds y = BN(Wx + b) into y = W'x + b' per output channel (row of W).</summary>
    private static (float[] Weights, float[] Bias) Fold(Tensor weight, Tensor? bias, Tensor gamma, Tensor beta, Tensor mean, Tensor variance)
    {
        var w = Values(weight);
        var outputs = (int)weight.shape[0];
        var perOutput = w.Length / outputs;
        var g = Values(gamma);
        var be = Values(beta);
        var m = Values(mean);
        var v = Values(variance);
        var b0 = bias is null ? new float[outputs] : Values(bias);
        var folded = new float[w.Length];
        var foldedBias = new float[outputs];
        for (var o = 0; o < outputs; o++)
        {
            var scale = g[o] / Math.Sqrt(v[o] + BatchNormEpsilon);
            for (var k = 0; k < perOutput; k++)
            {
                folded[(o * perOutput) + k] = (float)(w[(o * perOutput) + k] * scale);
            }
            foldedBias[o] = (float)(((b0[o] - m[o]) * scale) + be[o]);
        }
        return (folded, foldedBias);
    }

    private static float[] Values(Tensor t) => t.detach().cpu().contiguous().data<float>().ToArray();
}
