using System.ComponentModel.DataAnnotations;

namespace EdgeEmotion.Daemon.Options;

/// <summary>Section <c>Model</c>: the emotion classifier.</summary>
internal sealed class ModelOptions
{
    public const string Section = "Model";

    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "models/emotion-int8.onnx";

    /// <summary>Margin added around each detected face before the 48x48 crop (fraction of its size).</summary>
    [Range(0.0, 1.0)]
    public float Margin { get; set; } = 0.1f;

    [Range(1, 64)]
    public int Threads { get; set; } = 1;

    /// <summary>When set, a model file with another sha256 is refused.</summary>
    [RegularExpression("^([0-9a-fA-F]{64})?$", ErrorMessage = "must be 64 hex digits")]
    public string Sha256 { get; set; } = "";

    /// <summary>int8 kernels: chosen by the CPU's features, or forced (see <see cref="Int8KernelsSetting"/>).</summary>
    public Int8KernelsSetting Int8Kernels { get; set; } = Int8KernelsSetting.Auto;
}
