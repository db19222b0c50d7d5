using EdgeEmotion.Core;

namespace EdgeEmotion.Hosting.Tests;

/// <summary>The settings machinery serves a program other than the daemon: its sections, its
/// environment prefix and its /etc folder, one line per bad key, unknown keys named with the
/// nearest known one, secrets never shown.</summary>
public sealed class SettingsForAnyProgramTests
{
    [Theory]
    [InlineData("--Storage:RetentionDays=0", "Storage:RetentionDays: '0' is invalid: must be between 1 and 3650")]
    [InlineData("--Storage:Vacuum=sometimes", "Storage:Vacuum: 'sometimes' is invalid: must be true or false")]
    [InlineData("--Storage:RetentionDay=9", "Storage:RetentionDay: unknown key in section Storage; did you mean Storage:RetentionDays?")]
    [InlineData("--Storag:Vacuum=true", "Storag:Vacuum: unknown key; did you mean Storage:Vacuum?")]
    [InlineData("--Site=a-very-long-site", "Site: 'a-very-long-site' is invalid: must be at most 8 characters")]
    public void A_bad_key_of_the_program_gets_one_line(string setting, string line) =>
        Assert.Equal([line], SampleProgram.StartupLines([setting]));

    [Theory]
    [InlineData("--Mqtt:TopicPrefix=$SYS/edge", "Mqtt:TopicPrefix: '$SYS/edge' is invalid: must be topic levels separated by '/', none empty, without the wildcards '+' and '#' or NUL, not starting with '$' (reserved for broker topics such as $SYS)")]
    [InlineData("--Mqtt:Port=0", "Mqtt:Port: '0' is invalid: must be between 1 and 65535")]
    [InlineData("--Mqtt:Host=", "Mqtt:Host: '' is invalid: must not be empty")]
    [InlineData("--Mqtt:TimeoutSeconds=0.5", "Mqtt:TimeoutSeconds: '0.5' is invalid: must be between 1 and 120")]
    public void The_shared_mqtt_keys_are_checked_by_their_own_rule_or_the_programs(string setting, string line) =>
        Assert.Equal([line], SampleProgram.StartupLines([setting]));

    [Fact]
    public void A_section_lists_the_shared_mqtt_keys_first_then_its_own_in_declared_order() =>
        Assert.Equal(
            ["Mqtt:Xyzzy: unknown key in section Mqtt (its keys: Host, Port, TopicPrefix, Username, PasswordFile, UseTls, CaFile, ClientCertificateFile, ClientKeyFile, AllowInsecurePassword, TimeoutSeconds, MaxReconnectSeconds, Retain)"],
            SampleProgram.StartupLines(["--Mqtt:Xyzzy=1"]));

    [Fact]
    public void Every_bad_key_gets_its_own_line()
    {
        var lines = SampleProgram.StartupLines(["--Storage:RetentionDays=0", "--Site=a-very-long-site"]);
        Assert.Equal(2, lines.Count);
    }

    [Fact]
    public void Good_settings_give_no_line() => Assert.Empty(SampleProgram.StartupLines(["--Storage:RetentionDays=400", "--Site=north"]));

    [Fact]
    public void The_program_s_etc_folder_is_read_and_checked()
    {
        using var etc = new TempDirectory();
        File.WriteAllText(Path.Combine(etc.Path, "10-storage.json"), """{"Storage": {"RetentionDys": 400}}""");
        Assert.Equal(["Storage:RetentionDys: unknown key in section Storage; did you mean Storage:RetentionDays?"], SampleProgram.StartupLines([], etc.Path));
    }

    [Fact]
    public void A_settings_file_that_does_not_parse_is_one_line_naming_it()
    {
        using var etc = new TempDirectory();
        var file = Path.Combine(etc.Path, "10-storage.json");
        File.WriteAllText(file, """{"Storage": {""");
        Assert.Contains(file, Assert.Single(SampleProgram.StartupLines([], etc.Path)));
    }

    [Fact]
    public void The_credentials_of_any_URI_value_are_masked()
    {
        var line = SettingLine.Invalid("Collector:Broker", "mqtts://collector:S3cret@broker.example.net", "must be a host name");
        Assert.DoesNotContain("S3cret", line);
        Assert.Equal("Collector:Broker: 'mqtts://***@broker.example.net' is invalid: must be a host name", line);
        // Not a URI: shown as given.
        Assert.Equal("Mqtt:Username: 'ops@example.net' is invalid: x", SettingLine.Invalid("Mqtt:Username", "ops@example.net", "x"));
    }

    [Fact]
    public void A_user_error_is_described_and_a_bug_is_not()
    {
        Assert.Equal(["Storage:Path: not found."], StartupErrors.Describe(new InvalidOperationException("host", new UserInputException("Storage:Path: not found."))));
        Assert.Null(StartupErrors.Describe(new InvalidOperationException("a bug")));
    }
}
