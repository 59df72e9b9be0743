using System.Text;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.ClientApi.ReadModels;

namespace PatentNav.Market.Benchmarks;

/// <summary>
/// Makes a deterministic, realistic-looking catalogue: <see cref="PatentState"/> objects as the
/// patent grain would hold them, mapped to rows by the production projection
/// (<see cref="CatalogueRow.From"/>) and written with binary COPY.
/// </summary>
public sealed class Seeder(int seed, DateOnly today)
{
    private readonly Random _random = new(seed);

    /// <summary>Owner ids by descending share: index 0 owns the most patents (~20 %), the last a few hundred.</summary>
    public IReadOnlyList<string> OwnerIds { get; private set; } = [];

    public List<PatentState> Generate(int count)
    {
        var ownerRandom = new Random(seed + 1);
        OwnerIds = [.. Enumerable.Range(0, 30).Select(_ => "pty_" + Convert.ToHexStringLower(RandomBytes(ownerRandom, 8)))];
        // Zipf-like: the biggest owner holds ~20 %, the smallest a few hundred patents.
        var ownerWeights = Enumerable.Range(1, OwnerIds.Count).Select(k => 1.0 / Math.Pow(k, 1.1)).ToArray();
        var topicWeights = Vocabulary.Topics.Select(t => t.Weight).ToArray();

        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var states = new List<PatentState>(count);
        while (states.Count < count)
        {
            var foreign = _random.NextDouble() < 0.12;
            var type = foreign ? PatentType.Invention : Pick([0.55, 0.35, 0.10]) switch { 0 => PatentType.Invention, 1 => PatentType.UtilityModel, _ => PatentType.Design };
            var filing = FilingDate();
            var number = foreign ? ForeignNumber(filing) : ChineseNumber(type, filing);
            if (!numbers.Add(number)) continue;
            if (PatentNumber.Parse(number).Value != number) throw new InvalidOperationException($"Generated number {number} is not canonical.");

            var topic = Vocabulary.Topics[Pick(topicWeights)];
            var (title, summary) = type == PatentType.Design ? DesignText(topic) : foreign ? EnglishText(topic) : ChineseText(topic, type);
            var (status, grant) = Status(type, filing);
            var owners = new List<string> { OwnerIds[Pick(ownerWeights)] };
            if (_random.NextDouble() < 0.12)
            {
                var second = OwnerIds[Pick(ownerWeights)];
                if (second != owners[0]) owners.Add(second);
            }
            states.Add(new PatentState
            {
                Number = number,
                Title = title,
                Abstract = summary,
                Type = type,
                Ipc = type == PatentType.Design ? [] : PatentRules.RequireIpc(IpcCodes(topic)),
                FilingDate = filing,
                GrantDate = grant,
                Status = status,
                OwnerIds = owners,
                Valuations = Valuations(filing, foreign),
                RegisteredAt = new DateTimeOffset(today.AddDays(-_random.Next(1, 365)).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            });
        }
        return states;
    }

    /// <summary>
    /// Maps states through the production projection and COPYs them into patent_catalogue. The
    /// table's secondary indexes are dropped first and built again afterwards from their own
    /// definitions (two at a time): the same indexes, built in bulk, which is much faster.
    /// </summary>
    public static async Task<int> CopyAsync(NpgsqlDataSource dataSource, IEnumerable<PatentState> states, DateOnly today)
    {
        List<string> definitions;
        await using (var c = await dataSource.OpenConnectionAsync())
        {
            var indexes = (await c.QueryAsync<(string Name, string Definition)>(
                "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'patent_catalogue'::regclass AND NOT indisprimary")).ToList();
            foreach (var index in indexes) await c.ExecuteAsync($"DROP INDEX {index.Name}");
            definitions = [.. indexes.Select(i => i.Definition).OrderByDescending(d => d.Contains("USING gin", StringComparison.Ordinal))];
        }
        var rows = await CopyRowsAsync(dataSource, states, today);
        var queue = new Queue<string>(definitions);
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var c = await dataSource.OpenConnectionAsync();
            await c.ExecuteAsync("SET maintenance_work_mem = '256MB'");
            while (true)
            {
                string definition;
                lock (queue) if (!queue.TryDequeue(out definition!)) return;
                await c.ExecuteAsync(definition, commandTimeout: 1800);
            }
        }));
        return rows;
    }

    private static async Task<int> CopyRowsAsync(NpgsqlDataSource dataSource, IEnumerable<PatentState> states, DateOnly today)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY patent_catalogue (number, title, search_text, type, status, ipc, ipc_prefixes, owner_ids, filing_date, expires_on, value_amount, value_currency, effective_status) FROM STDIN (FORMAT BINARY)");
        var rows = 0;
        foreach (var state in states)
        {
            var row = CatalogueRow.From(state, today);
            await importer.StartRowAsync();
            await importer.WriteAsync(row.Number, NpgsqlDbType.Text);
            await importer.WriteAsync(row.Title, NpgsqlDbType.Text);
            await importer.WriteAsync(row.SearchText, NpgsqlDbType.Text);
            await importer.WriteAsync(row.Type, NpgsqlDbType.Text);
            await importer.WriteAsync(row.Status, NpgsqlDbType.Text);
            await importer.WriteAsync(row.Ipc, NpgsqlDbType.Array | NpgsqlDbType.Text);
            await importer.WriteAsync(row.IpcPrefixes, NpgsqlDbType.Array | NpgsqlDbType.Text);
            await importer.WriteAsync(row.OwnerIds, NpgsqlDbType.Array | NpgsqlDbType.Text);
            await importer.WriteAsync(row.FilingDate, NpgsqlDbType.Date);
            await importer.WriteAsync(row.ExpiresOn, NpgsqlDbType.Date);
            if (row.ValueAmount is { } amount) await importer.WriteAsync(amount, NpgsqlDbType.Bigint); else await importer.WriteNullAsync();
            if (row.ValueCurrency is { } currency) await importer.WriteAsync(currency, NpgsqlDbType.Text); else await importer.WriteNullAsync();
            await importer.WriteAsync(row.EffectiveStatus!, NpgsqlDbType.Text);
            rows++;
        }
        await importer.CompleteAsync();
        return rows;
    }

    // ---- numbers and dates ----

    private DateOnly FilingDate()
    {
        // Filings grow year on year: 2004 … this year, weighted by (year - 2000)^1.6.
        var years = Enumerable.Range(2004, today.Year - 2004 + 1).ToArray();
        var year = years[Pick([.. years.Select(y => Math.Pow(y - 2000, 1.6))])];
        var first = new DateOnly(year, 1, 1);
        var last = year == today.Year ? today.AddDays(-1) : new DateOnly(year, 12, 31);
        return first.AddDays(_random.Next(last.DayNumber - first.DayNumber + 1));
    }

    /// <summary><c>YYYYTNNNNNNN.C</c>: filing year, type digit, serial, check digit (<see cref="PatentNumber.CheckDigit"/>).</summary>
    private string ChineseNumber(PatentType type, DateOnly filing)
    {
        var typeDigit = type switch
        {
            PatentType.Invention => _random.NextDouble() < 0.1 ? '8' : '1', // 8: PCT application entering China
            PatentType.UtilityModel => _random.NextDouble() < 0.02 ? '9' : '2',
            _ => '3',
        };
        var digits = $"{filing.Year}{typeDigit}{_random.Next(0, 10_000_000):D7}";
        return $"{digits}.{PatentNumber.CheckDigit(digits)}";
    }

    private string ForeignNumber(DateOnly filing) => Pick([0.5, 0.2, 0.15, 0.1, 0.05]) switch
    {
        0 => $"US{_random.Next(7_000_000, 12_500_000)}B{(_random.NextDouble() < 0.8 ? "2" : "1")}",
        1 => $"EP{_random.Next(1_000_000, 4_500_000)}B1",
        2 => $"JP{_random.Next(6_000_000, 7_600_000)}B2",
        3 => $"KR{_random.Next(10_1000_000, 10_2800_000)}B1",
        _ => $"WO{filing.Year}{_random.Next(0, 1_000_000):D6}A1",
    };

    private (LegalStatus Status, DateOnly? Grant) Status(PatentType type, DateOnly filing)
    {
        var ageYears = (today.DayNumber - filing.DayNumber) / 365.25;
        DateOnly? Grant(double minYears, double maxYears)
        {
            var at = filing.AddDays((int)(365.25 * (minYears + _random.NextDouble() * (maxYears - minYears))));
            return at >= today ? today.AddDays(-1) : at;
        }
        var (grantMin, grantMax) = type == PatentType.Invention ? (1.5, 3.5) : (0.4, 1.0);
        if (PatentTerm.ExpiresOn(type, filing) <= today)
        {
            // Past its term: mostly recorded as expired; some records were never updated (still
            // "granted", which reads as expired), some lapsed earlier for unpaid fees.
            return Pick([0.62, 0.14, 0.20, 0.04]) switch
            {
                0 => (LegalStatus.Expired, Grant(grantMin, grantMax)),
                1 => (LegalStatus.Granted, Grant(grantMin, grantMax)),
                2 => (LegalStatus.Lapsed, Grant(grantMin, grantMax)),
                _ => (LegalStatus.Invalidated, Grant(grantMin, grantMax)),
            };
        }
        if (ageYears < grantMin)
            return _random.NextDouble() < 0.85 ? (LegalStatus.Pending, null) : (LegalStatus.Granted, Grant(ageYears * 0.5, ageYears * 0.9));
        if (type == PatentType.Invention && ageYears < grantMax + 1 && _random.NextDouble() < 0.35)
            return (LegalStatus.Pending, null);
        return Pick([0.70, 0.26, 0.04]) switch
        {
            0 => (LegalStatus.Granted, Grant(grantMin, Math.Min(grantMax, ageYears))),
            1 => (LegalStatus.Lapsed, Grant(grantMin, Math.Min(grantMax, ageYears))),
            _ => (LegalStatus.Invalidated, Grant(grantMin, Math.Min(grantMax, ageYears))),
        };
    }

    private List<Valuation> Valuations(DateOnly filing, bool foreign)
    {
        var list = new List<Valuation>();
        if (_random.NextDouble() < 0.15) return list; // never appraised
        var count = Pick([0.6, 0.3, 0.1]) + 1;
        var currency = foreign && _random.NextDouble() < 0.8 ? "USD" : "CNY";
        // Log-normal around 500 000 yuan (5e7 fen), from ~10 000 yuan to ~100 million.
        var baseAmount = Math.Exp(Math.Log(5e7) + 1.3 * Gaussian());
        for (var i = 0; i < count; i++)
        {
            var effective = filing.AddDays(_random.Next(Math.Max(1, today.DayNumber - filing.DayNumber)));
            var amount = (long)Math.Clamp(baseAmount * (0.7 + 0.6 * _random.NextDouble()), 1e6, 1e10) / 100 * 100;
            list.Add(new Valuation(
                "val_" + Convert.ToHexStringLower(RandomBytes(_random, 6)),
                new Money(amount, currency),
                (ValuationMethod)_random.Next(3),
                _random.NextDouble() < 0.7 ? "pty_appraiser" + _random.Next(5) : null,
                effective,
                _random.NextDouble() < 0.5 ? $"PG-{effective.Year}-{_random.Next(1, 9999):D4}" : null,
                _random.NextDouble() < 0.6 ? new ValuationScores(_random.Next(40, 100), _random.Next(40, 100), _random.Next(30, 100)) : null,
                new DateTimeOffset(effective.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
        }
        return list;
    }

    private List<string> IpcCodes(Topic topic)
    {
        var codes = new List<string> { One(topic.Ipc) };
        if (_random.NextDouble() < 0.45) codes.Add(One(topic.Ipc));
        if (_random.NextDouble() < 0.12) codes.Add(One(Vocabulary.Topics[_random.Next(Vocabulary.Topics.Length)].Ipc)); // cross-field
        return codes;
    }

    // ---- text ----

    private (string Title, string Abstract) ChineseText(Topic t, PatentType type)
    {
        var noun = One(t.Nouns);
        var tech = One(t.Techs);
        var title = _random.Next(6) switch
        {
            0 => $"一种{noun}及其制备方法",
            1 => $"一种{One(t.Parts)}结构及{noun}",
            2 => $"基于{tech}的{noun}",
            3 => $"基于{tech}的{noun}{One(["方法", "系统", "装置", "方法及装置", "方法、装置、设备及存储介质"])}",
            4 => $"一种用于{One(t.Nouns)}的{One(t.Parts)}",
            _ => $"{noun}的{One(["控制", "检测", "制造", "装配", "优化"])}方法和装置",
        };
        var kind = type == PatentType.Invention ? "本发明" : "本实用新型";
        var sb = new StringBuilder();
        sb.Append($"{kind}公开了{(title.StartsWith("一种", StringComparison.Ordinal) ? title : "一种" + title)}，涉及{t.Field}技术领域。");
        sb.Append($"所述{noun}包括{One(t.Parts)}、{One(t.Parts)}和{One(t.Parts)}，所述{One(t.Parts)}设置于{One(t.Parts)}的{One(["上方", "内侧", "一端", "外周", "底部"])}；");
        sb.Append($"{One(["通过", "采用", "利用"])}{tech}{One(["对", "将"])}{One(t.Parts)}{One(["进行处理", "进行优化", "进行建模", "进行控制"])}，");
        sb.Append($"{One(["获取", "得到", "确定"])}{One(["目标参数", "特征信息", "状态数据", "控制指令"])}。");
        if (_random.NextDouble() < 0.5) sb.Append($"其中，{One(t.Parts)}的{One(["厚度", "温度", "比例", "频率", "长度"])}为{_random.Next(1, 500)}{One(["μm", "℃", "%", "Hz", "mm"])}。");
        if (_random.NextDouble() < 0.25) sb.Append($"可选地，还包括{One(Vocabulary.Topics[_random.Next(Vocabulary.Topics.Length)].Parts)}。"); // a word from another field
        sb.Append($"{kind}{One(t.Effects)}，{One(t.Effects)}，{One(["适用于大规模生产", "结构简单", "成本低廉", "便于推广应用", "具有良好的应用前景"])}。");
        return (title, sb.ToString());
    }

    private (string Title, string Abstract) EnglishText(Topic t)
    {
        var noun = One(t.EnNouns);
        var tech = One(t.EnTechs);
        var title = _random.Next(4) switch
        {
            0 => $"{Capital(noun)} and method for manufacturing the same",
            1 => $"{One(["Method", "System", "Apparatus"])} for controlling a {noun} using {tech}",
            2 => $"{Capital(noun)} with improved {One(t.EnParts)}",
            _ => $"{Capital(noun)}, {One(t.EnParts)} and {One(["electronic device", "vehicle", "system", "storage medium"])}",
        };
        var summary =
            $"A {noun} includes a {One(t.EnParts)}, a {One(t.EnParts)}, and a {One(t.EnParts)}. " +
            $"The {One(t.EnParts)} is disposed on the {One(t.EnParts)} and is configured to {One(["receive", "process", "transmit", "regulate", "store"])} " +
            $"{One(["a signal", "heat", "data", "a current", "a fluid"])} by {tech}. " +
            $"{One(["Accordingly", "As a result", "Thus"])}, the {noun} {One(["achieves higher efficiency", "has a longer service life", "reduces cost", "improves reliability", "operates with lower latency"])}.";
        return (title, summary);
    }

    private (string Title, string Abstract) DesignText(Topic t)
    {
        var product = One(Vocabulary.DesignProducts) + One(Vocabulary.DesignVariants);
        var summary = $"1．本外观设计产品的名称：{product}。2．本外观设计产品的用途：用于{One(["日常生活", "办公", "家居", "户外", t.Field + "领域"])}。" +
                      $"3．本外观设计产品的设计要点：在于{One(["形状", "图案", "形状与图案的结合", "色彩与形状的结合"])}。4．最能表明设计要点的图片或照片：{One(["立体图", "主视图", "使用状态参考图"])}。";
        return (product, summary);
    }

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    // ---- randomness ----

    private T One<T>(T[] items) => items[_random.Next(items.Length)];

    private int Pick(double[] weights)
    {
        var x = _random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
            if ((x -= weights[i]) < 0) return i;
        return weights.Length - 1;
    }

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
