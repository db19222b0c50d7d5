using System.Diagnostics;
using EdgeEmotion.Contracts;
using EdgeEmotion.Core.IO;
using EdgeEmotion.Core.Labels;
using EdgeEmotion.Core.Preprocessing;
using EdgeEmotion.Training.Calibration;
using EdgeEmotion.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace EdgeEmotion.Training;

/// <summary>
/// Trains <see cref="EmotionNet"/> on the training split and validates after every epoch: with
/// FER+ votes, on the vote shares (soft labels) validated by plurality accuracy on a held-out
/// part of the training split; without, on FER2013's labels validated on PublicTest. Adam with
/// L2 weight decay, class-weighted cross-entropy with label smoothing, linear warm-up then
/// cosine learning rate, early stopping on validation accuracy.
/// Checkpoints (<c>last.*</c>, <c>best.weights</c>, <c>state.json</c>) are written after every
/// epoch, so a killed run continues with <see cref="Run"/>(resume: true). Shuffling,
/// augmentation and dropout are seeded per epoch, so a resumed run repeats what the
/// uninterrupted run would have done.
/// </summary>
public sealed class Trainer(string outputDirectory, Action<string> log)
{
    public const string BestWeights = "best.weights";
    private const string LastWeights = "last.weights";
    private const string LastOptimizer = "last.optimizer";

    public string OutputDirectory { get; } = outputDirectory;

    /// <summary>Stops after this many epochs of this call (tests simulate a kill with it).</summary>
    public int? StopAfterEpochs { get; init; }

    public TrainingState Run(TrainOptions options, bool resume, string? cacheDirectory = null)
    {
        Directory.CreateDirectory(OutputDirectory);
        var state = resume ? TrainingState.Load(OutputDirectory) : null;
        if (resume && state is null)
        {
            throw new UserInputException($"{OutputDirectory}: nothing to resume (no {TrainingState.FileName}).");
        }
        if (state is not null)
        {
            options = state.Options; // A resumed run keeps its recipe.
            log($"Resuming {OutputDirectory} after epoch {state.History.Count} (best {state.BestValAccuracy:P2} at epoch {state.BestEpoch}).");
        }
        state ??= new TrainingState { Options = options };

        var (train, val, _) = TrainingData.Load(options, cacheDirectory, log);
        state.TrainImages = train.Count;
        state.ValImages = val.Count;

        random.manual_seed(options.Seed);
        using var model = new EmotionNet(options.Shape);
        state.Parameters = model.ParameterCount();
        state.MultiplyAdds = options.Shape.MultiplyAdds();
        log($"Model: {state.Parameters:N0} parameters, {state.MultiplyAdds / 1e6:F1}M multiply-adds per face.");
        log($"Data: {train.Count:N0} training faces, {val.Count:N0} validation faces.");

        using var optimizer = optim.Adam(model.parameters(), options.LearningRate, weight_decay: options.WeightDecay);
        if (state.History.Count > 0)
        {
            model.load(Path.Combine(OutputDirectory, LastWeights));
            optimizer.load_state_dict(Path.Combine(OutputDirectory, LastOptimizer));
        }
        using var classWeights = tensor(ClassWeights(train.Labels, options.ClassWeightPower));
        Tensor TrainLoss(Tensor logits, Tensor targets) => SoftTargetCrossEntropy.Compute(logits, targets, classWeights, options.LabelSmoothing);

        var stepsPerEpoch = (train.Count + options.BatchSize - 1) / options.BatchSize;
        var epochsThisCall = 0;
        while (state.History.Count < options.Epochs && !state.StoppedEarly)
        {
            if (StopAfterEpochs is { } stop && epochsThisCall >= stop)
            {
                return state;
            }
            var epoch = state.History.Count + 1;
            var clock = Stopwatch.StartNew();
            var (loss, accuracy, lr) = TrainEpoch(model, optimizer, TrainLoss, train, options, epoch, stepsPerEpoch);
            var (valLoss, valAccuracy) = Evaluate(model, val);
            var record = new EpochRecord(epoch, loss, accuracy, valLoss, valAccuracy, lr, clock.Elapsed.TotalSeconds);
            state.History.Add(record);
            epochsThisCall++;

            var improved = valAccuracy > state.BestValAccuracy;
            if (improved)
            {
                state.BestValAccuracy = valAccuracy;
                state.BestEpoch = epoch;
                SaveAtomically(path => model.save(path), BestWeights);
            }
            SaveAtomically(path => model.save(path), LastWeights);
            SaveAtomically(optimizer.save_state_dict, LastOptimizer);
            if (epoch - state.BestEpoch >= options.Patience)
            {
                state.StoppedEarly = true;
                log($"No improvement for {options.Patience} epochs: stopping early.");
            }
            state.Finished = state.StoppedEarly || state.History.Count >= options.Epochs;
            state.Save(OutputDirectory);

            var eta = TimeSpan.FromSeconds(state.History.TakeLast(3).Average(h => h.Seconds) * (options.Epochs - epoch));
            log($"Epoch {epoch}/{options.Epochs}: loss {loss:F4} acc {accuracy:P2} | val loss {valLoss:F4} acc {valAccuracy:P2}{(improved ? " *" : "")} | lr {lr:G3} | {record.Seconds:F0}s | ETA {eta:hh\\:mm\\:ss}");
        }
        state.Finished = true;
        state.Save(OutputDirectory);
        return state;
    }

