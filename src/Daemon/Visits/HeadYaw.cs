using EdgeEmotion.Daemon.Detection;

namespace EdgeEmotion.Daemon.Visits;

/// <summary>
/// Head yaw from YuNet's eye and nose landmarks. Model: seen from the camera (orthographic), the
/// eye centres sit at ±e along the eye line and the nose tip n in front of them; turning the head
/// by yaw θ shrinks the eye distance to 2e·cos θ and moves the nose tip n·sin θ along the eye line,
/// so (nose offset from the eyes' midpoint) / (half the eye distance) = (n/e)·tan θ. With an adult
/// face's interpupillary distance (about 63 mm, e ≈ 31 mm) and the nose tip about 19 mm in front
/// of the eye centres, n/e ≈ 0.6. Measuring along the eye line makes the estimate ignore roll
/// (a tilted head); pitch barely moves the nose along it. Good to ±10° near the front, which is
/// what the attention threshold needs; a profile (nose beyond an eye) reads 60° or more.
/// </summary>
internal static class HeadYaw
{
    private const double NoseDepthOverHalfEyeDistance = 0.6;

    /// <summary>Yaw in degrees, positive when the nose tip is towards the person's left eye;
    /// null without landmarks or when the eyes coincide.</summary>
    public static double? Degrees(FaceLandmarks? landmarks)
    {
        if (landmarks is not { } l)
        {
            return null;
        }
        double ex = l.LeftEye.X - l.RightEye.X;
        double ey = l.LeftEye.Y - l.RightEye.Y;
        var eyeDistance = Math.Sqrt((ex * ex) + (ey * ey));
        if (eyeDistance < 1e-3)
        {
            return null;
        }
        var midX = (l.LeftEye.X + l.RightEye.X) / 2.0;
        var midY = (l.LeftEye.Y + l.RightEye.Y) / 2.0;
        var along = (((l.NoseTip.X - midX) * ex) + ((l.NoseTip.Y - midY) * ey)) / eyeDistance;
        var ratio = along / (eyeDistance / 2);
        return Math.Atan(ratio / NoseDepthOverHalfEyeDistance) * 180 / Math.PI;
    }

    /// <summary>Looking at the camera: yaw within the limit; a face without landmarks (Haar) always counts.</summary>
    public static bool IsLooking(DetectedFace face, double maxYawDegrees) =>
        Degrees(face.Landmarks) is not { } yaw || Math.Abs(yaw) <= maxYawDegrees;
}
