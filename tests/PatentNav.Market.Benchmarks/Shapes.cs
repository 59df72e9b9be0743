using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.Benchmarks;

/// <summary>A kind of catalogue search, with the varied parameter sets it is timed over.</summary>
public sealed record Shape(string Name, IReadOnlyList<CatalogueQuery> Queries);

public static class Shapes
{
    public static IReadOnlyList<Shape> Build(IReadOnlyList<string> owners, IPatentCatalogue reference, int limit)
    {
        CatalogueQuery Q(string[]? kw = null, string? ipc = null, PatentType? type = null, LegalStatus? status = null,
                         string? owner = null, long? min = null, long? max = null, string? after = null) =>
            new(kw ?? [], ipc, type, status, owner, min, max, after, limit);

        // Owners 0..29 by descending share; a mix of big, middling and small holders.
        string O(int rank) => owners[rank];

        const long Yuan = 100; // amounts are in fen
        var shapes = new List<Shape>
        {
            new("browse (no filter)", [Q()]),
            new("keyword zh 2-char", [.. new[] { "电池", "芯片", "电机", "涂层", "轴承", "算法", "疫苗", "焊接", "叶片", "基因", "光伏", "雷达", "支架", "探针" }.Select(k => Q([k]))]),
            new("keyword zh 3-char", [.. new[] { "电解液", "无人机", "半导体", "机器人", "逆变器", "传感器", "减速器", "石墨烯" }.Select(k => Q([k]))]),
            new("keyword zh 4+ char", [.. new[] { "锂离子电池", "正极材料", "图像识别", "神经网络", "新能源汽车", "光伏组件", "基因编辑", "固态电解质", "电池管理系统", "深度学习", "激光雷达", "手术机器人" }.Select(k => Q([k]))]),
            new("keyword en", [.. new[] { "battery", "neural", "semiconductor", "photovoltaic", "transformer", "lidar", "cathode", "wireless", "vaccine", "gripper", "crispr", "5g" }.Select(k => Q([k]))]),
            new("two keywords", [.. new[]
            {
                new[] { "锂离子电池", "电解液" }, ["神经网络", "图像"], ["battery", "cathode"], ["无人机", "电池"], ["半导体", "芯片"],
                ["光伏", "逆变器"], ["neural", "image"], ["深度学习", "transformer"], ["电机", "控制"], ["基因编辑", "crispr"],
            }.Select(k => Q(k))]),
            new("ipc class (H01)", [.. new[] { "H01", "G06", "A61", "B60", "C12", "H04", "B64", "C08", "E04", "F16", "A01", "G01" }.Select(c => Q(ipc: c))]),
            new("ipc subclass (H01M)", [.. new[] { "H01M", "G06V", "G06N", "A61K", "B60L", "H01L", "C12N", "H04W", "B64U", "C08K", "E04B", "G01S" }.Select(c => Q(ipc: c))]),
            new("ipc group (H01M10)", [.. new[] { "H01M10", "G06N3", "A61B5", "H04W72", "B60L58", "C12N15", "H01L21", "G06V40", "E04G21", "F16H1", "H01M 10/0525", "G06N 3/08" }.Select(c => Q(ipc: c))]),
            new("status", [.. Enum.GetValues<LegalStatus>().Select(s => Q(status: s))]),
            new("type + status", [.. Enum.GetValues<PatentType>().SelectMany(t => Enum.GetValues<LegalStatus>().Select(s => Q(type: t, status: s)))]),
            new("owner", [.. owners.Select(o => Q(owner: o))]),
            new("value range", [
                Q(min: 100_000 * Yuan, max: 500_000 * Yuan), Q(min: 500_000 * Yuan, max: 1_000_000 * Yuan), Q(min: 1_000_000 * Yuan, max: 10_000_000 * Yuan),
                Q(min: 10_000_000 * Yuan), Q(max: 20_000 * Yuan), Q(min: 490_000 * Yuan, max: 510_000 * Yuan), Q(min: 50_000_000 * Yuan), Q(max: 100_000 * Yuan),
            ]),
            new("combined filters", [
                Q(kw: ["电池"], ipc: "H01M", type: PatentType.Invention, status: LegalStatus.Granted, min: 100_000 * Yuan),
                Q(ipc: "G06", owner: O(0), status: LegalStatus.Granted),
                Q(owner: O(3), type: PatentType.UtilityModel, min: 100_000 * Yuan, max: 1_000_000 * Yuan),
                Q(kw: ["神经网络"], status: LegalStatus.Pending),
                Q(kw: ["battery"], ipc: "H01M", max: 50_000_000 * Yuan),
                Q(ipc: "A61K", type: PatentType.Invention, status: LegalStatus.Expired, min: 1_000_000 * Yuan),
                Q(kw: ["无人机"], owner: O(7)),
                Q(type: PatentType.Design, status: LegalStatus.Granted, min: 200_000 * Yuan, max: 2_000_000 * Yuan),
                Q(kw: ["锂离子电池", "正极材料"], ipc: "H01M4", status: LegalStatus.Granted),
                Q(ipc: "B64U", owner: O(25), status: LegalStatus.Lapsed),
                Q(kw: ["电机"], type: PatentType.UtilityModel, status: LegalStatus.Granted, owner: O(1)),
                Q(kw: ["图像识别"], ipc: "G06V", min: 1_000_000 * Yuan, status: LegalStatus.Granted),
            ]),
        };

        // Cursor paging: page 2 and a deep page (three quarters into the results) of common searches.
        CatalogueQuery[] bases =
        [
            Q(), Q(kw: ["电池"]), Q(kw: ["锂离子电池"]), Q(kw: ["neural"]), Q(ipc: "H01M"), Q(ipc: "G06"), Q(ipc: "A61B5"),
            Q(type: PatentType.Invention, status: LegalStatus.Granted), Q(owner: O(0)), Q(owner: O(12)),
            Q(min: 500_000 * Yuan, max: 1_000_000 * Yuan), Q(kw: ["神经网络"], status: LegalStatus.Granted),
        ];
        var page2 = new List<CatalogueQuery>();
        var deep = new List<CatalogueQuery>();
        foreach (var b in bases)
        {
            var all = reference.Search(b with { Limit = 1_000_000 }).GetAwaiter().GetResult().Items;
            if (all.Count > limit) page2.Add(b with { After = all[limit - 1].Number });
            if (all.Count > 10 * limit) deep.Add(b with { After = all[all.Count * 3 / 4].Number });
        }
        shapes.Add(new("page 2 (cursor)", page2));
        shapes.Add(new("deep page (cursor)", deep));
        return shapes;
    }

