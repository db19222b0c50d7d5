using EdgeEmotion.Daemon.Diagnostics;

namespace EdgeEmotion.Daemon.Gpio;

/// <summary>What the status LED shows, most urgent first when several apply. Public, unlike the
/// daemon's other types: a test theory takes it as a parameter.</summary>
public enum LedSignal
{
    /// <summary>The daemon is stopped (or stopping).</summary>
    Off,
    /// <summary>The camera fails and is being retried: fast blink.</summary>
    CameraFailing,
    /// <summary>The broker cannot be reached; windows wait in the outbox: slow blink.</summary>
    BrokerUnreachable,
    /// <summary>Frames are analysed and windows published: steady on.</summary>
    Publishing,
}

internal static class LedSignals
{
    public static readonly TimeSpan FastHalfPeriod = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan SlowHalfPeriod = TimeSpan.FromSeconds(1);

    /// <summary>The signal for the daemon's state; a failing camera outranks the broker, because
    /// an installer can fix it at the kiosk.</summary>
    public static LedSignal Of(bool stopping, SourceState sourceState, bool brokerConnected) =>
        stopping ? LedSignal.Off
        : sourceState == SourceState.Retrying ? LedSignal.CameraFailing
        : !brokerConnected ? LedSignal.BrokerUnreachable
        : LedSignal.Publishing;

    /// <summary>Whether the LED is lit <paramref name="elapsed"/> into showing <paramref name="signal"/>.</summary>
    public static bool IsLit(LedSignal signal, TimeSpan elapsed) => signal switch
    {
        LedSignal.Publishing => true,
        LedSignal.BrokerUnreachable => (long)(elapsed / SlowHalfPeriod) % 2 == 0,
        LedSignal.CameraFailing => (long)(elapsed / FastHalfPeriod) % 2 == 0,
        _ => false,
    };
}
