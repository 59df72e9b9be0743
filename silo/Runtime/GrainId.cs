namespace PatentNav.Market.Silo.Runtime;

/// <summary>A grain's identity: its type name (e.g. <c>patent</c>) and string key.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
