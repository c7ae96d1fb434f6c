using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aftercare.Domain.Directory;

namespace Aftercare.Web.Features.Directory;

/// <summary>
/// The directory in the Open Referral UK form (the UK profile of the Human Services Data
/// Specification, HSDS 3): services with their organisation, service areas, eligibility, phones,
/// schedules and location. What HSDS has no field for (the service type, the needs a service
/// meets, exclusions, the typical wait) travels as attributes with taxonomy terms of Aftercare's
/// own taxonomies, the extension HSDS provides for it. The mapping is set out in
/// docs/decisions/0008-open-referral-directory.md.
/// </summary>
public static class OpenReferral
{
    public const string TypeTaxonomy = "aftercare-service-types";
    public const string NeedTaxonomy = "aftercare-needs";
    public const string DirectoryTaxonomy = "aftercare-directory";
    public const string ExclusionCode = "exclusion";
    public const string WaitCode = "typical-wait-days";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// The directory as one page of the Open Referral API's list of services ("contents"), so a
    /// file downloaded here reads like an answer from any directory that publishes the API.
    /// </summary>
    public static byte[] Export(IReadOnlyList<AftercareService> services)
    {
        var contents = new JsonArray();
        foreach (var s in services) contents.Add(ServiceNode(s));
        var root = new JsonObject
        {
            ["total_items"] = services.Count,
            ["total_pages"] = 1,
            ["page_number"] = 1,
            ["size"] = services.Count,
            ["first_page"] = true,
            ["last_page"] = true,
            ["empty"] = services.Count == 0,
            ["contents"] = contents,
        };
        return Encoding.UTF8.GetBytes(root.ToJsonString(Indented));
    }

    private static JsonObject ServiceNode(AftercareService s)
    {
        var id = s.OpenReferralId;
        var node = new JsonObject
        {
            ["id"] = id,
            ["name"] = s.Name,
            ["status"] = s.IsActive ? "active" : "inactive",
        };
        Put(node, "description", s.Description);
        Put(node, "url", s.Contacts.Website);
        Put(node, "email", s.Contacts.Email);
        Put(node, "application_process", s.HowToRefer);
        // One criterion a line: any reader sees the list, and Aftercare reads it back line by line.
        if (s.EligibilityCriteria.Count > 0) node["eligibility_description"] = string.Join("\n", s.EligibilityCriteria);
        node["last_modified"] = s.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        if (s.Provider is { } provider)
            node["organization"] = new JsonObject { ["id"] = StableId("organization", provider.ToLowerInvariant()), ["name"] = provider, ["description"] = "" };

        var phones = new JsonArray();
        if (s.Contacts.Phone is { } phone)
            phones.Add(new JsonObject { ["id"] = StableId(id, "phone"), ["service_id"] = id, ["number"] = phone, ["type"] = "voice" });
        node["phones"] = phones;

        var schedules = new JsonArray();
        var n = 0;
        foreach (var session in s.Hours.Sessions)
            schedules.Add(new JsonObject
            {
                ["id"] = StableId(id, "schedule", (n++).ToString(CultureInfo.InvariantCulture)),
                ["service_id"] = id,
                ["freq"] = "WEEKLY",
                ["byday"] = DayCode(session.Day),
                ["opens_at"] = OpeningHours.Time(session.Opens),
                ["closes_at"] = OpeningHours.Time(session.Closes),
            });
        if (s.Hours.Note is { } note)
            schedules.Add(new JsonObject { ["id"] = StableId(id, "schedule", "note"), ["service_id"] = id, ["description"] = note });
        node["schedules"] = schedules;

        var areas = new JsonArray();
        if (s.IsNational)
            areas.Add(Area(id, ServiceAreas.NationalName, "Anywhere in the country"));
        foreach (var district in s.PostcodeDistricts) areas.Add(Area(id, district, "Postcode district"));
        foreach (var authority in s.LocalAuthorities) areas.Add(Area(id, authority, "Local authority"));
        node["service_areas"] = areas;

        var locations = new JsonArray();
        if (s.Contacts.HasAddress)
        {
            var c = s.Contacts;
            var address = new JsonObject { ["id"] = StableId(id, "address"), ["address_1"] = c.AddressLine1 };
            Put(address, "address_2", c.AddressLine2);
            address["city"] = c.Town ?? "";
            address["state_province"] = "";
            address["postal_code"] = c.Postcode ?? "";
            address["country"] = "GB";
            address["address_type"] = "physical";
            locations.Add(new JsonObject
            {
                ["id"] = StableId(id, "service_at_location"),
                ["service_id"] = id,
                ["location"] = new JsonObject
                {
                    ["id"] = StableId(id, "location"),
                    ["location_type"] = "physical",
                    ["name"] = s.Name,
                    ["addresses"] = new JsonArray(address),
                },
            });
        }
        node["service_at_locations"] = locations;

        var attributes = new JsonArray { Attribute(id, 0, TypeTaxonomy, ServiceTypes.Code(s.Type), ServiceTypes.Name(s.Type), null) };
        var i = 1;
        foreach (var need in s.Needs) attributes.Add(Attribute(id, i++, NeedTaxonomy, need, ServiceNeeds.Name(need), null));
        foreach (var exclusion in s.Exclusions) attributes.Add(Attribute(id, i++, DirectoryTaxonomy, ExclusionCode, "Exclusion", exclusion));
        if (s.TypicalWaitDays is { } days)
            attributes.Add(Attribute(id, i, DirectoryTaxonomy, WaitCode, "Typical wait in days", days.ToString(CultureInfo.InvariantCulture)));
        node["attributes"] = attributes;
        return node;
    }

