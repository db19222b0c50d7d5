using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace EdgeEmotion.Dashboard.Tests;

/// <summary>Debian's chromium driven through Debian's chromedriver (deploy/install-build-deps.sh
/// installs both): nothing is downloaded at test time. Linked into the dashboard benchmark.</summary>
public sealed class HeadlessChromium : IDisposable
{
    public const string Browser = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    private HeadlessChromium(ChromeDriver driver, int driverProcessId)
    {
        WebDriver = driver;
        DriverProcessId = driverProcessId;
    }

    public ChromeDriver WebDriver { get; }

    /// <summary>chromedriver's process: the browser's processes are its descendants.</summary>
    public int DriverProcessId { get; }

    public static HeadlessChromium Start(int width = 1280, int height = 1200, params string[] extraArguments)
    {
        if (!File.Exists(Browser) || !File.Exists(Driver))
        {
            throw new InvalidOperationException($"{Browser} and {Driver} are needed: apt-get install chromium chromium-driver (deploy/install-build-deps.sh).");
        }
        // Selenium Manager would look for (and download) a driver when none is named.
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        var options = new ChromeOptions { BinaryLocation = Browser };
        // --no-sandbox: the tests run as root, where Chromium's sandbox refuses to start.
        options.AddArguments(["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", $"--window-size={width},{height}", .. extraArguments]);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(180));
        // Selenium's 30 s for a script is too short on a 2-core machine under a full test run.
        driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(120);
        return new HeadlessChromium(driver, service.ProcessId);
    }

    public void Open(string url) => WebDriver.Navigate().GoToUrl(url);

    public object? Script(string script, params object[] args) => WebDriver.ExecuteScript(script, args);

    /// <summary>The whole page (beyond the window, through the DevTools protocol) as a PNG file,
    /// a test artifact; returns its path.</summary>
    public string Screenshot(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var width = Convert.ToDouble(Script("return document.documentElement.clientWidth;"), System.Globalization.CultureInfo.InvariantCulture);
        var height = Convert.ToDouble(Script("return document.documentElement.scrollHeight;"), System.Globalization.CultureInfo.InvariantCulture);
        var shot = (Dictionary<string, object>)WebDriver.ExecuteCdpCommand("Page.captureScreenshot", new Dictionary<string, object?>
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new Dictionary<string, object> { ["x"] = 0, ["y"] = 0, ["width"] = width, ["height"] = height, ["scale"] = 1 },
        })!;
        File.WriteAllBytes(path, Convert.FromBase64String((string)shot["data"]));
        return path;
    }

    public void Resize(int width, int height) => WebDriver.Manage().Window.Size = new System.Drawing.Size(width, height);

    public void Dispose()
    {
        WebDriver.Quit();
        WebDriver.Dispose();
    }
}
