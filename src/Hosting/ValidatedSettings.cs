using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeEmotion.Hosting;

/// <summary>Registers a program's options: bound, validated at start with one line per bad key
/// (<see cref="SettingsValidator{T}"/>), and known to <see cref="SettingsSchema"/> so that unknown
/// keys are named (the binder's own error stays as a backstop).</summary>
public static class ValidatedSettings
{
    /// <summary>The keys at the top level of the configuration (e.g. the daemon's <c>DeviceId</c>).</summary>
    public static void AddTopLevel<T>(IHostApplicationBuilder builder)
        where T : class
    {
        builder.Services.AddOptions<T>().Bind(builder.Configuration).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<T>>(sp => new SettingsValidator<T>("", sp.GetRequiredService<IConfiguration>()));
        SettingsSchema.Of(builder).AddTopLevel<T>();
    }

    /// <summary>The keys of section <paramref name="section"/>.</summary>
    public static void AddSection<T>(IHostApplicationBuilder builder, string section)
        where T : class
    {
        SettingsSchema.Of(builder).AddSection<T>(section);
        builder.Services.AddOptions<T>()
            .Bind(builder.Configuration.GetSection(section), o => o.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<T>>(sp => new SettingsValidator<T>(section + ":", sp.GetRequiredService<IConfiguration>()));
    }
}
