using System.ComponentModel.DataAnnotations;

namespace EdgeEmotion.Collector.Hosting;

/// <summary>Section <c>Http</c>: where the API listens; loopback unless an installer opens it.</summary>
public sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>Kestrel URLs separated by ';'; empty turns the API off.</summary>
    [RegularExpression("^$|^https?://[^;\\s]+(;https?://[^;\\s]+)*$", ErrorMessage = "must be http:// or https:// URLs separated by ';' (e.g. http://127.0.0.1:8090), or empty for no API")]
    public string Urls { get; set; } = "http://127.0.0.1:8090";
}
