using EdgeEmotion.Core;

namespace EdgeEmotion.Hosting.Tests;

/// <summary>The broker connection's checks name the keys of the program's own section.</summary>
public sealed class MqttConnectionForAnyProgramTests
{
    [Fact]
    public void A_password_without_a_user_name_names_the_program_s_key()
    {
        using var dir = new TempDirectory();
        var password = Path.Combine(dir.Path, "password");
        File.WriteAllText(password, "secret\n");
        var error = Assert.Throws<UserInputException>(() => new MqttConnectionSettings(new SampleBroker("broker.example.net", passwordFile: password, useTls: true), section: "Collector"));
        Assert.Equal("Collector:Username: a password is configured but no user name.", error.Message);
    }

    [Fact]
    public void A_password_in_clear_to_a_remote_broker_is_refused_naming_the_program_s_keys()
    {
        using var dir = new TempDirectory();
        var password = Path.Combine(dir.Path, "password");
        File.WriteAllText(password, "secret\n");
        var error = Assert.Throws<UserInputException>(() => new MqttConnectionSettings(new SampleBroker("broker.example.net", "collector", password), section: "Collector"));
        Assert.StartsWith("Collector:UseTls: refusing to send the MQTT password in clear to 'broker.example.net'", error.Message);
        Assert.DoesNotContain("secret", error.Message);
        // On loopback the same settings are accepted.
        _ = new MqttConnectionSettings(new SampleBroker("127.0.0.1", "collector", password), section: "Collector");
    }

    [Fact]
    public void A_password_file_that_cannot_be_read_names_the_key_and_the_file()
    {
        var error = Assert.Throws<UserInputException>(() => new MqttConnectionSettings(new SampleBroker("localhost", "collector", "/no/such/password"), section: "Collector"));
        Assert.StartsWith("Collector:PasswordFile: cannot read '/no/such/password'", error.Message);
    }
}
