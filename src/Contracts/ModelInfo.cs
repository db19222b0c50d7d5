namespace EdgeEmotion.Contracts;

/// <summary>The <c>model</c> block: the emotion model that produced a message's figures.</summary>
public sealed record ModelInfo(string Name, string Sha256)
{
    internal static ModelInfo Read(PayloadObject model) => new(model.String("name"), model.String("sha256"));

    internal void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("model");
        writer.WriteString("name", Name);
        writer.WriteString("sha256", Sha256);
        writer.WriteEndObject();
    }
}