    private (double Loss, double Accuracy, double LearningRate) TrainEpoch(
        EmotionNet model, optim.Optimizer optimizer, Func<Tensor, Tensor, Tensor> lossFunction,
        TrainingExamples data, TrainOptions options, int epoch, int stepsPerEpoch)
    {
        model.train();
        random.manual_seed(options.Seed * 1000L + epoch);
        var rng = new Random((options.Seed * 1000) + epoch);
        var order = Enumerable.Range(0, data.Count).ToArray();
        rng.Shuffle(order);
        var augmenter = new Augmenter(eraseProbability: (float)options.RandomErasing);
        var batch = new float[options.BatchSize * FacePreprocessor.TensorLength];
        var targets = new float[options.BatchSize * EmotionLabels.Count];
        var labels = new long[options.BatchSize];
        double lossSum = 0;
        long correct = 0;
        var lr = 0.0;
        var clock = Stopwatch.StartNew();
        for (var step = 0; step < stepsPerEpoch; step++)
        {
            var start = step * options.BatchSize;
            var n = Math.Min(options.BatchSize, data.Count - start);
            for (var i = 0; i < n; i++)
            {
                var index = order[start + i];
                var target = batch.AsSpan(i * FacePreprocessor.TensorLength, FacePreprocessor.TensorLength);
                if (options.Augment)
                {
                    augmenter.Apply(data.Faces.Face(index), target, rng);
                }
                else
                {
                    data.Faces.Face(index).CopyTo(target);
                }
                data.Target(index).CopyTo(targets.AsSpan(i * EmotionLabels.Count));
                labels[i] = data.Labels[index];
            }
            lr = LearningRate(options, epoch, step, stepsPerEpoch);
            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = lr;
            }

            var xValues = batch.AsSpan(0, n * FacePreprocessor.TensorLength).ToArray();
            var yValues = labels.AsSpan(0, n).ToArray();
            var tValues = targets.AsSpan(0, n * EmotionLabels.Count).ToArray();
            var (batchLoss, batchCorrect) = NoGcRegion.Run(() =>
            {
                using var scope = NewDisposeScope();
                var x = tensor(xValues, [n, 1, FacePreprocessor.Size, FacePreprocessor.Size]);
                var y = tensor(yValues);
                var t = tensor(tValues, [n, EmotionLabels.Count]);
                optimizer.zero_grad();
                var logits = model.call(x);
                var loss = lossFunction(logits, t);
                loss.backward();
                optimizer.step();
                return (loss.item<float>(), logits.argmax(1).eq(y).sum().item<long>());
            });
            lossSum += batchLoss * n;
            correct += batchCorrect;

            if ((step + 1) % 100 == 0 || step + 1 == stepsPerEpoch)
            {
                var seen = start + n;
                var rate = seen / clock.Elapsed.TotalSeconds;
                var eta = TimeSpan.FromSeconds((data.Count - seen) / rate);
                log($"  epoch {epoch} batch {step + 1}/{stepsPerEpoch}: loss {lossSum / seen:F4} acc {(double)correct / seen:P2} | {rate:F0} img/s | epoch ETA {eta:mm\\:ss}");
            }
        }
        return (lossSum / data.Count, (double)correct / data.Count, lr);
    }

    /// <summary>Mean loss (cross-entropy of the labels) and accuracy in eval mode (no augmentation, no dropout).</summary>
    public static (double Loss, double Accuracy) Evaluate(EmotionNet model, FaceTensors data)
    {
        var logits = Logits(model, data);
        var correct = 0;
        for (var i = 0; i < data.Count; i++)
        {
            correct += TopClass.Of<float>(logits.AsSpan(i * EmotionLabels.Count, EmotionLabels.Count)) == data.Labels[i] ? 1 : 0;
        }
        return (TemperatureScaling.NegativeLogLikelihood(logits, data.Labels, 1), (double)correct / data.Count);
    }

    /// <summary>The logits [count,7] of every face in eval mode (before softmax and temperature).</summary>
    public static float[] Logits(EmotionNet model, FaceTensors data)
    {
        model.eval();
        using var noGrad = no_grad();
        const int BatchSize = 256;
        var result = new float[data.Count * EmotionLabels.Count];
        for (var start = 0; start < data.Count; start += BatchSize)
        {
            var n = Math.Min(BatchSize, data.Count - start);
            var xValues = data.Values.AsSpan(start * FacePreprocessor.TensorLength, n * FacePreprocessor.TensorLength).ToArray();
            var logits = NoGcRegion.Run(() =>
            {
                using var scope = NewDisposeScope();
                var x = tensor(xValues, [n, 1, FacePreprocessor.Size, FacePreprocessor.Size]);
                return model.call(x).contiguous().data<float>().ToArray();
            });
            logits.CopyTo(result, start * EmotionLabels.Count);
        }
        return result;
    }

    /// <summary>Linear warm-up, then cosine decay to 1% of the base rate; a pure function of
    /// the step, so resuming needs no scheduler state.</summary>
    public static double LearningRate(TrainOptions options, int epoch, int step, int stepsPerEpoch)
    {
        var t = (epoch - 1) + ((double)step / stepsPerEpoch);
        if (t < options.WarmupEpochs)
        {
            return options.LearningRate * (t + (1.0 / stepsPerEpoch)) / options.WarmupEpochs;
        }
        var progress = (t - options.WarmupEpochs) / Math.Max(1, options.Epochs - options.WarmupEpochs);
        return options.LearningRate * (0.01 + (0.99 * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1, progress)))));
    }

    public static float[] ClassWeights(byte[] labels, double power)
    {
        var counts = new double[EmotionLabels.Count];
        foreach (var label in labels)
        {
            counts[label]++;
        }
        var max = counts.Max();
        return counts.Select(c => (float)(c == 0 ? 1 : Math.Pow(max / c, power))).ToArray();
    }

    private void SaveAtomically(Action<string> save, string name)
    {
        DurableFile.Save(Path.Combine(OutputDirectory, name), save);
    }
}
