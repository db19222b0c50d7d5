using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using EdgeEmotion.Daemon.Options;

namespace EdgeEmotion.Daemon.Gpio;

internal static class GpioServices
{
    /// <summary>The GPIO board on libgpiod (Debian's libgpiod2), the presence sensor and the status
    /// LED. A test replaces the driver by registering its own <see cref="GpioBoard"/> afterwards.</summary>
    public static IServiceCollection AddGpio(this IServiceCollection services)
    {
        services.AddSingleton(sp => new GpioBoard(sp.GetRequiredService<IOptions<GpioOptions>>(), chip => new LibGpiodDriver(chip)));
        services.AddSingleton(sp => new PresenceSensor(sp.GetRequiredService<GpioBoard>(), sp.GetRequiredService<IOptions<GpioOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<StatusLedService>();
        services.AddHostedService(sp => sp.GetRequiredService<StatusLedService>());
        return services;
    }
}
