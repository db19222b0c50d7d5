using System.Diagnostics;
using EdgeEmotion.Core.Labels;
using EdgeEmotion.Core.Onnx;
using EdgeEmotion.OnnxGraph;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>
/// The self-contained linux-arm64 build, run under qemu-user with the int8 model and the YuNet
/// detector (no OpenCV native library), publishes the same counts to mosquitto as the x64 build on
/// the same pictures (the same visits for a video file played through ffmpeg:
/// <see cref="Arm64VideoProofTests"/>). OnnxRuntime needs an ARM <c>/proc/cpuinfo</c> under
/// emulation, given in a private mount namespace (<see cref="Arm64Build"/>).
/// </summary>
[RunsForMinutes]
public sealed class Arm64ProofTests(MosquittoBroker broker, Arm64Build arm) : IClassFixture<MosquittoBroker>, IClassFixture<Arm64Build>
{
    [Fact]
    public async Task The_arm64_build_under_qemu_publishes_the_same_counts_as_x64()
    {
        var published = arm.Published;
        Assert.Contains("ARM aarch64", Command.Run("file", [Path.Combine(published, "edgeemotion-daemon")], TimeSpan.FromSeconds(10)));
        Assert.False(File.Exists(Path.Combine(published, "libOpenCvSharpExtern.so")), "the arm64 build must not need OpenCV's native library");

        // Without OpenCV's native library, sources that need it are refused at start, by name.
        // (That RTSP and MJPEG cameras pass the same check without it is proven natively, on a
        // board whose OpenCV cannot load: ServiceLifecycleTests. Under emulation each check costs
        // about 9 s of CPU, and the video test below plays through ffmpeg as RTSP does.)
        using (var checking = DaemonProcess.Start(arm.Emulated(["--check-config", "--Source:Uri=opencv:0"])))
        {
            Assert.True(checking.WaitForExit(TimeSpan.FromMinutes(2)), checking.Output);
            Assert.Equal(2, checking.ExitCode);
            Assert.Contains("Source:Uri 'OpenCvCamera:0' needs OpenCV's native library", checking.Output);
        }

        var playingX64 = Arm64Build.RunOnceAsync(broker.Port, "proof-x64", arm.Combine("x64-state"), DemoSource, args => DaemonProcess.Start(args, null, null));
        var arm64 = await Arm64Build.RunOnceAsync(broker.Port, "proof-arm64", arm.Combine("arm64-state"), DemoSource, args => DaemonProcess.Start(arm.Emulated(args)));
        var x64 = await playingX64; // played beside the emulated run: both are needed, neither waits

        // Each runs the form the rule chooses for its CPU, u8s8 on ARM64, from the shipped u8s8 file
        // rather than rewritten in memory (qemu-user crashes after an in-memory rewrite, see
        // Int8KernelRule); on x64 by its flags.
        var arm64Form = Int8KernelRule.Choose(new CpuFeatures(System.Runtime.InteropServices.Architecture.Arm64, new HashSet<string>()));
        Assert.Equal(Int8KernelForm.U8S8, arm64Form.Form);
        Assert.Equal(arm64Form.Name, arm64.Int8Kernels);
        Assert.Contains($"runs int8 kernels u8s8 ({arm64Form.Reason}; from {Path.GetFileName(Int8FormFile.PathFor("emotion-int8.onnx", Int8KernelForm.U8S8))};", arm64.StartLine);
        Assert.Equal(Int8KernelRule.Choose(CpuFeatures.Current()).Name, x64.Int8Kernels);
        var pictures = Directory.GetFiles(DemoPictures.Folder, "*.jpg").Length;
        Assert.Equal(pictures, x64.Frames);
        Assert.Equal(pictures, arm64.Frames);
        Assert.True(x64.Faces > 50, $"x64 found only {x64.Faces} faces");
        // Integer kernels differ between x86 (VNNI or not) and ARM (NEON); the detector runs in float.
        // Faces must match exactly; emotions are reported per class and must agree closely.
        Assert.Equal(x64.Faces, arm64.Faces);
        var differing = x64.Counts.Zip(arm64.Counts, (a, b) => Math.Abs(a - b)).Sum() / 2;
        var agreement = 1 - (double)differing / x64.Faces;
        TestContext.Current.SendDiagnosticMessage(
            $"x64 ({x64.Int8Kernels}) counts [{string.Join(", ", x64.Counts)}], arm64 ({arm64.Int8Kernels}) counts [{string.Join(", ", arm64.Counts)}], agreement of the histograms {agreement:P1}; x64 {x64.Timing}, arm64 under emulation {arm64.Timing}");
        Assert.True(agreement >= 0.95, $"x64 [{string.Join(", ", x64.Counts)}] vs arm64 [{string.Join(", ", arm64.Counts)}]: only {agreement:P1} agree");
    }

    private static string DemoSource => $"images://{DemoPictures.Folder}?fps=50&loop=false&realtime=false";
}
