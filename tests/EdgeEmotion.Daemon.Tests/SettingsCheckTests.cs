using EdgeEmotion.Hosting;

namespace EdgeEmotion.Daemon.Tests;

/// <summary>
/// Settings that used to pass <c>--check-config</c> and then fail or misbehave at run time, or that
/// crashed it: each gets one whole line naming the key, the value and the rule (exit code 2).
/// Run in this process through <see cref="DaemonStartup"/>, the program's own path.
/// </summary>
public class SettingsCheckTests
{
    // A store name one character too long: SettingLine shows its first 80 characters and its length.
    private const string Site101 = "Store 12 Main Street, the long arcade beside the station, second floor, unit 201 and 202 (east)......";
    private const string Site101Shown = "Store 12 Main Street, the long arcade beside the station, second floor, unit 201…' (101 characters)";

    [Theory]
    [InlineData("--Aggregation:WindowSeconds=NaN", "Aggregation:WindowSeconds: 'NaN' is invalid: must be a finite number")]
    [InlineData("--Source:TargetFps=Infinity", "Source:TargetFps: 'Infinity' is invalid: must be a finite number")]
    [InlineData("--Mqtt:StatsIntervalSeconds=1e20", "Mqtt:StatsIntervalSeconds: '1e20' is invalid: must be between 1 and 86400")]
    [InlineData("--Aggregation:WindowSeconds=ten", "Aggregation:WindowSeconds: 'ten' is invalid: must be a number (a '.' for decimals)")]
    [InlineData("--Detector:Kind=Dlib", "Detector:Kind: 'Dlib' is invalid: must be one of YuNet, Haar")]
    [InlineData("--DeviceId=a b", "DeviceId: 'a b' is invalid: may only contain letters, digits, '_', '.' and '-' (it is part of MQTT topics)")]
    [InlineData("--Site=Store\t12", "Site: 'Store\t12' is invalid: must be one line of text without control characters")]
    [InlineData("--Site=" + Site101, "Site: '" + Site101Shown + " is invalid: must be at most 100 characters")]
    [InlineData("--Mqtt:TopicPrefix=$SYS/edge", "Mqtt:TopicPrefix: '$SYS/edge' is invalid: must be topic levels separated by '/', none empty, without the wildcards '+' and '#' or NUL, not starting with '$' (reserved for broker topics such as $SYS)")]
    [InlineData("--Mqtt:Host=broker.example.net|--Mqtt:Port=0", "Mqtt:Port: '0' is invalid: port 0 (a free port) is for the embedded broker only; the broker at 'broker.example.net' needs its port (usually 1883, 8883 with TLS)")]
    [InlineData("--Mqtt:Host=bro ker", "Mqtt:Host: 'bro ker' is invalid: must be a host name or an IP address (empty: the embedded broker)")]
    [InlineData("--Source:Uri=images://samples/demo?fps=NaN", "Source:Uri 'images://samples/demo?fps=NaN': parameter fps must be a number above 0 and at most 240, not 'NaN'.")]
    [InlineData("--Source:Uri=images://samples/demo?fps=Infinity", "Source:Uri 'images://samples/demo?fps=Infinity': parameter fps must be a number above 0 and at most 240, not 'Infinity'.")]
    [InlineData("--Source:Uri=images://samples/demo?loop=true&LOOP=false", "Source:Uri 'images://samples/demo?loop=true&LOOP=false': parameter loop is given twice.")]
    [InlineData("--Source:Uri=images://samples/demo?lop=false", "Source:Uri 'images://samples/demo?lop=false': unknown parameter 'lop'; known: fps, loop, realtime.")]
    [InlineData("--People:Fps=0", "People:Fps: '0' is invalid: must be between 0.1 and 30")]
    [InlineData("--People:MinScore=1.5", "People:MinScore: '1.5' is invalid: must be between 0.05 and 1")]
    [InlineData("--People:Model=", "People:Model: '' is invalid: must not be empty")]
    [InlineData("--Visits:WatcherSeconds=-1", "Visits:WatcherSeconds: '-1' is invalid: must be between 0 and 3600")]
    [InlineData("--Mqtt:Hots=broker", "Mqtt:Hots: unknown key in section Mqtt; did you mean Mqtt:Host?")]
    [InlineData("--Sorce:Uri=x", "Sorce:Uri: unknown key; did you mean Source:Uri?")]
    [InlineData("--Mqqt:Host=broker", "Mqqt:Host: unknown key; did you mean Mqtt:Host?")]
    [InlineData("--Mqtt:Host:Name=broker", "Mqtt:Host:Name: unknown key; Mqtt:Host is a single value")]
    public void A_bad_setting_gets_one_whole_line(string settings, string line) // settings: '|' between two
    {
        Assert.Equal([line], ConfigCheck.Refused([ConfigCheck.DemoSource, .. settings.Split('|')]));
    }

    [Fact]
    public void A_person_model_that_is_not_there_is_named_by_its_key() =>
        Assert.StartsWith("People:Model: 'models/nowhere.onnx' is invalid: no such file (", Assert.Single(ConfigCheck.Refused(ConfigCheck.DemoSource, "--People:Model=models/nowhere.onnx")));

