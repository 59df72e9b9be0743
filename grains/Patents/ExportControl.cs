namespace PatentNav.Market.Grains.Patents;

/// <summary>
/// How the technology of a patent may leave China (技术进出口管理条例, §7): freely exportable
/// technology needs a registration certificate of the export contract, restricted technology an
/// export licence, prohibited technology cannot go abroad at all. Set by the operator; default free.
/// </summary>
[GenerateSerializer]
public enum ExportControl
{
    Free,
    Restricted,
    Prohibited,
}
