using System.Reflection;

namespace EdgeEmotion.Hosting;

/// <summary>An options class's keys (its public settable properties) in one order for every
/// message that lists or checks them: a base class's keys first, each class's in the order it
/// declares them. Reflection alone lists a derived class's own properties before the inherited
/// ones, so the shared MQTT keys would move with every program's additions.</summary>
internal static class SettingKeys
{
    public static IEnumerable<PropertyInfo> Of(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => (Property: p, Declared: FirstDeclaration(p)))
            .OrderBy(p => Depth(p.Declared.DeclaringType!))
            .ThenBy(p => p.Declared.MetadataToken)
            .Select(p => p.Property);

    /// <summary>The property as its first class declares it (an override counts where its abstract one stands).</summary>
    private static MethodInfo FirstDeclaration(PropertyInfo property) => (property.GetMethod ?? property.SetMethod)!.GetBaseDefinition();

    private static int Depth(Type type)
    {
        var depth = 0;
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            depth++;
        }
        return depth;
    }
}
