using EdgeEmotion.Daemon.People;

namespace EdgeEmotion.Daemon.Tests.People;

public class NanoDetDecoderTests
{
    private const int Side = 416;
    private const int Stride = 16;
    private const int Columns = Side / Stride;

    [Fact]
    public void A_cell_decodes_to_its_centre_minus_and_plus_the_expected_bin_times_the_stride()
    {
        var (scores, bins) = Outputs();
        var cell = (5 * Columns) + 7; // row 5, column 7: centre (120, 88)
        scores[(cell * NanoDetDecoder.Classes) + NanoDetDecoder.PersonClass] = 0.8f;
        // Sides left, top, right, bottom sure of bins 1, 2, 3 and 4.
        for (var side = 0; side < 4; side++)
        {
            bins[(cell * NanoDetDecoder.BoxValues) + (side * NanoDetDecoder.Bins) + side + 1] = 50;
        }
        var found = new List<PersonCandidate>();
        NanoDetDecoder.Decode(scores, bins, Stride, Side, 0.5f, found);
        var box = Assert.Single(found);
        Assert.Equal(120 - (1 * Stride), box.X0, 3);
        Assert.Equal(88 - (2 * Stride), box.Y0, 3);
        Assert.Equal(120 + (3 * Stride), box.X1, 3);
        Assert.Equal(88 + (4 * Stride), box.Y1, 3);
        Assert.Equal(0.8f, box.Score);
    }

    [Fact]
    public void Other_classes_and_low_scores_are_not_people()
    {
        var (scores, bins) = Outputs();
        scores[(3 * NanoDetDecoder.Classes) + 2] = 0.9f; // a car
        scores[4 * NanoDetDecoder.Classes] = 0.2f;       // a faint person
        var found = new List<PersonCandidate>();
        NanoDetDecoder.Decode(scores, bins, Stride, Side, 0.35f, found);
        Assert.Empty(found);
    }

    [Fact]
    public void Even_bins_give_the_middle_distance()
    {
        Assert.Equal(3.5f, NanoDetDecoder.Distance(new float[NanoDetDecoder.Bins]), 5);
    }

    [Fact]
    public void Outputs_of_another_grid_are_refused()
    {
        var (scores, bins) = Outputs();
        Assert.Throws<InvalidDataException>(() => NanoDetDecoder.Decode(scores, bins, 8, Side, 0.35f, []));
    }

    private static (float[] Scores, float[] Bins) Outputs() =>
        (new float[Columns * Columns * NanoDetDecoder.Classes], new float[Columns * Columns * NanoDetDecoder.BoxValues]);
}
