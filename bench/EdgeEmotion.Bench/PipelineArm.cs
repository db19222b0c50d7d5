using System.Diagnostics;
using EdgeEmotion.Core.Imaging;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Core.Preprocessing;
using EdgeEmotion.Core.Statistics;
using EdgeEmotion.Daemon.Aggregation;
using EdgeEmotion.Daemon.Analysis;
using EdgeEmotion.Daemon.Classification;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.People;
using EdgeEmotion.Daemon.Publishing.Payloads;
using EdgeEmotion.Daemon.Visits;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeEmotion.Bench;

/// <summary>
/// One setting of the whole per-frame chain: the daemon's <see cref="FrameAnalyzer"/> with its
/// stages made as <c>PipelineServices</c> makes them at the defaults (YuNet 640, the int8 emotion
/// model in the rule's form, one thread each), the person stage off or on with a given model.
/// Motion gating is off so that every frame is analysed. Its frames get their own frame times at
/// the offered rate, so every arm sees the same frames at the same times however the blocks interleave.
/// </summary>
internal sealed class PipelineArm : IDisposable
{
    // Any fixed start: only differences of frame time matter.
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly YuNetDetector _detector;
    private readonly EmotionClassifier _classifier;
    private readonly PersonStage _people;
    private readonly FrameAnalyzer _analyzer;
    private readonly int _personEvery;
    private readonly double _offeredFps;
    private long _next;

    public PipelineArm(string name, string models, string? personModel, double offeredFps)
    {
        Name = name;
        _offeredFps = offeredFps;
        var tracking = new TrackingOptions();
        var peopleOptions = new PeopleOptions();
        var detectorOptions = new DetectorOptions { MotionGating = false };
        var clock = TimeProvider.System;
        _detector = new YuNetDetector(Path.Combine(models, "yunet-n-dynamic.onnx"), detectorOptions, tracking.LowScoreThreshold);
        var modelOptions = new ModelOptions();
        _classifier = new EmotionClassifier(
            EmotionModel.Load(Path.Combine(models, Path.GetFileName(modelOptions.Path)), modelOptions.Threads, int8Kernels: Int8KernelRule.Choose(CpuFeatures.Current()).Form),
            new FacePreprocessor(modelOptions.Margin));
        NanoDetPersonDetector? person = null;
        if (personModel is not null)
        {
            // As PipelineServices makes it: the shipped float file's sha256 checked, another file taken as it is.
            var shipped = Path.GetFileName(personModel) == Path.GetFileName(peopleOptions.Model);
            person = new NanoDetPersonDetector(personModel, (float)peopleOptions.MinScore, (float)tracking.LowScoreThreshold,
                expectedSha256: shipped ? NanoDetPersonDetector.PublishedSha256 : null);
            PersonKernels = person.Int8Kernels is { } form ? Int8KernelRule.Name(form) : "float";
        }
        _people = person is null ? PersonStage.Off : new PersonStage(person, peopleOptions.Fps);
        // Frame times at the offered rate put a person run on every (offered / People:Fps)-th frame.
        _personEvery = person is null ? 0 : (int)Math.Round(offeredFps / peopleOptions.Fps);
        var visitors = new VisitorTracking(tracking, new VisitsOptions(), people: person is not null);
        _analyzer = new FrameAnalyzer(_detector, _classifier, _people, new WindowAggregator(TimeSpan.FromSeconds(60), clock), visitors, new DiscardedVisits(),
            new LiveFaces(), new PipelineStats(visitors, clock) { PeopleEnabled = person is not null }, detectorOptions, clock, NullLogger<FrameAnalyzer>.Instance);
    }

    public string Name { get; }

    /// <summary>"float", the int8 form the person detector runs, or null with people off.</summary>
    public string? PersonKernels { get; }

    public ChainTotals Measured { get; } = new();

    /// <summary>The next <paramref name="count"/> frames of the arm's sequence through the chain,
    /// unpaced (as fast as the chain goes: its capacity).</summary>
    public ChainBlock Run(IReadOnlyList<GrayImage> frames, int count)
    {
        var personRuns = 0;
        var thread0 = ThreadCpuTime.NowMs();
        var process0 = ProcessCpuMs();
        var wall0 = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++, _next++)
        {
            var outcome = _analyzer.Analyse(frames[(int)(_next % frames.Count)], Start + TimeSpan.FromSeconds(_next / _offeredFps));
            if (outcome != FrameOutcome.Analysed)
            {
                throw new InvalidOperationException($"{Name}: frame {_next} was {outcome}, not analysed.");
            }
            if (_personEvery > 0 && _next % _personEvery == 0)
            {
                personRuns++;
            }
        }
        return new ChainBlock(count, personRuns, ThreadCpuTime.NowMs() - thread0, ProcessCpuMs() - process0, Stopwatch.GetElapsedTime(wall0).TotalMilliseconds);
    }

    private static double ProcessCpuMs()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalMilliseconds;
    }

    public void Dispose()
    {
        _people.Dispose();
        _classifier.Dispose();
        _detector.Dispose();
    }

    private sealed class DiscardedVisits : IVisitSink
    {
        public void Enqueue(IReadOnlyList<Visit> visits)
        {
        }
    }
}
