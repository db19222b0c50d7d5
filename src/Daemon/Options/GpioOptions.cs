using System.ComponentModel.DataAnnotations;

namespace EdgeEmotion.Daemon.Options;

/// <summary>Section <c>Gpio</c>: a PIR presence sensor and a status LED on the board's GPIO
/// (libgpiod). Both are off unless their pin is given. Pins are line offsets on <see cref="Chip"/>
/// (on a Raspberry Pi the BCM numbers, e.g. 17 for header pin 11).</summary>
internal sealed class GpioOptions
{
    public const string Section = "Gpio";

    /// <summary>The GPIO chip, <c>/dev/gpiochipN</c>.</summary>
    [Range(0, 63)]
    public int Chip { get; set; }

    /// <summary>Input line of a PIR motion sensor; while nobody is there frames are captured at a low
    /// rate and not analysed. Empty: no sensor, always analysed.</summary>
    [Range(0, 1023)]
    public int? PresencePin { get; set; }

    /// <summary>The sensor's output is high (true, most PIR modules) or low (false) when it sees someone.</summary>
    public bool PresenceActiveHigh { get; set; } = true;

    /// <summary>Seconds presence lasts after the sensor's last active reading (PIR modules drop
    /// between movements of a person standing still).</summary>
    [Range(0, 3600)]
    public double PresenceHoldSeconds { get; set; } = 30;

    /// <summary>Output line of the status LED: on = publishing, slow blink = broker unreachable,
    /// fast blink = camera failing, off = stopped. Empty: no LED.</summary>
    [Range(0, 1023)]
    public int? StatusLedPin { get; set; }
}
