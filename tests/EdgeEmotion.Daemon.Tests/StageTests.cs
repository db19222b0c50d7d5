using EdgeEmotion.Core;
using EdgeEmotion.Daemon.Aggregation;
using EdgeEmotion.Daemon.Publishing.Payloads;
using EdgeEmotion.Daemon.Sources;

namespace EdgeEmotion.Daemon.Tests;

public class StageTests
{
    [Fact]
    public void A_crowd_is_classified_in_bounded_batches_with_the_same_result_as_one_face_at_a_time()
    {
        var picture = ImageDecoder.ReadGray(Path.Combine(DemoPictures.Folder, "group-1.jpg"));
        using var detector = new YuNetDetector(Path.Combine(RepoPaths.Models, "yunet-n-dynamic.onnx"), new DetectorOptions());
        var faces = detector.Detect(picture);
        Assert.True(faces.Count > 2 * EdgeEmotion.Daemon.Classification.EmotionClassifier.MaxBatch, $"{faces.Count} faces");
        using var classifier = new EdgeEmotion.Daemon.Classification.EmotionClassifier(
            EdgeEmotion.Core.Onnx.EmotionModel.Load(Path.Combine(RepoPaths.Models, "emotion-int8.onnx"), 1), new EdgeEmotion.Core.Preprocessing.FacePreprocessor(0.1f));
        var all = classifier.Classify(picture, faces);
        Assert.Equal(faces.Count * 7, all.Length);
        for (var i = 0; i < faces.Count; i += 7)
        {
            var one = classifier.Classify(picture, [faces[i]]);
            for (var c = 0; c < 7; c++)
            {
                Assert.Equal(one[c], all[(i * 7) + c], 4);
            }
        }
    }

    [Fact]
    public void The_classifier_turns_each_YuNet_face_level_by_its_eyes_and_leaves_Haar_faces_as_they_are()
    {
        var picture = ImageDecoder.ReadGray(Path.Combine(DemoPictures.Folder, "group-1.jpg"));
        using var detector = new YuNetDetector(Path.Combine(RepoPaths.Models, "yunet-n-dynamic.onnx"), new DetectorOptions());
        var faces = detector.Detect(picture).HighScore();
        var tilted = faces.First(f => Math.Abs(f.Landmarks!.Value.Eyes.Roll) > 2 * MathF.PI / 180); // a group photo has tilted heads
        var model = EdgeEmotion.Core.Onnx.EmotionModel.Load(Path.Combine(RepoPaths.Models, "emotion-int8.onnx"), 1);
        var pre = new EdgeEmotion.Core.Preprocessing.FacePreprocessor(0.1f);
        using var classifier = new EdgeEmotion.Daemon.Classification.EmotionClassifier(model, pre);

        var aligned = model.Predict(pre.ToTensor(picture, tilted.Box, tilted.Landmarks!.Value.Eyes), 1);
        var unaligned = model.Predict(pre.ToTensor(picture, tilted.Box), 1);
        Assert.Equal(aligned, classifier.Classify(picture, [tilted]));
        Assert.NotEqual(unaligned, aligned);
        Assert.Equal(unaligned, classifier.Classify(picture, [tilted with { Landmarks = null }])); // Haar: no landmarks
    }

    [Fact]
    public void YuNet_finds_the_people_in_each_demo_picture()
    {
        using var detector = new YuNetDetector(Path.Combine(RepoPaths.Models, "yunet-n-dynamic.onnx"), new DetectorOptions());
        foreach (var (file, people) in DemoPictures.People)
        {
            var faces = detector.Detect(ImageDecoder.ReadGray(Path.Combine(DemoPictures.Folder, file)));
            Assert.True(Math.Abs(faces.Count - people) <= (people > 20 ? 3 : 0), $"{file}: {faces.Count} faces found, {people} people");
            Assert.All(faces, f => Assert.InRange(f.Score, 0.7f, 1f));
        }
    }

