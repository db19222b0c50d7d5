using System.ComponentModel.DataAnnotations;

namespace EdgeEmotion.Collector.Hosting;

/// <summary>Section <c>Http</c>: where the API and the page listen; loopback unless an installer opens it.</summary>
public sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>Kestrel URLs separated by ';'; empty turns the API off.</summary>
    [RegularExpression("^$|^https?://[^;\\s]+(;https?://[^;\\s]+)*$", ErrorMessage = "must be http:// or https:// URLs separated by ';' (e.g. http://127.0.0.1:8090), or empty for no API")]
    public string Urls { get; set; } = "http://127.0.0.1:8090";

    /// <summary>Origins of pages elsewhere (a daemon's dashboard opened with <c>?api=</c>) that may
    /// read <c>GET /api/v1/…</c> through a browser (CORS), separated by ';'; empty: none.</summary>
    [RegularExpression("^$|^https?://[^/;\\s]+(;https?://[^/;\\s]+)*$", ErrorMessage = "must be origins such as http://192.168.1.20:8080 (scheme, host and port, no path) separated by ';', or empty for none")]
    public string AllowedOrigins { get; set; } = "";

    public string[] UrlList => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries);

    public string[] AllowedOriginList => AllowedOrigins.Split(';', StringSplitOptions.RemoveEmptyEntries);
}
