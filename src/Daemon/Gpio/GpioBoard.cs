using System.Device.Gpio;
using EdgeEmotion.Daemon.Options;

namespace EdgeEmotion.Daemon.Gpio;

/// <summary>
/// The board's GPIO lines the daemon uses (<c>Gpio:PresencePin</c>, <c>Gpio:StatusLedPin</c>),
/// through System.Device.Gpio's controller on a driver (libgpiod on boards). Nothing is touched
/// unless a pin is set; a board without the chip, a line the chip does not have or a line another
/// program holds is refused at start (and by <c>--check-config</c>) with one line naming the key.
/// </summary>
internal sealed class GpioBoard(IOptions<GpioOptions> options, Func<int, GpioDriver> driver) : IDisposable
{
    private readonly Lock _lock = new();
    private GpioController? _controller;
    private bool _opened;

    public GpioOptions Options => options.Value;

    /// <summary>Whether any GPIO setting is given.</summary>
    public bool Used => Options.PresencePin is not null || Options.StatusLedPin is not null;

    private string Chip => string.Create(CultureInfo.InvariantCulture, $"/dev/gpiochip{Options.Chip}");

    private IEnumerable<(string Key, int Pin)> Pins =>
        new[] { ("Gpio:PresencePin", Options.PresencePin), ("Gpio:StatusLedPin", Options.StatusLedPin) }
            .Where(p => p.Item2 is not null).Select(p => (p.Item1, p.Item2!.Value));

    /// <summary>Checks the chip and that every configured pin is one of its lines, without
    /// opening any line (<c>--check-config</c> changes nothing on the board).</summary>
    public void Check()
    {
        if (!Used)
        {
            return;
        }
        var controller = Controller();
        var keys = Pins.Select(p => p.Key).ToList();
        if (Options.PresencePin is { } presence && presence == Options.StatusLedPin)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"Gpio:StatusLedPin: {presence} is also Gpio:PresencePin; the sensor and the LED need a line each."));
        }
        foreach (var (key, pin) in Pins)
        {
            if (pin >= controller.PinCount)
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{key}: {pin} is not a line of {Chip} (Gpio:Chip {Options.Chip}), which has {controller.PinCount} (0 to {controller.PinCount - 1})."));
            }
        }
    }

    /// <summary>Checks, then opens the presence line as input and the LED line as output (off).</summary>
    public void Open()
    {
        lock (_lock)
        {
            if (_opened || !Used)
            {
                return;
            }
            Check();
            if (Options.PresencePin is { } presence)
            {
                OpenPin("Gpio:PresencePin", presence, PinMode.Input);
            }
            if (Options.StatusLedPin is { } led)
            {
                OpenPin("Gpio:StatusLedPin", led, PinMode.Output);
                _controller!.Write(led, PinValue.Low);
            }
            _opened = true;
        }
    }

    public PinValue Read(int pin)
    {
        Open();
        return _controller!.Read(pin);
    }

    public void Write(int pin, PinValue value)
    {
        Open();
        _controller!.Write(pin, value);
    }

    private void OpenPin(string key, int pin, PinMode mode)
    {
        try
        {
            _controller!.OpenPin(pin, mode);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"{key}: line {pin} of {Chip} cannot be used as {mode.ToString().ToLowerInvariant()} ({ex.Message.TrimEnd('.')}); is another program or a device-tree overlay using it?"), ex);
        }
    }

    private GpioController Controller()
    {
        lock (_lock)
        {
            if (_controller is not null)
            {
                return _controller;
            }
            var keys = string.Join(", ", Pins.Select(p => p.Key));
            try
            {
                _controller = new GpioController(driver(Options.Chip));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{keys}: GPIO chip {Chip} (Gpio:Chip {Options.Chip}) cannot be opened on this machine ({ex.GetBaseException().Message.TrimEnd('.')}); on a board without GPIO leave {keys} unset."), ex);
            }
            return _controller;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _controller?.Dispose();
            _controller = null;
        }
    }
}
