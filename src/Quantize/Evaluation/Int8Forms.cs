using EdgeEmotion.OnnxGraph;

namespace EdgeEmotion.Quantize.Evaluation;

/// <summary>Every int8 form a model can run in, the one the rule picks for this CPU first.</summary>
public static class Int8Forms
{
    public static Int8KernelChoice ChosenHere() => Int8KernelRule.Choose(CpuFeatures.Current());

    public static IReadOnlyList<Int8KernelForm> ChosenFirst()
    {
        var chosen = ChosenHere().Form;
        return [chosen, .. Enum.GetValues<Int8KernelForm>().Where(f => f != chosen)];
    }

    /// <summary>"int8 u8s8": a model's name in tables and JSON.</summary>
    public static string Label(Int8KernelForm form) => $"int8 {Int8KernelRule.Name(form)}";
}
