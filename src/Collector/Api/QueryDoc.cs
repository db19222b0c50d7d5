namespace EdgeEmotion.Collector.Api;

/// <summary>An endpoint's query parameter for the OpenAPI description (the handlers read the
/// query themselves, strictly, through <see cref="QueryParameters"/>).</summary>
public sealed record QueryDoc(string Name, string Description, bool Required = false)
{
    // The parameters several endpoints take, read alike by QueryParameters, described alike.
    public static readonly QueryDoc Device = new("device", "only this device");
    public static readonly QueryDoc Site = new("site", "only this site's devices");
    public static readonly QueryDoc Format = new("format", "json (default) or csv");
}
