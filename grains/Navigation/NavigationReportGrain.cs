using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Navigation;

public sealed class NavigationReportGrain(
    [PersistentState("navigation-report", MarketStorage.Name)] IPersistentState<NavigationReportState> report,
    MarketClock clock) : Grain, INavigationReportGrain
{
    public const int MaxFilingNumber = 100;

    private string Id => this.GetPrimaryKeyString();

    public async Task<NavigationReportView> Publish(NavigationReportContent content)
    {
        if (report.State.Content is { } published)
            // A retry of the same publication rebuilds the same content but for the instant: it is the same report.
            return published with { PublishedAt = content.PublishedAt } == content || SameReport(published, content)
                ? View()
                : throw DomainException.Conflict("report_exists", $"Report {Id} was published with other content; a revision is a new report.");
        report.State.Content = content;
        await report.WriteStateAsync();
        return View();
    }

    public Task<NavigationReportView?> Get() => Task.FromResult(report.State.Content is null ? null : View());

    public async Task<NavigationReportView> MarkFiled(string filingNumber, DateOnly filedOn)
    {
        if (report.State.Content is not { } content)
            throw DomainException.NotFound("report_not_found", $"Navigation report {Id} does not exist.");
        var number = filingNumber?.Trim() ?? "";
        if (number.Length is 0 or > MaxFilingNumber)
            throw DomainException.Invalid("invalid_filing_number", "filingNumber", $"A filing number of 1 to {MaxFilingNumber} characters.");
        if (filedOn > clock.Today)
            throw DomainException.Invalid("date_in_future", "filedOn", $"{filedOn:yyyy-MM-dd} is after today ({clock.Today:yyyy-MM-dd}).");
        if (filedOn < MarketClock.DayOf(content.PublishedAt))
            throw DomainException.Unprocessable("filed_before_publication", $"The report was published on {MarketClock.DayOf(content.PublishedAt):yyyy-MM-dd}.", "filedOn");
        if (report.State.Filing is { } filing)
            return filing.FilingNumber == number && filing.FiledOn == filedOn
                ? View()
                : throw DomainException.Conflict("report_already_filed", $"Report {Id} was filed as {filing.FilingNumber} on {filing.FiledOn:yyyy-MM-dd}.", "filingNumber");
        report.State.Filing = new ReportFiling(number, filedOn, clock.GetUtcNow(), CallerContext.Current);
        await report.WriteStateAsync();
        return View();
    }

    public async Task Cite(ReportCitation citation)
    {
        if (report.State.Content is null) throw DomainException.NotFound("report_not_found", $"Navigation report {Id} does not exist.");
        if (report.State.Citations.Any(c => c.Kind == citation.Kind && c.Id == citation.Id)) return;
        report.State.Citations.Add(citation);
        await report.WriteStateAsync();
    }

    /// <summary>The same publication: project, version, snapshot, title and conclusions (a retry's instant differs).</summary>
    private static bool SameReport(NavigationReportContent a, NavigationReportContent b) =>
        a.ProjectId == b.ProjectId && a.Version == b.Version && a.SnapshotId == b.SnapshotId && a.Title == b.Title && a.Conclusions.SequenceEqual(b.Conclusions);

    private NavigationReportView View() => new(Id, report.State.Content!, report.State.Filing, report.State.Citations);
}
