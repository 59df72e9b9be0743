namespace PatentNav.Market.Grains.Common;

/// <summary>
/// A GB/T 2260 administrative division code: six digits, two each for province, prefecture and county
/// (<c>330000</c> 浙江省, <c>330100</c> 杭州市, <c>330106</c> 西湖区). Used for parties' regions and for the
/// regions of demands and navigation scopes.
/// </summary>
/// <remarks>
/// The standard's full county list changes every year and is not embedded here; a code is accepted when its
/// province is one of the 34 provincial-level divisions and its levels nest (a county code needs a prefecture:
/// <c>330006</c> is refused). <see cref="Contains"/> is what regional navigation filters with: a province
/// contains its prefectures and counties, a prefecture its counties.
/// </remarks>
[GenerateSerializer]
[Immutable]
public readonly record struct RegionCode
{
    [Id(0)]
    public string Value { get; }

    private RegionCode(string value) => Value = value;

    /// <summary>Provincial-level divisions of GB/T 2260 (two-digit prefix → name).</summary>
    public static readonly IReadOnlyDictionary<string, string> Provinces = new Dictionary<string, string>
    {
        ["11"] = "北京市", ["12"] = "天津市", ["13"] = "河北省", ["14"] = "山西省", ["15"] = "内蒙古自治区",
        ["21"] = "辽宁省", ["22"] = "吉林省", ["23"] = "黑龙江省",
        ["31"] = "上海市", ["32"] = "江苏省", ["33"] = "浙江省", ["34"] = "安徽省", ["35"] = "福建省", ["36"] = "江西省", ["37"] = "山东省",
        ["41"] = "河南省", ["42"] = "湖北省", ["43"] = "湖南省", ["44"] = "广东省", ["45"] = "广西壮族自治区", ["46"] = "海南省",
        ["50"] = "重庆市", ["51"] = "四川省", ["52"] = "贵州省", ["53"] = "云南省", ["54"] = "西藏自治区",
        ["61"] = "陕西省", ["62"] = "甘肃省", ["63"] = "青海省", ["64"] = "宁夏回族自治区", ["65"] = "新疆维吾尔自治区",
        ["71"] = "台湾省", ["81"] = "香港特别行政区", ["82"] = "澳门特别行政区",
    };

    /// <summary>The code if <paramref name="text"/> is a well-formed division code, else <c>null</c>.</summary>
    public static RegionCode? TryParse(string? text)
    {
        if (text is not { Length: 6 } || !text.All(char.IsAsciiDigit)) return null;
        if (!Provinces.ContainsKey(text[..2])) return null;
        if (text[2..4] == "00" && text[4..] != "00") return null;
        return new RegionCode(text);
    }

    /// <summary>Parses or throws 400 <c>invalid_region</c> naming <paramref name="field"/>.</summary>
    public static RegionCode Parse(string? text, string field) =>
        TryParse(text) ?? throw DomainException.Invalid("invalid_region", field,
            $"'{text}' is not a GB/T 2260 administrative division code (six digits, e.g. 330100 for 杭州市).");

    /// <summary>Province, prefecture or county.</summary>
    public RegionLevel Level => Value[2..] == "0000" ? RegionLevel.Province : Value[4..] == "00" ? RegionLevel.Prefecture : RegionLevel.County;

    /// <summary>The province this division belongs to (<c>330100</c> → <c>330000</c>).</summary>
    public RegionCode Province => new(Value[..2] + "0000");

    /// <summary>Whether <paramref name="other"/> is this division or lies inside it.</summary>
    public bool Contains(RegionCode other) => Level switch
    {
        RegionLevel.Province => other.Value[..2] == Value[..2],
        RegionLevel.Prefecture => other.Value[..4] == Value[..4],
        _ => other.Value == Value,
    };

    public override string ToString() => Value;
}

[GenerateSerializer]
public enum RegionLevel { Province, Prefecture, County }
