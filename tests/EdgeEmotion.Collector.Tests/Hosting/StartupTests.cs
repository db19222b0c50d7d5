namespace EdgeEmotion.Collector.Tests.Hosting;

/// <summary>The program's start as an installer meets it: --check-config, and bad settings as
/// one line each naming key and value, exit code 2, before anything is opened.</summary>
public sealed class StartupTests
{
    private const string Name = "edgeemotion-collector";
    private static readonly string Program = Path.Combine(AppContext.BaseDirectory, Name + ".dll");

    /// <summary>Checked alone, and at a real start (which must stop before opening anything).</summary>
    private static readonly string[][] Modes = [["--check-config"], []];

    [Fact]
    public void Check_config_passes_the_defaults_and_writes_nothing()
    {
        using var state = new TempDirectory();
        var (exit, output, error) = Command.ExecApart("dotnet", [Program, "--check-config", $"--StateDirectory={state.Combine("new")}", "--Reports:TimeZone=Europe/Berlin"], TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, output + error);
        Assert.Equal(["Reports: Europe/Berlin; a new database keeps its hourly rollups in UTC hours (the zone's local hours).", "Configuration is valid."],
            output.Trim().Split('\n'));
        Assert.False(Directory.Exists(state.Combine("new")));
    }

    /// <summary>Where the zone's offset is not whole hours the check says which hours a new
    /// database will keep: the one moment an installer can still change them.</summary>
    [Fact]
    public void Check_config_names_the_hours_a_new_database_keeps_for_the_reports_zone()
    {
        var (exit, output, error) = Command.ExecApart("dotnet", [Program, "--check-config", "--Reports:TimeZone=Asia/Kolkata"], TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, output + error);
        Assert.Contains("Reports: Asia/Kolkata; a new database keeps its hourly rollups in hours from minute 30 of each UTC hour (the zone's local hours).", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Retention:VisitsDays=0", "Retention:VisitsDays: '0'")]
    [InlineData("--Storage:Provider=Oracle", "Storage:Provider: 'Oracle'")]
    [InlineData("--Storage:Provider=Postgres", "Storage:ConnectionString: required")]
    [InlineData("--Reports:TimeZone=Mars/Base", "Reports:TimeZone: 'Mars/Base'")]
    [InlineData("--Collector:Group=a/b", "Collector:Group: 'a/b'")]
    [InlineData("--Collector:SessionExpirySeconds=60", "Collector:SessionExpirySeconds: '60'")]
    [InlineData("--Collector:SharedSubscription=yes", "Collector:SharedSubscription: 'yes'")]
    [InlineData("--Http:Urls=127.0.0.1:8090", "Http:Urls: '127.0.0.1:8090'")]
    [InlineData("--Http:AllowedOrigins=http://kiosk:8080/page", "Http:AllowedOrigins: 'http://kiosk:8080/page'")]
    [InlineData("--Colector:Group=x", "Colector:Group: unknown key; did you mean Collector:Group?")]
    public void A_bad_setting_is_one_line_naming_it_and_exit_code_2(string setting, string line)
    {
        foreach (var mode in Modes)
        {
            var (exit, _, error) = Command.ExecApart("dotnet", [Program, .. mode, "--Http:Urls=", setting], TimeSpan.FromMinutes(1));
            Assert.StartsWith(line, Assert.Single(RefusedSettings.Lines(Name, exit, error)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_database_that_cannot_be_reached_is_one_line_naming_the_connection_string()
    {
        var port = LoopbackPort.Free();
        var (exit, _, error) = Command.ExecApart("dotnet",
            [Program, "--Storage:Provider=Postgres", $"--Storage:ConnectionString=Host=127.0.0.1;Port={port};Username=nobody;Timeout=3", "--Http:Urls="], TimeSpan.FromMinutes(1));
        Assert.StartsWith("Storage:ConnectionString: cannot open the Postgres database", Assert.Single(RefusedSettings.Lines(Name, exit, error)), StringComparison.Ordinal);
    }
}
