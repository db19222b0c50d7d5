using System.Collections.Concurrent;
using System.Device.Gpio;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>A GPIO chip in memory for <see cref="GpioController"/>: lines a test sets (a PIR
/// sensor's output) and every value the daemon writes (the LED), with the time it was written.</summary>
public sealed class StandInGpioDriver(int lines = 28) : GpioDriver
{
    private readonly ConcurrentDictionary<int, PinValue> _values = new();
    private readonly ConcurrentDictionary<int, PinMode> _modes = new();

    public ConcurrentQueue<(int Pin, PinValue Value, DateTime At)> Writes { get; } = new();

    /// <summary>Sets an input line, as the sensor would.</summary>
    public void Set(int pin, PinValue value) => _values[pin] = value;

    public PinValue Value(int pin) => _values.GetValueOrDefault(pin, PinValue.Low);

    public bool IsOpen(int pin) => _modes.ContainsKey(pin);

    protected override int PinCount => lines;

    protected override void OpenPin(int pinNumber)
    {
        if (pinNumber >= lines)
        {
            throw new ArgumentOutOfRangeException(nameof(pinNumber), $"the stand-in chip has {lines} lines");
        }
        _modes[pinNumber] = PinMode.Input;
    }

    protected override void ClosePin(int pinNumber) => _modes.TryRemove(pinNumber, out _);

    protected override void SetPinMode(int pinNumber, PinMode mode) => _modes[pinNumber] = mode;

    protected override PinMode GetPinMode(int pinNumber) => _modes[pinNumber];

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => mode is PinMode.Input or PinMode.Output;

    protected override PinValue Read(int pinNumber) => Value(pinNumber);

    protected override void Toggle(int pinNumber) => Write(pinNumber, !Value(pinNumber));

    protected override void Write(int pinNumber, PinValue value)
    {
        _values[pinNumber] = value;
        Writes.Enqueue((pinNumber, value, DateTime.UtcNow));
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the daemon reads the sensor when it captures");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        throw new NotSupportedException("the daemon reads the sensor when it captures");

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) =>
        throw new NotSupportedException("the daemon reads the sensor when it captures");
}