    private static JsonObject Area(string serviceId, string name, string description) => new()
    {
        ["id"] = StableId(serviceId, "service_area", name.ToLowerInvariant()),
        ["service_id"] = serviceId,
        ["name"] = name,
        ["description"] = description,
    };

    private static JsonObject Attribute(string serviceId, int index, string taxonomy, string code, string name, string? value)
    {
        var termId = TermId(taxonomy, code);
        var attribute = new JsonObject
        {
            ["id"] = StableId(serviceId, "attribute", index.ToString(CultureInfo.InvariantCulture)),
            ["link_id"] = serviceId,
            ["link_entity"] = "service",
            ["taxonomy_term_id"] = termId,
            ["taxonomy_term"] = new JsonObject
            {
                ["id"] = termId,
                ["code"] = code,
                ["name"] = name,
                ["description"] = name,
                ["taxonomy"] = taxonomy,
                ["taxonomy_id"] = StableId("taxonomy", taxonomy),
            },
        };
        if (value is not null) attribute["value"] = value;
        return attribute;
    }

    private static void Put(JsonObject node, string name, string? value)
    {
        if (value is not null) node[name] = value;
    }

    /// <summary>The id of one of Aftercare's taxonomy terms: the same in every file and every deployment.</summary>
    public static string TermId(string taxonomy, string code) => StableId("taxonomy_term", taxonomy, code);

    /// <summary>
    /// A UUID made from names (the RFC 9562 version 5 recipe), so the parts of a service (its phone,
    /// its areas) keep the same ids each time the directory is exported.
    /// </summary>
    public static string StableId(params string[] parts)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes("aftercare-directory/" + string.Join("/", parts)));
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    public static string DayCode(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "MO",
        DayOfWeek.Tuesday => "TU",
        DayOfWeek.Wednesday => "WE",
        DayOfWeek.Thursday => "TH",
        DayOfWeek.Friday => "FR",
        DayOfWeek.Saturday => "SA",
        _ => "SU",
    };

    public static DayOfWeek? DayFromCode(string code) => code.Trim().ToUpperInvariant() switch
    {
        "MO" => DayOfWeek.Monday,
        "TU" => DayOfWeek.Tuesday,
        "WE" => DayOfWeek.Wednesday,
        "TH" => DayOfWeek.Thursday,
        "FR" => DayOfWeek.Friday,
        "SA" => DayOfWeek.Saturday,
        "SU" => DayOfWeek.Sunday,
        _ => null,
    };
}
