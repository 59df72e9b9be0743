using JiebaNet.Segmenter;

namespace PatentNav.Market.Grains.Matching;

/// <summary>
/// Words of Chinese and English text for matching (docs/MATCHING.md): jieba's dictionary and HMM segmentation for
/// 中文, lower-cased letters and digits for English; punctuation, spaces and stop words dropped. Indexed text is cut in
/// jieba's search mode (every dictionary word inside a long word too: 锂离子电池 → 离子, 锂离子, 电池, 锂离子电池), a
/// keyword in its accurate mode, so a keyword hits a field when all of its words are among the field's.
/// </summary>
public static class TextTokens
{
    private static readonly Lazy<JiebaSegmenter> Segmenter = new(() =>
    {
        // The package's dictionaries are copied beside the assemblies (grains .csproj); nothing is fetched.
        ConfigManager.ConfigFileBaseDir = Path.Combine(AppContext.BaseDirectory, "Resources", "jieba");
        return new JiebaSegmenter();
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    // jieba's segmenter keeps per-call state in the instance; one cut at a time (a cut of a title takes microseconds).
    private static readonly Lock Gate = new();

    /// <summary>Words of patent boilerplate that say nothing about the technology (一种…及其制备方法).</summary>
    private static readonly HashSet<string> StopWords =
    [
        "一种", "及其", "其", "方法", "装置", "系统", "用于", "制备", "本发明", "公开", "涉及", "所述", "以及", "一个", "包括", "的", "和", "与", "或", "及", "在", "中", "为",
        "a", "an", "and", "or", "of", "the", "for", "to", "in", "on", "with", "by", "method", "device", "system", "apparatus", "thereof", "same",
    ];

    /// <summary>The words of indexed text (titles, abstracts, descriptions), distinct, in first-seen order.</summary>
    public static IReadOnlyList<string> Index(string? text) => Cut(text, search: true);

    /// <summary>The words a keyword needs (accurate mode).</summary>
    public static IReadOnlyList<string> Keyword(string? text) => Cut(text, search: false);

    private static IReadOnlyList<string> Cut(string? text, bool search)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        IEnumerable<string> words;
        lock (Gate) words = search ? [.. Segmenter.Value.CutForSearch(text)] : [.. Segmenter.Value.Cut(text)];
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in words)
            foreach (var word in Normalize(raw))
                if (!StopWords.Contains(word) && seen.Add(word)) result.Add(word);
        return result;
    }

    /// <summary>A segment lower-cased, split at anything that is neither a letter nor a digit ("Li-ion" → li, ion).</summary>
    private static IEnumerable<string> Normalize(string segment)
    {
        var start = -1;
        for (var i = 0; i <= segment.Length; i++)
        {
            var inWord = i < segment.Length && char.IsLetterOrDigit(segment[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                yield return segment[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }
}
