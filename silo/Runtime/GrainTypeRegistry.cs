using System.Reflection;
using System.Text.RegularExpressions;
using PatentNav.Market.Grains.Abstractions;

namespace PatentNav.Market.Silo.Runtime;

/// <summary>One grain class: its type name, implementation, persistent state type, and whether it moves money.</summary>
internal sealed record GrainClass(string TypeName, Type Implementation, Type? StateType, bool UsesLedger);

/// <summary>Maps grain interfaces to their single implementation class, found by scanning assemblies.</summary>
internal sealed partial class GrainTypeRegistry
{
    private readonly Dictionary<Type, GrainClass> _byInterface = [];
    private readonly Dictionary<string, GrainClass> _byName = [];

    public GrainTypeRegistry(IEnumerable<Assembly> assemblies)
    {
        foreach (var type in assemblies.Distinct().SelectMany(a => a.GetTypes()))
        {
            if (type.IsAbstract || !typeof(Grain).IsAssignableFrom(type)) continue;
            var grainClass = new GrainClass(TypeNameOf(type), type, StateTypeOf(type), UsesLedger(type));
            _byName.Add(grainClass.TypeName, grainClass);
            foreach (var contract in type.GetInterfaces().Where(i => typeof(IGrainWithStringKey).IsAssignableFrom(i) && i != typeof(IGrainWithStringKey)))
                _byInterface.Add(contract, grainClass);
        }
    }

    public GrainClass ForInterface(Type grainInterface) =>
        _byInterface.TryGetValue(grainInterface, out var grainClass)
            ? grainClass
            : throw new InvalidOperationException($"No grain class implements {grainInterface.Name}.");

    public GrainClass ForName(string typeName) =>
        _byName.TryGetValue(typeName, out var grainClass) ? grainClass : throw new InvalidOperationException($"Unknown grain type '{typeName}'.");

    /// <summary><c>ApiKeyGrain</c> → <c>api-key</c>: stable names used as storage keys.</summary>
    public static string TypeNameOf(Type implementation)
    {
        var name = implementation.Name.EndsWith("Grain", StringComparison.Ordinal) ? implementation.Name[..^5] : implementation.Name;
        return WordBoundary().Replace(name, "$1-$2").ToLowerInvariant();
    }

    private static Type? StateTypeOf(Type implementation) =>
        implementation.GetConstructors()
            .SelectMany(c => c.GetParameters())
            .Select(p => p.ParameterType)
            .FirstOrDefault(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IPersistentState<>))
            ?.GetGenericArguments()[0];

    private static bool UsesLedger(Type implementation) =>
        implementation.GetConstructors().SelectMany(c => c.GetParameters()).Any(p => p.ParameterType == typeof(Grains.Ledger.ILedger));

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex WordBoundary();
}
