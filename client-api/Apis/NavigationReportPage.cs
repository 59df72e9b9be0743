using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;
using PatentNav.Market.Grains.Navigation;

namespace PatentNav.Market.ClientApi.Apis;

/// <summary>A published navigation report as a page (inline SVG charts, no script) and its data pack as CSV.</summary>
public static class NavigationReportPage
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>One row per figure: section, series, key, value. Every number of the page is a row.</summary>
    public static IEnumerable<(string Section, string Series, string Key, string Value)> Figures(Landscape l)
    {
        yield return ("scope", "patents", "", N(l.Patents));
        if (l.Trend is { } t)
        {
            foreach (var f in t.Filings) yield return ("trend", "filings", $"{f.Year} {f.Status} {f.Type}", N(f.Count));
            foreach (var g in t.Grants) yield return ("trend", "grants", $"{g.Year} {g.Status} {g.Type}", N(g.Count));
            foreach (var g in t.Growth) yield return ("trend", "cagr", g.Class, g.Cagr is { } c ? N(c) : "");
            foreach (var h in t.HotSpots) yield return ("trend", "hot_spot", h, "1");
        }
        if (l.Holders is { } h2)
        {
            yield return ("holders", "concentration", "hhi", N(h2.Concentration.Hhi));
            yield return ("holders", "concentration", "cr4", N(h2.Concentration.Cr4));
            yield return ("holders", "concentration", "cr8", N(h2.Concentration.Cr8));
            yield return ("holders", "life_cycle", "stage", h2.Stage.ToString());
            foreach (var r in h2.Ranking) yield return ("holders", "share", r.Name ?? r.Id, N(r.Share));
            foreach (var e in h2.NewEntrants) yield return ("holders", "new_entrants", N(e.Year), N(e.Count));
        }
        if (l.Composition is { } c2)
        {
            foreach (var s in c2.Subclasses) yield return ("composition", "subclass", s.Class, N(s.Patents));
            foreach (var g in c2.MainGroups) yield return ("composition", "main_group", g.Class, N(g.Patents));
            yield return ("composition", "co_owned_share", "", N(c2.CoOwnedShare));
            yield return ("composition", "academic_share", "", N(c2.AcademicShare));
        }
        if (l.Value is { } v)
        {
            foreach (var (key, value) in new[] { ("min", v.Min), ("q1", v.Q1), ("median", v.Median), ("q3", v.Q3), ("max", v.Max) })
                yield return ("value", $"quartiles_{v.Currency}", key, value is { } x ? N(x) : "");
            foreach (var b in v.Histogram) yield return ("value", $"histogram_{v.Currency}", $"{N(b.From)}-{(b.To is { } to ? N(to) : "")}", N(b.Patents));
        }
        if (l.Operations is { } o)
            foreach (var f in o.Quarters.Concat(o.Years).Concat(o.Outstanding))
            {
                yield return ("operations", $"{f.Kind}_count", $"{f.Period} {f.Currency}".Trim(), N(f.Count));
                yield return ("operations", $"{f.Kind}_amount", $"{f.Period} {f.Currency}".Trim(), f.Amount is { } a ? N(a) : "withheld");
            }
        if (l.Positioning is { } p)
        {
            yield return ("positioning", "patent_share", p.Focus, N(p.PatentShare));
            foreach (var y in p.FilingsPerYear) yield return ("positioning", "filings_share", y.Key, N(y.Share));
        }
    }

    public static string Csv(NavigationReportView report)
    {
        using var text = new StringWriter(Invariant);
        using var csv = CsvWriter.Create(text, CsvWriterOptions.Default, true);
        foreach (var header in new[] { "section", "series", "key", "value" }) csv.WriteField(header);
        csv.EndRecord();
        foreach (var (section, series, key, value) in Figures(report.Content.Landscape))
        {
            csv.WriteField(section); csv.WriteField(series); csv.WriteField(key); csv.WriteField(value);
            csv.EndRecord();
        }
        csv.Flush();
        return text.ToString();
    }

    public static string Html(NavigationReportView report)
    {
        var c = report.Content;
        var l = c.Landscape;
        var html = new StringBuilder();
        html.Append($"""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{E(c.Title)}</title>
            <style>body{"{"}font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.5{"}"} table{"{"}border-collapse:collapse{"}"} td,th{"{"}border:1px solid #ccc;padding:.2rem .5rem{"}"}</style></head><body>
            <h1>{E(c.Title)}</h1>
            <p>{E(c.ProjectName)} · {E(c.ProjectType.ToString())} · version {c.Version}{(c.PreviousVersionId is { } prev ? $" (revises {E(prev)})" : "")} · data as of {l.AsOf:yyyy-MM-dd} · published {c.PublishedAt:yyyy-MM-dd}</p>
            """);
        if (report.Filing is { } filing) html.Append($"<p>备案 {E(filing.FilingNumber)} ({filing.FiledOn:yyyy-MM-dd})</p>");
        html.Append("<h2>Conclusions</h2>");
        foreach (var paragraph in c.Conclusions) html.Append($"<p>{E(paragraph)}</p>");
        html.Append($"<h2>Scope</h2><p>{N(l.Patents)} patents</p>");
        if (l.Trend is { } t)
            html.Append("<h2>Filings per year</h2>").Append(Bars(t.Filings.GroupBy(f => f.Year).OrderBy(g => g.Key).Select(g => (N(g.Key), (double)g.Sum(f => f.Count)))))
                .Append($"<p>Hot spots ({t.BaseYear}–{t.EndYear}): {E(string.Join(", ", t.HotSpots))}</p>");
        if (l.Holders is { } h)
            html.Append("<h2>Holders</h2>").Append(Bars(h.Ranking.Select(r => (r.Name ?? r.Id, r.Share * 100))))
                .Append($"<p>HHI {N(h.Concentration.Hhi)} ({h.Concentration.Band}), CR4 {N(h.Concentration.Cr4)}, CR8 {N(h.Concentration.Cr8)}; life cycle: {h.Stage}</p>");
        if (l.Composition is { } comp)
            html.Append("<h2>IPC subclasses</h2>").Append(Bars(comp.Subclasses.Take(20).Select(s => (s.Class, (double)s.Patents))));
        html.Append("<h2>Data</h2><table><tr><th>section</th><th>series</th><th>key</th><th>value</th></tr>");
        foreach (var (section, series, key, value) in Figures(l))
            html.Append($"<tr><td>{E(section)}</td><td>{E(series)}</td><td>{E(key)}</td><td>{E(value)}</td></tr>");
        return html.Append("</table></body></html>").ToString();
    }

    /// <summary>A horizontal bar chart as inline SVG, bars scaled to the largest value.</summary>
    private static string Bars(IEnumerable<(string Label, double Value)> items)
    {
        var rows = items.ToList();
        if (rows.Count == 0) return "<p>—</p>";
        var max = Math.Max(rows.Max(r => r.Value), 1e-9);
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"{rows.Count * 22 + 4}\" role=\"img\">");
        for (var i = 0; i < rows.Count; i++)
        {
            var width = (int)Math.Round(400 * rows[i].Value / max);
            svg.Append($"<text x=\"0\" y=\"{i * 22 + 16}\" font-size=\"12\">{E(Truncate(rows[i].Label))}</text>")
               .Append($"<rect x=\"180\" y=\"{i * 22 + 4}\" width=\"{width}\" height=\"16\" fill=\"#3b7dd8\"/>")
               .Append($"<text x=\"{186 + width}\" y=\"{i * 22 + 16}\" font-size=\"12\">{N(Math.Round(rows[i].Value, 2))}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Truncate(string s) => s.Length > 24 ? s[..23] + "…" : s;

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string N(double d) => d.ToString(Invariant);

    private static string N(long d) => d.ToString(Invariant);
}
