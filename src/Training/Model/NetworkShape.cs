using System.Text.Json.Serialization;

namespace EdgeEmotion.Training.Model;

/// <summary>The network's size: channels per stage (each stage ends in a 2x2 max-pool),
/// 3x3 convolutions per stage, hidden units of the classifier head and dropout.</summary>
public sealed record NetworkShape(
    [property: JsonPropertyName("widths")] int[] Widths,
    [property: JsonPropertyName("convs_per_stage")] int[] ConvsPerStage,
    [property: JsonPropertyName("hidden")] int Hidden,
    [property: JsonPropertyName("conv_dropout")] double ConvDropout,
    [property: JsonPropertyName("head_dropout")] double HeadDropout)
{
    /// <summary>Sized for a Raspberry Pi: 1,755,495 parameters and 96.8M multiply-adds per face
    /// (<c>edgeemotion-train info</c> prints them; a test holds them under the 2M / 100M budget).</summary>
    public static NetworkShape Default { get; } = new([32, 64, 128, 256], [1, 2, 2, 2], 256, 0.1, 0.5);

    public int FinalSide => 48 >> Widths.Length;

    public void Validate()
    {
        if (Widths.Length == 0 || Widths.Length != ConvsPerStage.Length || Widths.Length > 4)
        {
            throw new UserInputException("widths and convs_per_stage need the same length, 1 to 4 stages.");
        }
        if (Widths.Any(w => w <= 0) || ConvsPerStage.Any(c => c <= 0) || Hidden <= 0)
        {
            throw new UserInputException("widths, convs_per_stage and hidden must be positive.");
        }
    }

    /// <summary>Multiply-adds of one face through the network (convolutions and linear layers).</summary>
    public long MultiplyAdds()
    {
        long macs = 0;
        var side = 48;
        var channels = 1;
        for (var s = 0; s < Widths.Length; s++)
        {
            for (var c = 0; c < ConvsPerStage[s]; c++)
            {
                macs += (long)side * side * channels * Widths[s] * 9;
                channels = Widths[s];
            }
            side /= 2;
        }
        macs += (long)channels * side * side * Hidden;
        macs += (long)Hidden * 7;
        return macs;
    }
}
