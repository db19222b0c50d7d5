using EdgeEmotion.Core;

namespace EdgeEmotion.Training.Tests;

public class TrainerTests
{
    private static TrainOptions Tiny(string data, int epochs, bool augment = false) => new()
    {
        Data = data,
        Epochs = epochs,
        BatchSize = 32,
        LearningRate = 2e-3,
        WarmupEpochs = 1,
        Augment = augment,
        Patience = 100,
    };

    [Fact]
    public void A_tiny_run_on_real_faces_lowers_the_training_loss()
    {
        using var fer = new TinyFer();
        var state = new Trainer(fer.NewRunFolder(), _ => { }).Run(Tiny(fer.Root, epochs: 8), resume: false);
        Assert.Equal(8, state.History.Count);
        Assert.Equal(24 * 7, state.TrainImages);
        var first = state.History[0].TrainLoss;
        var last = state.History[^1].TrainLoss;
        Assert.True(last < 0.7 * first, $"training loss went from {first:F3} to {last:F3}");
        Assert.True(state.History[^1].TrainAccuracy > state.History[0].TrainAccuracy);
        Assert.True(state.BestEpoch >= 1 && state.Finished);
    }

    [Fact]
    public void A_killed_run_resumes_after_its_last_epoch_and_ends_like_an_uninterrupted_one()
    {
        using var fer = new TinyFer(trainPerClass: 12, testPerClass: 4);
        var options = Tiny(fer.Root, epochs: 3, augment: true);

        var whole = new Trainer(fer.NewRunFolder(), _ => { }).Run(options, resume: false);

        var folder = fer.NewRunFolder();
        var killed = new Trainer(folder, _ => { }) { StopAfterEpochs = 1 }.Run(options, resume: false);
        Assert.Single(killed.History);
        Assert.False(killed.Finished);
        var resumed = new Trainer(folder, _ => { }).Run(options with { Epochs = 99 }, resume: true);

        Assert.Equal(3, resumed.History.Count); // The stored recipe wins over the new options.
        for (var e = 0; e < 3; e++)
        {
            Assert.Equal(whole.History[e].TrainLoss, resumed.History[e].TrainLoss, 3);
            Assert.Equal(whole.History[e].ValAccuracy, resumed.History[e].ValAccuracy, 3);
        }
    }

    [Fact]
    public void Resume_without_a_run_says_so()
    {
        using var fer = new TinyFer(1, 1);
        var folder = fer.NewRunFolder();
        var ex = Assert.Throws<UserInputException>(() => new Trainer(folder, _ => { }).Run(Tiny(fer.Root, 1), resume: true));
        Assert.Contains("nothing to resume", ex.Message);
    }

    [Fact]
    public void The_learning_rate_warms_up_then_decays_by_cosine_to_one_percent()
    {
        var o = new TrainOptions { Data = "x", Epochs = 10, WarmupEpochs = 2, LearningRate = 1e-3 };
        Assert.True(Trainer.LearningRate(o, 1, 0, 100) < 1e-4);
        Assert.Equal(1e-3, Trainer.LearningRate(o, 3, 0, 100), 9);
        Assert.True(Trainer.LearningRate(o, 6, 0, 100) < Trainer.LearningRate(o, 4, 0, 100));
        Assert.Equal(1e-5, Trainer.LearningRate(o, 10, 100, 100), 7);
    }

    [Fact]
    public void Rare_classes_weigh_more()
    {
        byte[] labels = [3, 3, 3, 3, 1, 0, 0, 2, 2, 4, 4, 5, 5, 6, 6, 6];
        var w = Trainer.ClassWeights(labels, 0.5);
        Assert.Equal(1f, w[3]);
        Assert.Equal(2f, w[1], 5);
        Assert.Equal(MathF.Sqrt(2), w[0], 5);
    }

    [Fact]
    public void The_default_network_is_sized_for_a_board()
    {
        using var net = new EmotionNet(NetworkShape.Default);
        Assert.InRange(net.ParameterCount(), 1_000_000, 2_000_000);
        Assert.InRange(NetworkShape.Default.MultiplyAdds(), 50_000_000, 100_000_000); // the Pi budget per face
    }
}
