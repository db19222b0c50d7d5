namespace EdgeEmotion.Deploy.Tests;

/// <summary>The README's "Installing on a board" steps, typed into a <see cref="Board"/> as the
/// guide writes them, with a mosquitto broker inside the container that accepts only the
/// device's user and password (the container has no network).</summary>
public sealed class InstallersGuide(Board board)
{
    public const string Device = "kiosk-7";
    public const string User = "edgeemotion";
    public const string Password = "Pw-7f3kq9-never-logged";
    public const string Emotions = $"edgeemotion/{Device}/emotions";
    public const string Status = $"edgeemotion/{Device}/status";
    public const string Stats = $"edgeemotion/{Device}/stats";
    public const string Settings = "/etc/edgeemotion/edgeemotion.json";
    public const string CredentialsDropIn = "/etc/systemd/system/edgeemotion.service.d/credentials.conf";

    public Board Board => board;

    /// <summary>The broker the device publishes to: mosquitto on the container's loopback with a
    /// password file, anonymous clients refused.</summary>
    public void StartBroker() => board.Shell($"""
        printf 'listener 1883 127.0.0.1\nallow_anonymous false\npassword_file /etc/mosquitto/passwd\n' > /etc/mosquitto/conf.d/board.conf
        mosquitto_passwd -b -c /etc/mosquitto/passwd {User} '{Password}'
        chown mosquitto /etc/mosquitto/passwd
        systemctl start mosquitto
        """);

    /// <summary>Step 1: <c>apt install ./edgeemotion_…deb</c> (no network: everything it depends on
    /// must already be in the root).</summary>
    public string Install(string debFile) =>
        board.Shell($"cd {Board.Debs} && apt-get install -y --no-install-recommends ./{Path.GetFileName(debFile)}");

    /// <summary>Step 2: the settings file, with the demo pictures as the camera.</summary>
    public void Configure(string sourceUri = $"images://{Board.Demo}?fps=5") => board.Shell($$"""
        cat > {{Settings}} <<'EOF'
        { "DeviceId": "{{Device}}", "Source": { "Uri": "{{sourceUri}}" },
          "Mqtt": { "Host": "127.0.0.1", "Port": 1883, "Username": "{{User}}" } }
        EOF
        """);

    /// <summary>Step 3, as written (the editor replaced by printf).</summary>
    public void StorePassword() => board.Shell($"""
        install -m 0600 /dev/null /etc/edgeemotion/mqtt-password && printf '%s' '{Password}' > /etc/edgeemotion/mqtt-password
        mkdir -p /etc/systemd/system/edgeemotion.service.d
        printf '[Service]\nLoadCredential=mqtt-password:/etc/edgeemotion/mqtt-password\n' > {CredentialsDropIn}
        systemctl daemon-reload
        """);

    /// <summary>Step 4, as written; run from / as a root shell on a board is.</summary>
    public (int Exit, string Output) CheckConfig() =>
        board.Exec("sh", "-c", "cd / && systemd-run --pipe --wait -p User=edgeemotion -p LoadCredential=mqtt-password:/etc/edgeemotion/mqtt-password /opt/edgeemotion/edgeemotion-daemon --check-config");

    /// <summary>Step 5, as written: a board without a clock chip waits for NTP at boot, two minutes at the most.</summary>
    public void WaitForTheClock() => board.Shell("""
        systemctl enable systemd-time-wait-sync.service
        mkdir -p /etc/systemd/system/systemd-time-wait-sync.service.d
        printf '[Service]\nTimeoutStartSec=2min\n' > /etc/systemd/system/systemd-time-wait-sync.service.d/timeout.conf
        """);

    /// <summary>Step 6: <c>systemctl start edgeemotion</c>; returns once systemd has the READY
    /// notification (a notify unit's start job waits for it).</summary>
    public void Start() => board.Run("systemctl", "start", "edgeemotion");

    /// <summary>Steps 1–3 on a board with its broker running.</summary>
    public static InstallersGuide Installed(Board board, string debFile)
    {
        var guide = new InstallersGuide(board);
        guide.StartBroker();
        guide.Install(debFile);
        guide.Configure();
        guide.StorePassword();
        return guide;
    }

    /// <summary>The next <paramref name="count"/> messages on a topic (retained ones first), read
    /// with the device's credentials by mosquitto_sub inside the container.</summary>
    public string[] Receive(string topic, int count, TimeSpan timeout)
    {
        var (exit, output) = board.Exec(timeout + TimeSpan.FromSeconds(30), "mosquitto_sub", "-h", "127.0.0.1", "-u", User, "-P", Password,
            "-t", topic, "-C", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "-W", ((int)timeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(exit == 0, $"mosquitto_sub on {topic} got fewer than {count} messages in {timeout.TotalSeconds:0} s (exit {exit}): {output}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
