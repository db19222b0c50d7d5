using System.Device.Gpio;
using EdgeEmotion.Daemon.Options;

namespace EdgeEmotion.Daemon.Gpio;

/// <summary>
/// A PIR motion sensor on <c>Gpio:PresencePin</c>: someone is there while its output is active and
/// for <c>Gpio:PresenceHoldSeconds</c> after (a PIR module drops between the movements of a person
/// standing still). Read when asked (once per captured frame), so it needs no thread of its own.
/// Without a pin, someone is always there.
/// </summary>
internal sealed class PresenceSensor(GpioBoard board, IOptions<GpioOptions> options, TimeProvider clock)
{
    private long? _lastActive;

    public bool Enabled => options.Value.PresencePin is not null;

    public bool IsPresent()
    {
        if (options.Value.PresencePin is not { } pin)
        {
            return true;
        }
        var now = clock.GetTimestamp();
        var active = board.Read(pin) == (options.Value.PresenceActiveHigh ? PinValue.High : PinValue.Low);
        if (active)
        {
            _lastActive = now;
            return true;
        }
        return _lastActive is { } last && clock.GetElapsedTime(last, now).TotalSeconds <= options.Value.PresenceHoldSeconds;
    }
}
