using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Transfers;

namespace PatentNav.Market.Tests.Transfers;

/// <summary>Technology export (§7): what a buyer abroad needs, and what it can never have.</summary>
public sealed class ExportCheckTests
{
    private static (string, ExportControl)[] Patents(params ExportControl[] classes) =>
        [.. classes.Select((c, i) => ($"20201000000{i}.{i}", c))];

    [Fact]
    public void A_buyer_in_China_needs_no_export_papers_even_for_prohibited_technology() =>
        Assert.Equal(ExportRequirement.None, ExportCheck.For("CN", Patents(ExportControl.Free, ExportControl.Restricted, ExportControl.Prohibited)));

    [Fact]
    public void Free_technology_abroad_needs_the_registration_certificate() =>
        Assert.Equal(new ExportRequirement(true, false), ExportCheck.For("US", Patents(ExportControl.Free)));

    [Fact]
    public void Restricted_technology_abroad_needs_an_export_licence() =>
        Assert.Equal(new ExportRequirement(false, true), ExportCheck.For("DE", Patents(ExportControl.Restricted)));

    [Fact]
    public void A_mix_needs_both_documents() =>
        Assert.Equal(new ExportRequirement(true, true), ExportCheck.For("HK", Patents(ExportControl.Free, ExportControl.Restricted)));

    [Fact]
    public void Prohibited_technology_cannot_go_abroad_and_the_refusal_names_the_patent()
    {
        var refusal = Assert.Throws<DomainException>(() => ExportCheck.For("JP", Patents(ExportControl.Free, ExportControl.Prohibited)));

        Assert.Equal(("export_prohibited", ErrorKind.Conflict, "patents[1]"), (refusal.Code, refusal.Kind, refusal.Field));
    }

    [Theory]
    [InlineData(true, false, null, null, "registration_certificate_required", "registrationCertificateNumber")]
    [InlineData(false, true, "2026-TE-000123", null, "export_licence_required", "exportLicenceNumber")]
    [InlineData(true, true, null, "EL-2026-0042", "registration_certificate_required", "registrationCertificateNumber")]
    [InlineData(true, false, "short", null, "invalid_document_number", "registrationCertificateNumber")]
    [InlineData(false, true, null, "有中文的编号", "invalid_document_number", "exportLicenceNumber")]
    public void Missing_or_malformed_documents_are_refused(bool certificate, bool licence, string? certificateNumber, string? licenceNumber, string code, string field)
    {
        var refusal = Assert.Throws<DomainException>(() => ExportCheck.Verify(new ExportRequirement(certificate, licence), certificateNumber, licenceNumber));

        Assert.Equal((code, field), (refusal.Code, refusal.Field));
    }

    [Fact]
    public void Documents_are_trimmed_and_blank_ones_count_as_missing()
    {
        Assert.Equal(("2026-TE-000123", (string?)null), ExportCheck.Verify(new ExportRequirement(true, false), " 2026-TE-000123 ", "  "));
        Assert.Equal(((string?)null, (string?)null), ExportCheck.Verify(ExportRequirement.None, null, null));
    }
}