    /// <summary>
    /// Random combinations of every filter, for checking results against the in-memory catalogue
    /// (not timed): keywords of 1 to 6 characters, Chinese and English, common, rare and absent.
    /// </summary>
    public static IEnumerable<CatalogueQuery> Random(Random random, IReadOnlyList<string> owners, IReadOnlyList<string> numbers, int count)
    {
        var words = Vocabulary.Topics
            .SelectMany(t => t.Nouns.Concat(t.Parts).Concat(t.Techs).Concat(t.EnParts).Concat(t.EnTechs.SelectMany(e => e.Split(' '))))
            .Concat(["电", "锂", "膜", "泵", "x", "5", "，", "的", "一种", "电池", "芯片", "量子", "钙钛", "ai", "5g", "q7", "ion", "zzz", "%", "_", "\\", "\u0001"])
            .Distinct().ToArray();
        string[] ipcs = ["A", "H", "H01", "G06", "A61", "H01M", "G06N", "B64U", "H01M10", "G06N3", "A61B5", "H01M 10/0525", "Z99"];
        T? Maybe<T>(double p, Func<T> value) where T : class => random.NextDouble() < p ? value() : null;
        T? MaybeValue<T>(double p, Func<T> value) where T : struct => random.NextDouble() < p ? value() : null;
        for (var i = 0; i < count; i++)
        {
            var min = MaybeValue(0.2, () => (long)Math.Exp(random.NextDouble() * 20) * 100);
            var max = MaybeValue(0.2, () => (long)Math.Exp(random.NextDouble() * 20) * 100);
            if (min > max) (min, max) = (max, min);
            yield return new CatalogueQuery(
                Keywords: [.. Enumerable.Range(0, random.Next(100) < 50 ? 0 : random.Next(1, 4)).Select(_ => words[random.Next(words.Length)])],
                IpcPrefix: Maybe(0.3, () => ipcs[random.Next(ipcs.Length)]),
                Type: MaybeValue(0.3, () => (PatentType)random.Next(3)),
                Status: MaybeValue(0.3, () => (LegalStatus)random.Next(5)),
                OwnerId: Maybe(0.25, () => owners[random.Next(owners.Count)]),
                MinValue: min,
                MaxValue: max,
                After: Maybe(0.4, () => numbers[random.Next(numbers.Count)]),
                Limit: random.Next(100) < 70 ? 20 : random.Next(1, CatalogueQuery.MaxLimit + 1));
        }
    }
}
