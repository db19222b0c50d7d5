using EdgeEmotion.Core.Preprocessing;

namespace EdgeEmotion.Daemon.Tracking;

/// <summary>
/// Constant-velocity Kalman filter on a box's centre (x, y) and size (width, height), in frame
/// pixels and pixels per second of frame time, so frame rate and dropped frames only change dt.
/// As in ByteTrack, the noises are proportional to the box height (a near, large face moves more
/// pixels than a far one). With diagonal noises the eight-state filter falls apart into four
/// independent (position, velocity) filters: hand-written 2x2 algebra here, allocation-free,
/// instead of a general matrix library (OpenCV's KalmanFilter allocates a Mat per call).
/// </summary>
internal sealed class BoxKalmanFilter
{
    // Measurement noise: the detector's box jitters by about 5 % of the face height (ByteTrack's 1/20).
    private const double MeasurementStd = 0.05;
    // White-noise acceleration, in face heights per s^2 per sqrt(s): walking people speed up, stop and
    // turn; tuned on the synthetic walks (5-15 frames/s) together with the gates in FaceTracker.
    private const double AccelerationStd = 1.5;
    // A new track's speed is unknown: up to about one face height per second.
    private const double InitialVelocityStd = 1.0;

    private readonly Axis[] _axes = new Axis[4];

    public BoxKalmanFilter(FaceBox box)
    {
        var h = Math.Max(box.Height, 1f);
        var positionVariance = Square(2 * MeasurementStd * h);
        var velocityVariance = Square(InitialVelocityStd * h);
        var values = Measurement(box);
        for (var i = 0; i < 4; i++)
        {
            _axes[i] = new Axis(values[i], positionVariance, velocityVariance);
        }
    }

    /// <summary>The box the filter expects now (after <see cref="Predict"/>).</summary>
    public FaceBox Box
    {
        get
        {
            var w = Math.Max(_axes[2].Position, 1);
            var h = Math.Max(_axes[3].Position, 1);
            return new FaceBox((float)(_axes[0].Position - (w / 2)), (float)(_axes[1].Position - (h / 2)), (float)w, (float)h);
        }
    }

    /// <summary>Velocity of the centre in pixels per second.</summary>
    public (double X, double Y) CentreVelocity => (_axes[0].Velocity, _axes[1].Velocity);

    /// <summary>Moves the state <paramref name="seconds"/> of frame time ahead.</summary>
    public void Predict(double seconds)
    {
        if (seconds <= 0)
        {
            return;
        }
        var q = Square(AccelerationStd * Math.Max(_axes[3].Position, 1));
        for (var i = 0; i < 4; i++)
        {
            _axes[i].Predict(seconds, q);
        }
    }

    /// <summary>Stops the size changing in later predictions (the width and height velocities to
    /// zero) until a box corrects it again.</summary>
    public void KeepSize()
    {
        _axes[2].Velocity = 0;
        _axes[3].Velocity = 0;
    }

    /// <summary>Corrects the state with a detected box.</summary>
    public void Update(FaceBox box)
    {
        var r = Square(MeasurementStd * Math.Max(box.Height, 1f));
        var values = Measurement(box);
        for (var i = 0; i < 4; i++)
        {
            _axes[i].Update(values[i], r);
        }
    }

    private static double[] Measurement(FaceBox box) =>
        [box.X + (box.Width / 2.0), box.Y + (box.Height / 2.0), box.Width, box.Height];

    private static double Square(double x) => x * x;

    /// <summary>One coordinate: position and velocity with their 2x2 covariance.</summary>
    private struct Axis(double position, double positionVariance, double velocityVariance)
    {
        public double Position = position;
        public double Velocity;
        private double _pp = positionVariance;
        private double _pv;
        private double _vv = velocityVariance;

        public void Predict(double dt, double accelerationDensity)
        {
            Position += Velocity * dt;
            // P = F P F' + Q, F = [1 dt; 0 1], Q = q [dt^3/3 dt^2/2; dt^2/2 dt] (continuous white-noise acceleration).
            _pp += (2 * dt * _pv) + (dt * dt * _vv) + (accelerationDensity * dt * dt * dt / 3);
            _pv += (dt * _vv) + (accelerationDensity * dt * dt / 2);
            _vv += accelerationDensity * dt;
        }

        public void Update(double measured, double measurementVariance)
        {
            var s = _pp + measurementVariance;
            var kp = _pp / s;
            var kv = _pv / s;
            var innovation = measured - Position;
            Position += kp * innovation;
            Velocity += kv * innovation;
            // P = (I - K H) P with H = [1 0].
            var pp = (1 - kp) * _pp;
            var pv = (1 - kp) * _pv;
            var vv = _vv - (kv * _pv);
            _pp = pp;
            _pv = pv;
            _vv = vv;
        }
    }
}
