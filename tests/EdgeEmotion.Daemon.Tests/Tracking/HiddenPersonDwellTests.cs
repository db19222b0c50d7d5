using EdgeEmotion.Core.Preprocessing;
using EdgeEmotion.Daemon.Detection;
using EdgeEmotion.Daemon.Options;
using EdgeEmotion.Daemon.Visits;

namespace EdgeEmotion.Daemon.Tests.Tracking;

/// <summary>
/// A shopper hidden behind another for longer than <c>Tracking:LostSeconds</c> (2 s) but shorter
/// than her body track lasts unseen (3 s at 3 person-stage runs a second) stays one visit, in view
/// throughout; the window's dwell now credits the whole hidden span too, as the visit's does
/// (it credited at most 2 s of it, README "People").
/// </summary>
public sealed class HiddenPersonDwellTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly DetectedFace Body = new(new FaceBox(100, 50, 120, 300), 0.9f);

    [Theory]
    [InlineData(1.5)]
    [InlineData(2.5)]
    public void The_windows_dwell_credits_the_hidden_span_as_the_visits_does(double hiddenSeconds)
    {
        var visitors = new VisitorTracking(new TrackingOptions(), new VisitsOptions(), people: true, peopleFps: 3);
        const double Fps = 12;
        var hiddenFrom = 2.0;
        var frames = (int)Math.Round((4 + hiddenSeconds) * Fps);
        for (var i = 0; i <= frames; i++)
        {
            var t = i / Fps;
            // The person stage runs on every 4th frame (3 a second); she is not found while hidden.
            IReadOnlyList<DetectedFace>? bodies = i % 4 != 0 ? null : t >= hiddenFrom && t < hiddenFrom + hiddenSeconds ? [] : [Body];
            visitors.Analyse([], [], T0.AddSeconds(t), bodies);
        }

        var window = visitors.Window.Close();
        var visit = Assert.Single(visitors.EndAll());

        Assert.Equal(frames / Fps, visit.DwellSeconds, 6);
        Assert.Equal(visit.DwellSeconds, window.DwellSeconds, 6);
    }
}
