namespace PatentNav.Market.Grains.Navigation;

/// <summary>What cites a published report: a listing or a pool it informs (issue 13 item 4).</summary>
[GenerateSerializer]
public enum CitingKind
{
    Listing,
    Pool,
}

/// <summary>A listing or pool that cites a report, and since when.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ReportCitation([property: Id(0)] CitingKind Kind, [property: Id(1)] string Id, [property: Id(2)] DateTimeOffset At);

/// <summary>
/// Citing reports from a listing or a pool: at most <see cref="MaxReports"/> distinct ids, each a published report (422
/// <c>unknown_report</c> naming <c>reportIds[i]</c>: a report exists only once published). Each cited report records the
/// citation, so it can list what cites it. That the caller may read each report is the gateway's check (tenancy).
/// </summary>
public static class ReportCitations
{
    public const int MaxReports = 20;

    /// <summary>The distinct ids, checked and recorded on each report; called before the citing grain writes its own state.</summary>
    public static async Task<IReadOnlyList<string>> Cite(IGrainFactory grains, IReadOnlyList<string> reportIds, CitingKind kind, string citingId, DateTimeOffset at)
    {
        if (reportIds.Count > MaxReports) throw DomainException.Invalid("too_long", "reportIds", $"At most {MaxReports} reports.");
        var distinct = reportIds.Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < reportIds.Count; i++)
            if (await grains.GetGrain<INavigationReportGrain>(reportIds[i]).Get() is null)
                throw DomainException.Unprocessable("unknown_report", $"Navigation report {reportIds[i]} is not published.", $"reportIds[{i}]");
        // Recorded on the reports first: a citing write that then fails leaves a citation its reader skips (the listing or pool does not cite it).
        foreach (var id in distinct) await grains.GetGrain<INavigationReportGrain>(id).Cite(new ReportCitation(kind, citingId, at));
        return distinct;
    }
}
