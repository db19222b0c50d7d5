using EdgeEmotion.Training.Data;

namespace EdgeEmotion.Training.Tests;

public class AugmenterTests
{
    private static float[] Ramp() => [.. Enumerable.Range(0, 2304).Select(i => (i % 48) / 47f)];

    [Fact]
    public void With_no_range_it_returns_the_face_or_its_mirror()
    {
        var source = Ramp();
        var mirror = Enumerable.Range(0, 2304).Select(i => source[(i / 48 * 48) + 47 - (i % 48)]).ToArray();
        var augmenter = new Augmenter(0, 0, 0);
        var random = new Random(1);
        var seen = new HashSet<bool>();
        for (var n = 0; n < 10; n++)
        {
            var output = new float[2304];
            augmenter.Apply(source, output, random);
            var isMirror = Math.Abs(output[0] - mirror[0]) < 1e-5;
            Assert.Equal(isMirror ? mirror : source, output, (a, b) => Math.Abs(a - b) < 1e-5);
            seen.Add(isMirror);
        }
        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public void Shifts_move_the_picture_and_keep_values_in_range()
    {
        var source = Ramp();
        var output = new float[2304];
        var augmenter = new Augmenter(0.1f, 10, 0.1f);
        var random = new Random(2);
        var differs = 0;
        for (var n = 0; n < 5; n++)
        {
            augmenter.Apply(source, output, random);
            Assert.All(output, v => Assert.InRange(v, 0f, 1f));
            differs += output.Zip(source).Count(p => Math.Abs(p.First - p.Second) > 1e-3) > 100 ? 1 : 0;
        }
        Assert.Equal(5, differs);
    }
}
