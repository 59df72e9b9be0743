namespace PatentNav.Market.Grains.Navigation;

/// <summary>A published navigation report version, keyed <c>nvr_…</c>.</summary>
public interface INavigationReportGrain : IGrainWithStringKey
{
    /// <summary>Stores the published content once; the same content again returns it, other content is 409 <c>report_exists</c>.</summary>
    Task<NavigationReportView> Publish(NavigationReportContent content);

    /// <summary>The report, or null if it was never published.</summary>
    Task<NavigationReportView?> Get();

    /// <summary>
    /// Records the filing (备案): a number (400 <c>invalid_filing_number</c>) and a date not in the future (400
    /// <c>date_in_future</c>) nor before publication (422 <c>filed_before_publication</c>). The same filing again returns the
    /// report; another is 409 <c>report_already_filed</c>. 404 <c>report_not_found</c>.
    /// </summary>
    Task<NavigationReportView> MarkFiled(string filingNumber, DateOnly filedOn);

    /// <summary>Records that a listing or pool cites the report (its content never changes; the citations are beside it). Again: a no-op.</summary>
    Task Cite(ReportCitation citation);
}
