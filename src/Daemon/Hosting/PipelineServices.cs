using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.Daemon.Aggregation;
using EdgeEmotion.Daemon.Analysis;
using EdgeEmotion.Daemon.Classification;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Diagnostics;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.People;
using EdgeEmotion.Daemon.Publishing;
using EdgeEmotion.Daemon.Publishing.Durable;
using EdgeEmotion.Daemon.Publishing.Payloads;
using EdgeEmotion.Daemon.Sources;
using EdgeEmotion.Daemon.Visits;

namespace EdgeEmotion.Daemon.Hosting;

internal static class PipelineServices
{
    /// <summary>The stages, each made once from its options section, and what the loops report
    /// (stats, heartbeats). The stages take plain option values, not <see cref="IOptions{T}"/>:
    /// they know nothing of hosting, and tests and benchmarks make them directly.</summary>
    public static IServiceCollection AddPipelineStages(this IServiceCollection services)
    {
        services.AddSingleton<FrameSourceFactory>();
        services.AddSingleton(sp => CreateDetector(sp.Options<DetectorOptions>(), sp.Options<TrackingOptions>()));
        services.AddSingleton(_ => CpuFeatures.Current());
        services.AddSingleton(sp => Int8KernelSelection.Choose(sp.Options<ModelOptions>().Int8Kernels, sp.GetRequiredService<CpuFeatures>()));
        services.AddSingleton(sp => LoadModel(sp.Options<ModelOptions>(), sp.GetRequiredService<Int8KernelChoice>()));
        services.AddSingleton(sp => new EmotionClassifier(sp.GetRequiredService<EmotionModel>(), new FacePreprocessor(sp.Options<ModelOptions>().Margin)));
        services.AddSingleton(sp => new WindowAggregator(TimeSpan.FromSeconds(sp.Options<AggregationOptions>().WindowSeconds), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new VisitorTracking(sp.Options<TrackingOptions>(), sp.Options<VisitsOptions>(), people: sp.Options<PeopleOptions>().Enabled, peopleFps: sp.Options<PeopleOptions>().Fps));
        services.AddSingleton<IVisitorCounts>(sp => sp.GetRequiredService<VisitorTracking>());
        services.AddSingleton(sp => CreatePersonStage(sp.Options<PeopleOptions>(), sp.Options<TrackingOptions>()));
        services.AddSingleton(sp => new PipelineStats(sp.GetRequiredService<VisitorTracking>(), sp.GetRequiredService<TimeProvider>())
        {
            PeopleEnabled = sp.Options<PeopleOptions>().Enabled,
        });
        services.AddSingleton(sp => new FrameAnalyzer(
            sp.GetRequiredService<IFaceDetector>(), sp.GetRequiredService<EmotionClassifier>(), sp.GetRequiredService<PersonStage>(), sp.GetRequiredService<WindowAggregator>(),
            sp.GetRequiredService<VisitorTracking>(), sp.GetRequiredService<VisitOutboxWriter>(), sp.GetRequiredService<LiveFaces>(),
            sp.GetRequiredService<PipelineStats>(), sp.Options<DetectorOptions>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<FrameAnalyzer>>()));
        services.AddSingleton<LoopHeartbeats>();
        return services;
    }

    private static T Options<T>(this IServiceProvider services)
        where T : class => services.GetRequiredService<IOptions<T>>().Value;

    private static IFaceDetector CreateDetector(DetectorOptions options, TrackingOptions tracking)
    {
        if (options.Kind == DetectorKind.Haar)
        {
            OpenCvNative.Require("Detector:Kind 'Haar'");
            return CreateHaar(options);
        }
        return new YuNetDetector(AppPaths.Resolve(string.IsNullOrEmpty(options.ModelPath) ? "models/yunet-n-dynamic.onnx" : options.ModelPath), options, tracking.LowScoreThreshold);
    }

    // A method of its own, compiled only when called, so that YuNet's daemon never loads OpenCvSharp.
    [MethodImpl(MethodImplOptions.NoInlining)]
    [SuppressMessage("Performance", "CA1859", Justification = "The concrete return type would load its library when the caller is compiled.")]
    private static IFaceDetector CreateHaar(DetectorOptions options) =>
        new HaarDetector(string.IsNullOrEmpty(options.ModelPath) ? HaarDetector.DefaultCascade : options.ModelPath, options);

    /// <summary>The person detector when <c>People:Enabled</c>: boxes from <c>People:MinScore</c> start
    /// a person, those from <c>Tracking:LowScoreThreshold</c> only continue one (the tracker's second
    /// pass, as for faces). The shipped model's sha256 is checked; another file given in
    /// <c>People:Model</c> is taken as it is.</summary>
    private static PersonStage CreatePersonStage(PeopleOptions options, TrackingOptions tracking)
    {
        if (!options.Enabled)
        {
            return PersonStage.Off;
        }
        var shipped = options.Model == new PeopleOptions().Model;
        var path = AppPaths.Resolve(options.Model);
        if (!File.Exists(path))
        {
            throw new UserInputException($"People:Model: '{options.Model}' is invalid: no such file ({path}); People:Enabled=false turns the person stage off.");
        }
        var detector = new NanoDetPersonDetector(
            path, (float)options.MinScore, (float)tracking.LowScoreThreshold,
            expectedSha256: shipped ? NanoDetPersonDetector.PublishedSha256 : null);
        return new PersonStage(detector, options.Fps);
    }

    private static EmotionModel LoadModel(ModelOptions options, Int8KernelChoice kernels)
    {
        var model = EmotionModel.Load(AppPaths.Resolve(options.Path), options.Threads, int8Kernels: kernels.Form);
        string? problem;
        try
        {
            problem = ModelProbe.Problem(model);
        }
        catch (InvalidDataException ex)
        {
            // Core's answer to an output of the wrong length, which in the frame loop is one bad
            // frame; at start it is the model file's fault.
            model.Dispose();
            throw new UserInputException($"{ex.Message.TrimEnd('.')}; refusing the model.", ex);
        }
        if (problem is not null)
        {
            model.Dispose();
            throw new UserInputException($"{options.Path}: {problem}; refusing the model.");
        }
        if (options.Sha256.Length > 0 && !string.Equals(options.Sha256, model.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            model.Dispose();
            throw new UserInputException($"{options.Path}: sha256 is {model.Sha256}, Model:Sha256 expects {options.Sha256.ToLowerInvariant()}; refusing the model.");
        }
        return model;
    }
}
