using System.Text.RegularExpressions;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Grains.Transfers;

/// <summary>
/// The papers a transfer abroad needs (§7; 技术进出口管理条例): a buyer outside CN needs a technology-export
/// registration certificate for freely exportable technology and an export licence for restricted
/// technology (both when the transfer holds both kinds); prohibited technology cannot go abroad.
/// A buyer in CN needs neither.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ExportRequirement(bool RegistrationCertificate, bool ExportLicence)
{
    public static readonly ExportRequirement None = new(false, false);

    public bool Any => RegistrationCertificate || ExportLicence;
}

public static partial class ExportCheck
{
    public const string Domestic = "CN";

    /// <summary>
    /// The requirement for a buyer in <paramref name="buyerCountry"/> and the patents' classes, in the
    /// transfer's order; 409 <c>export_prohibited</c> on <c>patents[i]</c> for prohibited technology going abroad.
    /// </summary>
    public static ExportRequirement For(string buyerCountry, IReadOnlyList<(string Number, ExportControl Class)> patents)
    {
        if (buyerCountry == Domestic) return ExportRequirement.None;
        for (var i = 0; i < patents.Count; i++)
            if (patents[i].Class == ExportControl.Prohibited)
                throw DomainException.Conflict("export_prohibited",
                    $"The technology of patent {patents[i].Number} is prohibited from export; a buyer in {buyerCountry} cannot acquire it.", $"patents[{i}]");
        return new ExportRequirement(
            patents.Any(p => p.Class == ExportControl.Free),
            patents.Any(p => p.Class == ExportControl.Restricted));
    }

    /// <summary>
    /// Checks the clearance against the requirement: each document it needs is present (422
    /// <c>registration_certificate_required</c> / <c>export_licence_required</c>) and every number given
    /// is 6–40 letters, digits or hyphens (400 <c>invalid_document_number</c>). Returns the numbers trimmed.
    /// </summary>
    public static (string? Certificate, string? Licence) Verify(ExportRequirement requirement, string? certificate, string? licence)
    {
        certificate = Normalize(certificate, "registrationCertificateNumber");
        licence = Normalize(licence, "exportLicenceNumber");
        if (requirement.RegistrationCertificate && certificate is null)
            throw DomainException.Unprocessable("registration_certificate_required",
                "Freely exportable technology goes abroad with a technology-export contract registration certificate.", "registrationCertificateNumber");
        if (requirement.ExportLicence && licence is null)
            throw DomainException.Unprocessable("export_licence_required",
                "Restricted technology goes abroad only with a technology export licence.", "exportLicenceNumber");
        return (certificate, licence);
    }

    private static string? Normalize(string? number, string field)
    {
        if (string.IsNullOrWhiteSpace(number)) return null;
        var trimmed = number.Trim();
        return DocumentNumber().IsMatch(trimmed)
            ? trimmed
            : throw DomainException.Invalid("invalid_document_number", field, "Use the document's number: 6 to 40 letters, digits or hyphens.");
    }

    [GeneratedRegex("^[A-Za-z0-9-]{6,40}$")]
    private static partial Regex DocumentNumber();
}