    [Fact]
    public void The_config_check_prints_the_person_stages_settings()
    {
        var on = ConfigCheck.Run(ConfigCheck.DemoSource, "--People:Fps=2", "--Visits:WatcherSeconds=1.5");
        Assert.True(on.Exit == 0, on.Output);
        Assert.Contains("People: on, models/nanodet-m-416.onnx at 2 frames/s, MinScore 0.4; a watcher looks for 1.5 s.", on.Output);
        var off = ConfigCheck.Run(ConfigCheck.DemoSource, "--People:Enabled=false");
        Assert.True(off.Exit == 0, off.Output);
        Assert.Contains("People: off (visits are face tracks); a watcher looks for 1 s.", off.Output);
    }

    [Theory]
    [InlineData("a/+/b")]
    [InlineData("a/#")]
    [InlineData("a//b")]
    [InlineData("/a")]
    [InlineData("a/")]
    [InlineData("a\0b")]
    public void A_topic_prefix_that_makes_bad_topics_is_refused(string prefix) =>
        Assert.StartsWith("Mqtt:TopicPrefix: ", Assert.Single(ConfigCheck.Refused(ConfigCheck.DemoSource, $"--Mqtt:TopicPrefix={prefix}")));

    [Fact]
    public void Every_number_option_refuses_NaN_by_name()
    {
        // Every double and float of every options class the daemon registers, found by reflection,
        // so that options added later are covered too.
        var builder = DaemonHost.CreateBuilder([], etcDirectory: null);
        var keys = SettingsSchema.Of(builder).OptionTypes
            .SelectMany(o => o.Type.GetProperties().Where(p => p.CanWrite && p.PropertyType is var t && (t == typeof(double) || t == typeof(float))).Select(p => o.Prefix + p.Name))
            .ToList();
        Assert.Contains("Aggregation:WindowSeconds", keys);
        Assert.Contains("Model:Margin", keys); // a float
        Assert.Equal(keys.Select(k => $"{k}: 'NaN' is invalid: must be a finite number").Order(), ConfigCheck.Refused([ConfigCheck.DemoSource, .. keys.Select(k => $"--{k}=NaN")]).Order());
    }

    [Fact]
    public void A_device_id_too_long_for_topics_is_refused_and_not_printed_whole()
    {
        var line = Assert.Single(ConfigCheck.Refused(ConfigCheck.DemoSource, $"--DeviceId={new string('k', 70_000)}"));
        Assert.Equal($"DeviceId: '{new string('k', 80)}…' (70000 characters) is invalid: must be at most 64 characters (it is part of MQTT topics and the client id)", line);
        Assert.Equal(0, ConfigCheck.Run(ConfigCheck.DemoSource, $"--DeviceId={new string('k', 64)}").Exit);
    }

