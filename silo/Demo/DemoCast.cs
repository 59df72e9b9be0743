using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Silo.Demo;

/// <summary>Who and what the demo market holds: made-up Chinese organisations and patents with valid numbers.</summary>
public static class DemoCast
{
    public sealed record PartySpec(string Key, string Name, string Kind, string Roles, string? CreditCode = null);

    public static readonly PartySpec[] Parties =
    [
        new("centerA", "广州知识产权运营中心", "operating_center", "operator"),
        new("centerB", "苏州纳米专利运营中心", "operating_center", "operator"),
        new("holder1", "华南理工大学", "university", "licensor"),
        new("holder2", "深圳市锂核新能源有限公司", "company", "licensor"),
        new("holder3", "杭州光链通信技术有限公司", "company", "licensor"),
        new("holder4", "中科院深圳先进技术研究院", "research_institute", "licensor"),
        new("licensee1", "东莞骏马电子有限公司", "company", "licensee"),
        new("licensee2", "佛山美途家电有限公司", "company", "licensee"),
        new("licensee3", "厦门星海车联科技有限公司", "company", "licensee"),
        new("bank", "广州银行科技支行", "bank", "financier"),
        new("appraiser", "华衡资产评估有限公司", "appraiser", "appraiser"),
    ];

    /// <param name="Serial">Application number without check digit: year, type digit (1 invention, 2 utility model), serial.</param>
    public sealed record PatentSpec(string Serial, string Title, string Abstract, string[] Ipc, string Owner, string FilingDate, string GrantDate, long ValueYuan, string? Pool);

    public static readonly PatentSpec[] Patents =
    [
        new("201810245671", "一种高镍三元正极材料的包覆改性方法", "通过原子层沉积包覆氧化铝，提高高镍正极的循环稳定性。", ["H01M4/525", "H01M4/36"], "holder1", "2018-03-16", "2020-07-21", 3_800_000, "battery"),
        new("201910587342", "锂离子电池快速充电控制方法及装置", "根据电池温度与内阻动态调整充电电流，实现 15 分钟快充。", ["H02J7/00", "H01M10/44"], "holder2", "2019-06-28", "2021-09-03", 5_200_000, "battery"),
        new("202010331926", "一种硅碳复合负极材料及其制备方法", "以多孔碳为骨架负载纳米硅，抑制体积膨胀。", ["H01M4/38", "H01M4/62"], "holder1", "2020-04-09", "2022-01-18", 2_900_000, "battery"),
        new("202120874513", "一种动力电池包液冷板结构", "液冷板流道呈蛇形分布，电芯温差小于 3℃。", ["H01M10/613"], "holder2", "2021-04-26", "2021-11-30", 900_000, "battery"),
        new("201911063258", "基于 NB-IoT 的低功耗物联网模组", "模组在 PSM 模式下电流低于 3 微安。", ["H04W52/02", "H04W4/70"], "holder3", "2019-11-05", "2022-03-15", 4_100_000, "iot"),
        new("202010774419", "一种 5G 小基站的波束赋形方法", "基于信道状态信息的混合波束赋形，提升边缘速率。", ["H04B7/06"], "holder3", "2020-08-12", "2023-02-07", 6_400_000, "iot"),
        new("202110152837", "智能电表数据安全传输方法", "采用国密 SM4 与一次一密的会话密钥。", ["H04L9/08", "G01R22/06"], "holder4", "2021-02-03", "2023-06-20", 1_700_000, "iot"),
        new("201810932045", "一种变频空调压缩机的控制方法", "根据室内负荷预测调整压缩机频率，节能 18%。", ["F24F11/86"], "holder4", "2018-08-21", "2020-12-11", 2_300_000, "appliance"),
        new("202011298764", "冰箱用真空绝热板及其制造方法", "芯材为玻璃纤维与气相二氧化硅复合，导热系数 2.0 mW/(m·K)。", ["F25D23/06"], "holder1", "2020-11-17", "2022-10-25", 1_400_000, "appliance"),
        new("201910128876", "一种固态电解质薄膜的制备方法", "流延成型制备硫化物固态电解质薄膜。", ["H01M10/0562"], "holder2", "2019-02-14", "2021-05-28", 4_600_000, null),
        new("202010455190", "光纤传感的电池热失控预警系统", "光纤光栅测温，提前 120 秒预警。", ["G01K11/32", "H01M10/48"], "holder3", "2020-05-19", "2022-08-09", 2_100_000, null),
        new("202110687213", "一种钠离子电池正极材料", "层状氧化物正极，首效 92%。", ["H01M4/505"], "holder4", "2021-06-30", "2023-09-12", 3_300_000, null),
        new("201811502384", "一种锂电池回收中钴镍的浸出方法", "有机酸浸出，回收率大于 98%。", ["C22B7/00", "H01M10/54"], "holder1", "2018-12-07", "2021-03-16", 1_800_000, null),
        new("202010980451", "车载电池管理系统的 SOC 估算方法", "扩展卡尔曼滤波结合神经网络的 SOC 估算。", ["G01R31/367"], "holder2", "2020-09-15", "2022-12-02", 2_700_000, null),
        new("202211034567", "一种光通信用硅光调制器", "微环谐振结构的硅基电光调制器，带宽 50 GHz。", ["G02F1/025"], "holder3", "2022-05-10", "2024-03-19", 3_600_000, null),
        new("202210567891", "基于深度学习的电池极片缺陷检测方法", "卷积神经网络识别极片划痕与漏涂。", ["G06T7/00", "H01M4/04"], "holder4", "2022-03-22", "2024-01-09", 1_200_000, null),
    ];

    /// <summary>The serial with its check digit: "201810245671" → "201810245671.X" or similar (§2).</summary>
    public static string Number(string serial) => $"{serial}.{PatentNumber.CheckDigit(serial)}";

    public sealed record PoolSpec(string Key, string Center, string Name, string[] Categories, (string Code, string Rate1, long UpTo, string Rate2)[] Rates, string[] Members, string[] Licensees);

    public static readonly PoolSpec[] Pools =
    [
        new("battery", "centerA", "锂电池快充专利池", ["ev_battery_pack", "consumer_cell"],
            [("ev_battery_pack", "500", 20_000, "350"), ("consumer_cell", "20", 1_000_000, "12")], ["holder1", "holder2"], ["licensee1", "licensee3"]),
        new("iot", "centerA", "5G 物联网模组专利池", ["iot_module", "smart_meter"],
            [("iot_module", "150", 100_000, "90"), ("smart_meter", "80", 50_000, "60")], ["holder3", "holder4"], ["licensee1", "licensee2"]),
        new("appliance", "centerB", "智能家电节能专利池", ["air_conditioner", "refrigerator"],
            [("air_conditioner", "300", 50_000, "200"), ("refrigerator", "250", 50_000, "180")], ["holder1", "holder4"], ["licensee2"]),
    ];
}
