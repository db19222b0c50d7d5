namespace EdgeEmotion.Core.Onnx;

/// <summary>Where an int8 model's running weights came from, for the start line and --check-config.</summary>
/// <param name="FormFile">The form file beside the model that OnnxRuntime runs
/// (<see cref="EdgeEmotion.OnnxGraph.Int8FormFile"/>); null when it runs the model's own file or a rewrite.</param>
/// <param name="Ignored">Why a form file beside the model was not run (stale or of the wrong form).</param>
public sealed record Int8Weights(string? FormFile, string? Ignored)
{
    /// <summary>The model's own file, as stored (or a float model).</summary>
    public static Int8Weights AsStored { get; } = new(null, null);

    /// <summary>The weights' signedness was rewritten in memory: no usable form file.</summary>
    public bool RewrittenInMemory { get; init; }

    /// <summary>"", "; from emotion-int8-u8s8.onnx" or "; weights rewritten in memory[ (why)]".</summary>
    public string Phrase =>
        FormFile is not null ? $"; from {Path.GetFileName(FormFile)}"
        : RewrittenInMemory ? $"; weights rewritten in memory{(Ignored is null ? "" : $" ({Ignored})")}"
        : "";
}