    [Fact]
    public void YuNet_keeps_its_input_buffer_when_frame_sizes_alternate()
    {
        // A folder of pictures of different sizes used to allocate a new multi-megabyte input per
        // frame: 30 MB/s of large objects and three full collections a second in the daemon.
        using var detector = new YuNetDetector(Path.Combine(RepoPaths.Models, "yunet-n-dynamic.onnx"), new DetectorOptions());
        var pictures = DemoPictures.People.Keys.Select(f => ImageDecoder.ReadGray(Path.Combine(DemoPictures.Folder, f))).ToList();
        Assert.True(pictures.Select(p => (p.Width, p.Height)).Distinct().Count() > 2, "the demo pictures should differ in size");
        foreach (var picture in pictures)
        {
            detector.Detect(picture); // the largest picture sizes the buffer
        }
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 3; round++)
        {
            foreach (var picture in pictures)
            {
                detector.Detect(picture);
            }
        }
        var perFrame = (GC.GetAllocatedBytesForCurrentThread() - before) / (3.0 * pictures.Count);
        Assert.True(perFrame < 64 * 1024, $"{perFrame / 1024:F0} KB allocated per frame");
    }

    [Fact]
    public void Haar_cascade_finds_faces_too()
    {
        using var detector = new HaarDetector(HaarDetector.DefaultCascade, new DetectorOptions());
        var faces = detector.Detect(ImageDecoder.ReadGray(Path.Combine(DemoPictures.Folder, "group-20.jpg")));
        Assert.InRange(faces.Count, 8, 12);
    }

    [Fact]
    public void A_detector_file_that_is_not_YuNet_is_refused()
    {
        var ex = Assert.Throws<UserInputException>(() => new YuNetDetector(Path.Combine(RepoPaths.Models, "emotion-int8.onnx"), new DetectorOptions()));
        Assert.Contains("not a YuNet model", ex.Message);
    }

    [Theory]
    [InlineData("v4l2:///dev/video0", SourceKind.V4l2, "/dev/video0")]
    [InlineData("opencv:0", SourceKind.OpenCvCamera, "0")]
    [InlineData("file:///data/clip.avi?loop=true", SourceKind.VideoFile, "/data/clip.avi")]
    [InlineData("rtsp://user:pw@cam/stream?x=1", SourceKind.RtspStream, "rtsp://user:pw@cam/stream?x=1")]
    [InlineData("rtsps://user:pw@cam:322/stream", SourceKind.RtspStream, "rtsps://user:pw@cam:322/stream")]
    [InlineData("http://user:pw@cam/video.mjpg?res=640", SourceKind.MjpegHttp, "http://user:pw@cam/video.mjpg?res=640")]
    [InlineData("images://samples/demo?fps=5", SourceKind.Images, "samples/demo")]
    public void Source_uris_are_understood(string text, SourceKind kind, string target)
    {
        var uri = SourceUri.Parse(text);
        Assert.Equal(kind, uri.Kind);
        Assert.Equal(target, uri.Target);
        Assert.DoesNotContain("pw", uri.Display);
    }

    [Theory]
    [InlineData("webcam:0", "unknown scheme")]
    [InlineData("opencv:front", "camera index")]
    [InlineData("images://x?fps=abc", "fps must be")]
    [InlineData("images://x?loop=sometimes", "loop must be true or false")]
    [InlineData("opencv:0?realtime=false", "realtime=false applies to file: and images:")]
    [InlineData("/dev/video0", "no scheme")]
    public void Bad_source_uris_say_why(string text, string reason) =>
        Assert.Contains(reason, Assert.Throws<UserInputException>(() => SourceUri.Parse(text)).Message);

    [Fact]
    public void A_missing_v4l2_camera_is_a_clear_io_error() =>
        Assert.Contains("does not exist", Assert.Throws<IOException>(() => new V4l2Source("/dev/video99", 640, 480)).Message);

    [Fact]
    public void Yuyv_frames_become_their_luma_bytes()
    {
        byte[] yuyv = [10, 128, 20, 128, 30, 100, 40, 200];
        var gray = FrameConversion.YuyvToGray(yuyv, 2, 2);
        Assert.Equal([10, 20, 30, 40], gray.Pixels);
        Assert.Throws<InvalidDataException>(() => FrameConversion.YuyvToGray(yuyv.AsSpan(0, 5), 2, 2));
    }

    [Fact]
    public void Mjpeg_frames_are_decoded_padding_is_ignored_and_truncated_ones_are_refused()
    {
        var path = Path.Combine(DemoPictures.Folder, "group-13.jpg");
        var jpeg = File.ReadAllBytes(path);
        var expected = EdgeEmotion.Core.Imaging.ImageDecoder.ReadGray(path);
        Assert.Equal(expected.Pixels, FrameConversion.MjpegToGray(jpeg, "cam").Pixels);
        // V4L2 buffers may carry zeros after the image.
        Assert.Equal(expected.Pixels, FrameConversion.MjpegToGray([.. jpeg, .. new byte[4096]], "cam").Pixels);
        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => FrameConversion.MjpegToGray(jpeg.AsSpan(0, jpeg.Length / 2), "cam")).Message);
        Assert.Contains("not a JPEG", Assert.Throws<InvalidDataException>(() => FrameConversion.MjpegToGray(new byte[64], "cam")).Message);
    }

    [Fact]
    public void The_image_source_loops_in_name_order_at_its_rate()
    {
        using var source = new ImageSequenceSource(DemoPictures.Folder, fps: 20);
        var sizes = Enumerable.Range(0, 8).Select(_ => source.Read(CancellationToken.None)!).Select(f => f.Width).ToList();
        Assert.Equal(720, sizes[0]); // group-1.jpg
        Assert.Equal(sizes[0], sizes[7]);
    }

    [Fact]
    public void An_image_source_played_once_ends_after_its_last_picture()
    {
        var uri = SourceUri.Parse($"images://{DemoPictures.Folder}?fps=200&loop=false&realtime=false");
        Assert.False(uri.Loop);
        Assert.False(uri.Realtime);
        using var source = new ImageSequenceSource(uri.Target, uri.Fps, uri.Loop);
        var count = 0;
        while (source.Read(CancellationToken.None) is not null)
        {
            count++;
        }
        Assert.Equal(Directory.GetFiles(DemoPictures.Folder, "*.jpg").Length, count);
    }

    [Fact]
    public void An_opencv_file_source_that_is_missing_fails_clearly() =>
        Assert.Contains("Cannot open", Assert.Throws<IOException>(() => new OpenCvSource(SourceUri.Parse("file:///no/such.avi"), 640, 480)).Message);

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Windows_count_argmax_and_end_on_multiples_of_their_length_the_first_starting_at_start()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 25, 10, 0, 3, 250, TimeSpan.Zero).AddTicks(1234));
        var aggregator = new WindowAggregator(TimeSpan.FromSeconds(10), clock);
        aggregator.AddFrame([0.1f, 0, 0, 0.7f, 0.1f, 0, 0.1f, /* face 2 */ 0, 0, 0, 0, 0.2f, 0, 0.8f]);
        aggregator.AddFrame([]);
        Assert.Null(aggregator.CloseIfDue());
        clock.Now = clock.Now.AddSeconds(8);
        var w = aggregator.CloseIfDue()!;
        // The first window is partial: it starts when the daemon started (to the millisecond).
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 3, 250, TimeSpan.Zero), w.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 10, TimeSpan.Zero), w.End);
        Assert.Equal((2L, 2L), (w.Frames, w.Faces));
        Assert.Equal([0L, 0, 0, 1, 0, 0, 1], w.Counts);
        Assert.Equal(0.45, w.MeanProbabilities[6], 5);

        clock.Now = clock.Now.AddSeconds(10);
        var empty = aggregator.CloseIfDue()!;
        Assert.Equal((w.End, w.End.AddSeconds(10), 0L, 0L), (empty.Start, empty.End, empty.Frames, empty.Faces));

        // Shutdown closes a partial window that ends when the daemon stops, never at an earlier end.
        clock.Now = empty.End.AddMilliseconds(1500);
        var last = aggregator.CloseIfDue(force: true)!;
        Assert.Equal((empty.End, empty.End.AddMilliseconds(1500)), (last.Start, last.End));
        Assert.Null(aggregator.CloseIfDue(force: true)); // nothing of zero length
    }

    [Fact]
    public void Emotion_payloads_follow_the_contract_example()
    {
        var window = new EmotionWindow(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 25, 10, 0, 10, TimeSpan.Zero),
            95, 37, [1, 0, 0, 20, 3, 2, 11], [0.04, 0.01, 0.05, 0.48, 0.11, 0.07, 0.24]);
        var json = System.Text.Encoding.UTF8.GetString(MqttPayloads.Emotions(window, 1234, "kiosk-07", "emotion-int8", "abc"));
        Assert.Equal(
            """{"schema":1,"device":"kiosk-07","seq":1234,"window_start":"2026-11-25T10:00:00.000Z","window_end":"2026-11-25T10:00:10.000Z","frames":95,"faces":37,"counts":{"angry":1,"disgust":0,"fear":0,"happy":20,"sad":3,"surprise":2,"neutral":11},"mean_probabilities":{"angry":0.04,"disgust":0.01,"fear":0.05,"happy":0.48,"sad":0.11,"surprise":0.07,"neutral":0.24},"model":{"name":"emotion-int8","sha256":"abc"}}""",
            json);
        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(json).RootElement.ValueKind);
    }
}