    [Fact]
    public void An_image_folder_without_pictures_is_named()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("notes.txt"), "not a picture");
        Assert.Equal([$"Source:Uri: image folder '{dir.Path}' has no .jpg, .jpeg, .png or .bmp files."], ConfigCheck.Refused($"--Source:Uri=images://{dir.Path}"));
    }

    [Theory]
    [InlineData("--Foo=1", "Foo: unknown key (top-level keys: DeviceId, StateDirectory, Site, Source, Detector, Model, Aggregation, Mqtt, Tracking, Visits, People, Gpio, Dashboard)")]
    [InlineData("--Mqtt:Hostname=broker", "Mqtt:Hostname: unknown key in section Mqtt (its keys: ")]
    public void An_unknown_key_without_a_near_one_lists_the_known_ones(string setting, string start) =>
        Assert.StartsWith(start, Assert.Single(ConfigCheck.Refused(ConfigCheck.DemoSource, setting)));

    [Fact]
    public void The_hosts_own_keys_and_the_keys_of_every_section_are_accepted()
    {
        var (exit, output) = ConfigCheck.Run(
            ConfigCheck.DemoSource, "--Logging:LogLevel:Default=Warning", "--environment=Production", "--applicationName=edgeemotion",
            "--Tracking:MinHits=4", "--Visits:MinDwellSeconds=2", "--Dashboard:Urls=http://127.0.0.1:8080", "--Gpio:PresenceHoldSeconds=30");
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void A_misspelt_key_of_a_feature_section_is_named_with_the_key_meant() =>
        Assert.Equal(["Gpio:PresencePn: unknown key in section Gpio; did you mean Gpio:PresencePin?"], ConfigCheck.Refused(ConfigCheck.DemoSource, "--Gpio:PresencePn=17"));

    [Fact]
    public void Unknown_keys_in_an_etc_file_are_named_but_the_process_environment_is_not_checked()
    {
        using var etc = new TempDirectory();
        File.WriteAllText(etc.Combine("edgeemotion.json"), """{ "Mqtt": { "Hots": "broker" }, "Sorce": { "Uri": "x" } }""");
        // This test process has PATH, HOME, DOTNET_… in its environment: none of them is a setting.
        Assert.Equal(
            ["Mqtt:Hots: unknown key in section Mqtt; did you mean Mqtt:Host?", "Sorce:Uri: unknown key; did you mean Source:Uri?"],
            ConfigCheck.RefusedWith(etc.Path, ConfigCheck.DemoSource).Order());
    }

    /// <summary>EDGEEMOTION__ variables are settings and are checked; the rest of the environment
    /// (here a variable that would map to a key, as the host reads every variable) is not.</summary>
    [Fact]
    public void Unknown_keys_in_EDGEEMOTION_variables_are_named_and_other_variables_are_not_checked()
    {
        var environment = new Dictionary<string, string> { ["EDGEEMOTION__Mqqt__Host"] = "broker", ["Sorce__Uri"] = "x", ["SOME_TOOL_SETTING"] = "1" };
        using var daemon = DaemonProcess.Start(["--check-config", $"--Source:Uri=images://{DemoPictures.Folder}"], environment, null);
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(60)), daemon.Output);
        Assert.Equal(2, daemon.ExitCode);
        Assert.Equal(["Mqqt:Host: unknown key; did you mean Mqtt:Host?"], ConfigCheck.Errors(daemon.Output));
    }

    [Fact]
    public void The_shipped_settings_file_has_only_known_keys()
    {
        // deploy/ holds edgeemotion.json, installed as /etc/edgeemotion/edgeemotion.json.
        var (exit, output) = ConfigCheck.RunWith(Path.Combine(RepoPaths.Root, "deploy"), ConfigCheck.DemoSource);
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void Check_config_does_not_create_the_state_directory()
    {
        using var dir = new TempDirectory();
        var state = dir.Combine("not-yet", "state");
        var (exit, output) = ConfigCheck.Run(ConfigCheck.DemoSource, $"--StateDirectory={state}");
        Assert.True(exit == 0, output);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task A_state_directory_that_cannot_be_made_names_the_key_and_the_path_in_the_check_and_at_start()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("a-file");
        File.WriteAllText(file, "");
        var state = Path.Combine(file, "state");

        Assert.Equal([$"StateDirectory: cannot create '{state}': '{file}' is a file."], ConfigCheck.Refused(ConfigCheck.DemoSource, $"--StateDirectory={state}"));

        // A real start fails before anything runs (no host is started), with the OS's reason.
        using var errors = new StringWriter();
        var start = await DaemonStartup.RunAsync([ConfigCheck.DemoSource, $"--StateDirectory={state}"], TextWriter.Null, errors, etcDirectory: null);
        Assert.Equal(2, start);
        Assert.StartsWith($"edgeemotion: StateDirectory: cannot create '{state}': ", errors.ToString());
        Assert.DoesNotContain("   at ", errors.ToString());
    }

    /// <summary>The installer's case: the service user may not write where StateDirectory points.
    /// Needs root to run the program as another user (nobody).</summary>
    [Fact]
    public void A_state_directory_the_user_may_not_create_names_the_key_the_path_and_the_reason()
    {
        Assert.SkipUnless(Environment.UserName == "root" && File.Exists("/usr/sbin/runuser"), "needs root and runuser to start the program as another user");
        using var dir = new TempDirectory(); // made by root, mode 0755: nobody may not write in it
        var state = dir.Combine("state");
        var start = new System.Diagnostics.ProcessStartInfo("/usr/sbin/runuser") { WorkingDirectory = dir.Path };
        foreach (var a in new[] { "-u", "nobody", "--", "dotnet", Path.Combine(AppContext.BaseDirectory, "edgeemotion-daemon.dll"), $"--Source:Uri=images://{DemoPictures.Folder}", $"--StateDirectory={state}", "--Mqtt:Port=0" })
        {
            start.ArgumentList.Add(a);
        }
        using var daemon = DaemonProcess.Start(start);
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(60)), daemon.Output);
        Assert.Equal(2, daemon.ExitCode);
        Assert.Contains($"edgeemotion: StateDirectory: cannot create '{state}': Permission denied", daemon.Output);
        Assert.False(Directory.Exists(state));
    }

    /// <summary>As the installer's guide runs it: from <c>/</c>-like folders the program cannot
    /// write in, with the default StateDirectory (relative to the working directory).</summary>
    [Fact]
    public async Task Check_config_with_the_default_state_directory_writes_nothing_in_the_working_directory()
    {
        using var dir = new TempDirectory();
        var work = dir.Combine("work");
        Directory.CreateDirectory(work);
        File.WriteAllText(Path.Combine(work, "existing.txt"), "kept");
        var before = Listing(dir.Path);
        using var daemon = DaemonProcess.Start(["--check-config", $"--Source:Uri=images://{DemoPictures.Folder}"], null, work);
        Assert.True(await daemon.WaitForOutputAsync(o => o.Contains("valid", StringComparison.Ordinal), TimeSpan.FromSeconds(60)), daemon.Output);
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, daemon.ExitCode);
        Assert.Equal(before, Listing(dir.Path));
    }

    private static string[] Listing(string path) =>
        [.. Directory.GetFileSystemEntries(path, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(path, p)).Order(StringComparer.Ordinal)];
}
