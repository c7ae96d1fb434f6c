using System.Text.RegularExpressions;
using Aftercare.Domain.Common;

namespace Aftercare.Domain.Directory;

/// <summary>How to reach a service: a phone number, an email address, a website and a postal address, each optional.</summary>
public sealed partial record ServiceContacts(string? Phone, string? Email, string? Website, string? AddressLine1, string? AddressLine2, string? Town, string? Postcode)
{
    public static readonly ServiceContacts None = new(null, null, null, null, null, null, null);

    public bool HasAddress => AddressLine1 is not null;

    /// <summary>
    /// Checks and tidies what was given. At least one of phone, email or website is needed: a
    /// service a practitioner cannot reach is no use to the person in front of them.
    /// </summary>
    public static ServiceContacts Create(string? phone, string? email, string? website, string? addressLine1, string? addressLine2, string? town, string? postcode)
    {
        var p = Text.Clean(phone);
        if (p is not null)
        {
            p = Spaces().Replace(p, " ");
            var digits = p.Count(char.IsAsciiDigit);
            if (!PhoneChars().IsMatch(p) || digits < 3 || digits > 15 || p.Length > 40)
                throw new ClinicalRuleException("Enter a phone number using numbers only, like 0113 496 0123 or 116 123", nameof(Phone));
        }
        var e = Text.Clean(email);
        if (e is not null && (e.Length > 254 || !EmailShape().IsMatch(e)))
            throw new ClinicalRuleException("Enter an email address in the right format, like referrals@example.nhs.uk", nameof(Email));
        var w = Text.Clean(website);
        if (w is not null && (w.Length > 500 || !Uri.TryCreate(w, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
            throw new ClinicalRuleException("Enter the website as a full address starting https://, like https://www.example.org/referrals", nameof(Website));
        if (p is null && e is null && w is null)
            throw new ClinicalRuleException("Enter at least one way to contact the service: a phone number, an email address or a website", nameof(Phone));

        var line1 = Text.Clean(addressLine1);
        var line2 = Text.Clean(addressLine2);
        var townText = Text.Clean(town);
        var post = Text.Clean(postcode);
        if (line1 is null && (line2 is not null || townText is not null || post is not null))
            throw new ClinicalRuleException("Enter the first line of the address, or leave the address blank", nameof(AddressLine1));
        if (line1 is { Length: > 200 }) throw new ClinicalRuleException("Address line 1 must be 200 characters or fewer", nameof(AddressLine1));
        if (line2 is { Length: > 200 }) throw new ClinicalRuleException("Address line 2 must be 200 characters or fewer", nameof(AddressLine2));
        if (townText is { Length: > 100 }) throw new ClinicalRuleException("Town or city must be 100 characters or fewer", nameof(Town));
        string? normalised = null;
        if (post is not null)
        {
            if (!ServiceAreas.TryPostcode(post, out var pc))
                throw new ClinicalRuleException("Enter a full postcode, like LS6 2AB", nameof(Postcode));
            normalised = pc;
        }
        return new ServiceContacts(p, e, w, line1, line2, townText, normalised);
    }

    [GeneratedRegex(@"^\+?[0-9 ()\-]+$")]
    private static partial Regex PhoneChars();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
