namespace EdgeEmotion.Contracts.Tests;

/// <summary>A record the reader would refuse is not written either: the writer names the field,
/// so the mistake shows where the record was built, not at every consumer.</summary>
public sealed class WriterRefusalTests
{
    private static readonly VisitMessage Visit = VisitMessage.Read(GoldenPayloads.Read("visits.json"));

    [Fact]
    public void An_emotion_list_not_in_label_order_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => (Visit with { EmotionSeconds = [1, 2, 3] }).ToPayload());
        Assert.StartsWith("field \"emotion_seconds\": expected 7 values in label order, got 3", error.Message);

        error = Assert.Throws<ArgumentException>(() => (Visit with { MeanProbabilities = new double[8] }).ToPayload());
        Assert.StartsWith("field \"mean_probabilities\": expected 7 values in label order, got 8", error.Message);
    }

    [Fact]
    public void A_box_of_other_than_four_numbers_is_refused()
    {
        var faces = FacesMessage.Read(GoldenPayloads.Read("faces.json"));
        var error = Assert.Throws<ArgumentException>(() => (faces with { Faces = [faces.Faces[0] with { Box = [1, 2, 3] }] }).ToPayload());
        Assert.StartsWith("field \"box\": expected [x, y, width, height], got 3 numbers", error.Message);
    }
}
