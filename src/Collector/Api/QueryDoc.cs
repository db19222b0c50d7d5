namespace EdgeEmotion.Collector.Api;

/// <summary>An endpoint's query parameter for the OpenAPI description (the handlers read the
/// query themselves, strictly, through <see cref="QueryParameters"/>).</summary>
public sealed record QueryDoc(string Name, string Description, bool Required = false);
