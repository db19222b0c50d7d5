using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeEmotion.Hosting.Tests;

/// <summary>A program other than the daemon, built on the library the way the collector is: its
/// own top-level keys, sections, environment prefix and folder under /etc.</summary>
internal static class SampleProgram
{
    public const string EnvironmentPrefix = "EDGEEMOTION_SAMPLE_TESTS__";

    /// <summary>The lines the program's start would print for <paramref name="args"/>, or none.</summary>
    public static IReadOnlyList<string> StartupLines(string[] args, string? etcDirectory = null)
    {
        try
        {
            var builder = ProgramHost.CreateBuilder(new UserSettings(args, etcDirectory, EnvironmentPrefix));
            ValidatedSettings.AddTopLevel<SampleTopLevel>(builder);
            ValidatedSettings.AddSection<SampleStorage>(builder, SampleStorage.Section);
            ValidatedSettings.AddSection<SampleMqtt>(builder, SampleMqtt.Section);
            using var host = builder.Build();
            StartupErrors.Validate(host.Services);
            return [];
        }
        catch (Exception ex) when (StartupErrors.Describe(ex) is { } lines)
        {
            return lines;
        }
    }
}

internal sealed class SampleTopLevel
{
    [StringLength(8)]
    public string Site { get; set; } = "";
}

internal sealed class SampleStorage
{
    public const string Section = "Storage";

    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 35;

    public bool Vacuum { get; set; }
}

/// <summary>A program's <c>Mqtt</c> section: the shared connection keys and one of its own.</summary>
internal sealed class SampleMqtt : MqttConnectionOptions
{
    public const string Section = "Mqtt";

    [Required(AllowEmptyStrings = false)]
    public override string Host { get; set; } = "localhost";

    [Range(1, 65535)]
    public override int Port { get; set; } = 1883;

    public bool Retain { get; set; }
}

/// <summary>A program's MQTT keys, as its own options class would carry them.</summary>
internal sealed class SampleBroker : MqttConnectionOptions
{
    public SampleBroker(string host, string username = "", string passwordFile = "", bool useTls = false)
    {
        Host = host;
        Username = username;
        PasswordFile = passwordFile;
        UseTls = useTls;
    }

    public override string Host { get; set; }

    public override int Port { get; set; } = 1883;
}
