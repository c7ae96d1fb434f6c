using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aftercare.Domain.Common;
using Aftercare.Domain.Directory;

namespace Aftercare.Web.Features.Directory;

/// <summary>A service read from an Open Referral file, checked against the directory's rules, ready to load.</summary>
public sealed record ImportedService(string OpenReferralId, ServiceDetails Details, bool IsActive);

/// <summary>What a file holds: its services, or what is wrong with it. A file with any problem loads nothing.</summary>
public sealed record ImportRead(IReadOnlyList<ImportedService> Services, IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// Reads a directory published in the Open Referral UK form: a bare list of services, or a page
/// of the Open Referral API with the services in "contents" ("content" in the first UK version).
/// Every problem is named by where it is: the line and column of JSON that cannot be read, or the
/// path of a field ("services[3].name is missing"), so the publisher can put it right. Every
/// service is checked against the same rules as one added by hand before anything is loaded.
/// </summary>
public sealed partial class OpenReferralReader
{
    public const int MaxServices = 2000;
    public const int MaxProblems = 20;

    private static readonly Dictionary<string, (string Taxonomy, string Code)> KnownTerms = BuildKnownTerms();
    private static readonly string[] OurTaxonomies = [OpenReferral.TypeTaxonomy, OpenReferral.NeedTaxonomy, OpenReferral.DirectoryTaxonomy];

    private readonly List<string> problems = [];
    private int unreported;

    public static ImportRead Read(ReadOnlyMemory<byte> file) => new OpenReferralReader().ReadFile(file);

    private ImportRead ReadFile(ReadOnlyMemory<byte> file)
    {
        // A byte order mark is not JSON, but editors on Windows write one.
        if (file.Span.StartsWith("\uFEFF"u8)) file = file[3..];
        if (file.Span.Trim(" \t\r\n"u8).IsEmpty) return new ImportRead([], ["The file is empty. Choose an Open Referral JSON file of services"]);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(file, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            return new ImportRead([], [NotJson(e)]);
        }
        using (document)
        {
            var services = new List<ImportedService>();
            if (!TryList(document.RootElement, out var list, out var prefix))
                return new ImportRead([], ["The file must be a list of services: a JSON array of services, or an Open Referral page with the services in \"contents\""]);
            var count = list.GetArrayLength();
            if (count > MaxServices)
                return new ImportRead([], [$"The file holds {count} services. Load up to {MaxServices} at a time"]);
            if (count == 0)
                return new ImportRead([], [$"The file holds no services: \"{prefix}\" is an empty list"]);
            var seen = new Dictionary<string, string>();
            var i = 0;
            foreach (var element in list.EnumerateArray())
            {
                var path = $"{prefix}[{i++}]";
                if (element.ValueKind != JsonValueKind.Object) { Problem($"{path} must be an object describing one service"); continue; }
                var service = ReadService(element, path);
                if (service is null) continue;
                if (seen.TryGetValue(service.OpenReferralId, out var first))
                {
                    Problem($"{path}.id \"{service.OpenReferralId}\" is the same as {first}.id: each service needs an id of its own");
                    continue;
                }
                seen[service.OpenReferralId] = path;
                services.Add(service);
            }
            if (unreported > 0) problems.Add($"… and {unreported} more {(unreported == 1 ? "problem" : "problems")}");
            return problems.Count > 0 ? new ImportRead([], problems) : new ImportRead(services, []);
        }
    }

    private static bool TryList(JsonElement root, out JsonElement list, out string prefix)
    {
        list = default;
        prefix = "services";
        if (root.ValueKind == JsonValueKind.Array) { list = root; return true; }
        if (root.ValueKind != JsonValueKind.Object) return false;
        foreach (var name in new[] { "contents", "content" })
        {
            if (root.TryGetProperty(name, out var found) && found.ValueKind == JsonValueKind.Array)
            {
                list = found;
                prefix = name;
                return true;
            }
        }
        return false;
    }

    private ImportedService? ReadService(JsonElement s, string path)
    {
        var before = problems.Count + unreported;
        // Where each of the directory's fields came from, so a rule the service breaks is named by its place in the file.
        var fieldPaths = new Dictionary<string, string>
        {
            [nameof(ServiceDetails.Name)] = $"{path}.name",
            [nameof(ServiceDetails.Type)] = $"{path}.attributes",
            [nameof(ServiceDetails.Provider)] = $"{path}.organization.name",
            [nameof(ServiceDetails.Description)] = $"{path}.description",
            [nameof(ServiceDetails.Areas)] = $"{path}.service_areas",
            [nameof(ServiceDetails.Needs)] = $"{path}.attributes",
            [nameof(ServiceDetails.EligibilityCriteria)] = $"{path}.eligibility_description",
            [nameof(ServiceDetails.Exclusions)] = $"{path}.attributes",
            [nameof(ServiceDetails.HowToRefer)] = $"{path}.application_process",
            [nameof(ServiceDetails.TypicalWaitDays)] = $"{path}.attributes",
            [nameof(ServiceContacts.Phone)] = $"{path}.phones",
            [nameof(ServiceContacts.Email)] = $"{path}.email",
            [nameof(ServiceContacts.Website)] = $"{path}.url",
            [nameof(ServiceContacts.AddressLine1)] = $"{path}.service_at_locations",
            [nameof(ServiceContacts.AddressLine2)] = $"{path}.service_at_locations",
            [nameof(ServiceContacts.Town)] = $"{path}.service_at_locations",
            [nameof(ServiceContacts.Postcode)] = $"{path}.service_at_locations",
            ["Hours"] = $"{path}.schedules",
            [nameof(AftercareService.OpenReferralId)] = $"{path}.id",
        };

        var id = String(s, "id", path, required: true, numberAllowed: true);
        var name = String(s, "name", path, required: true);
        var active = true;
        if (String(s, "status", path) is { } status)
        {
            switch (status.Trim().ToLowerInvariant())
            {
                case "active": active = true; break;
                case "inactive" or "defunct" or "temporarily closed": active = false; break;
                default: Problem($"{path}.status must be one of active, inactive, defunct or temporarily closed, not \"{Short(status)}\""); break;
            }
        }

        string? provider = null;
        if (Object(s, "organization", path) is { } organisation)
            provider = String(organisation, "name", $"{path}.organization");

        var criteria = new List<string>();
        if (String(s, "eligibility_description", path) is { } eligibility)
            criteria.AddRange(eligibility.Split('\n').Select(line => Bullet().Replace(line, "").Trim()).Where(line => line.Length > 0));
        var minimum = Number(s, "minimum_age", path);
        var maximum = Number(s, "maximum_age", path);
        var age = (minimum, maximum) switch
        {
            ({ } min, { } max) => $"Aged {min} to {max}",
            ({ } min, null) => $"Aged {min} or over",
            (null, { } max) => $"Aged {max} or under",
            _ => null,
        };
        if (age is not null && !criteria.Contains(age)) criteria.Add(age);

        var phone = Phones(s, path, fieldPaths);
        var email = String(s, "email", path);
        foreach (var (contact, contactPath) in Objects(s, "contacts", path))
        {
            phone ??= Phones(contact, contactPath, fieldPaths);
            if (email is null && String(contact, "email", contactPath) is { } contactEmail)
            {
                email = contactEmail;
                fieldPaths[nameof(ServiceContacts.Email)] = $"{contactPath}.email";
            }
        }
        var (line1, line2, town, postcode) = Address(s, path, fieldPaths);

        var national = false;
        var areas = new List<string>();
        foreach (var (area, areaPath) in Objects(s, "service_areas", path))
        {
            if (String(area, "name", areaPath, required: true) is not { } areaName) continue;
            if (ServiceAreas.MeansNational(areaName)) national = true;
            else areas.Add(areaName);
        }
        if (!national && areas.Count == 0)
            Problem($"{path}.service_areas is missing: list the postcode districts or local authorities the service covers, or \"{ServiceAreas.NationalName}\"");

        var hours = Schedules(s, path);
        var (type, needs, exclusions, wait) = Attributes(s, path);
        if (wait is null && String(s, "wait_time", path) is { } waitTime && WaitInWords().Match(waitTime) is { Success: true } m)
            wait = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) * (m.Groups["unit"].Value.StartsWith('w') ? 7 : 1);

        if (problems.Count + unreported > before || id is null) return null;
        var details = new ServiceDetails
        {
            Name = name,
            Type = type ?? ServiceType.Other,
            Provider = provider,
            Description = String(s, "description", path),
            IsNational = national,
            Areas = areas,
            Needs = needs,
            EligibilityCriteria = criteria,
            Exclusions = exclusions,
            HowToRefer = String(s, "application_process", path),
            TypicalWaitDays = wait,
            Contacts = new ServiceContacts(phone, email, String(s, "url", path), line1, line2, town, postcode),
            Hours = hours ?? OpeningHours.NotRecorded,
        };
        try
        {
            // The same rules as a service added by hand: a service that would be refused there is refused here.
            AftercareService.Add(details, id, null, "", DateTimeOffset.UnixEpoch);
        }
        catch (ClinicalRuleException e)
        {
            // A day's times ("Hours[2]") and the note both come from the schedules.
            var field = e.Field is { } f && f.StartsWith("Hours", StringComparison.Ordinal) ? "Hours" : e.Field;
            var where = field is not null && fieldPaths.TryGetValue(field, out var p) ? p : path;
            Problem($"{where}: {e.Message} (the service with id \"{Short(id)}\")");
            return null;
        }
        return new ImportedService(id.Trim(), details, active);
    }

    private string? Phones(JsonElement owner, string ownerPath, Dictionary<string, string> fieldPaths)
    {
        foreach (var (phone, phonePath) in Objects(owner, "phones", ownerPath))
        {
            if (String(phone, "number", phonePath, required: true) is { } number && Text.Clean(number) is not null)
            {
                fieldPaths[nameof(ServiceContacts.Phone)] = $"{phonePath}.number";
                return number;
            }
        }
        return null;
    }

    private (string?, string?, string?, string?) Address(JsonElement s, string path, Dictionary<string, string> fieldPaths)
    {
        foreach (var (link, linkPath) in Objects(s, "service_at_locations", path))
        {
            if (Object(link, "location", linkPath) is not { } location) continue;
            var locationPath = $"{linkPath}.location";
            // "addresses" in HSDS 3; "physical_addresses" in the first UK version.
            foreach (var listName in new[] { "addresses", "physical_addresses" })
            {
                foreach (var (address, addressPath) in Objects(location, listName, locationPath))
                {
                    fieldPaths[nameof(ServiceContacts.AddressLine1)] = $"{addressPath}.address_1";
                    fieldPaths[nameof(ServiceContacts.AddressLine2)] = $"{addressPath}.address_2";
                    fieldPaths[nameof(ServiceContacts.Town)] = $"{addressPath}.city";
                    fieldPaths[nameof(ServiceContacts.Postcode)] = $"{addressPath}.postal_code";
                    return (String(address, "address_1", addressPath), String(address, "address_2", addressPath),
                        String(address, "city", addressPath), String(address, "postal_code", addressPath));
                }
            }
        }
        return (null, null, null, null);
    }

    /// <summary>
    /// Weekly opening times (one schedule per day or per set of days, "byday": "MO,TU"); a
    /// schedule's description, and any schedule that is not weekly, becomes the note in words.
    /// </summary>
    private OpeningHours? Schedules(JsonElement s, string path)
    {
        var sessions = new List<OpeningSession>();
        var notes = new List<string>();
        foreach (var (schedule, schedulePath) in Objects(s, "schedules", path))
        {
            var description = Text.Clean(String(schedule, "description", schedulePath));
            var opensText = String(schedule, "opens_at", schedulePath);
            var closesText = String(schedule, "closes_at", schedulePath);
            var freq = String(schedule, "freq", schedulePath);
            if (description is not null && !notes.Contains(description)) notes.Add(description);
            if (opensText is null && closesText is null) continue;
            if (freq is not null && !freq.Equals("WEEKLY", StringComparison.OrdinalIgnoreCase))
            {
                if (description is null)
                    Problem($"{schedulePath}.freq: only weekly opening times can be loaded; give other times in the schedule's description");
                continue;
            }
            if (opensText is null) { Problem($"{schedulePath}.opens_at is missing"); continue; }
            if (closesText is null) { Problem($"{schedulePath}.closes_at is missing"); continue; }
            var opens = Time(opensText, $"{schedulePath}.opens_at");
            var closes = Time(closesText, $"{schedulePath}.closes_at");
            if (String(schedule, "byday", schedulePath) is not { } byday)
            {
                Problem($"{schedulePath}.byday is missing: say which days these times are for, such as \"MO,TU,WE,TH,FR\"");
                continue;
            }
            foreach (var code in byday.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (OpenReferral.DayFromCode(code) is not { } day)
                {
                    Problem($"{schedulePath}.byday: \"{Short(code)}\" is not a day of the week (MO, TU, WE, TH, FR, SA or SU)");
                    continue;
                }
                if (opens is { } o && closes is { } c) sessions.Add(new OpeningSession(day, o, c));
            }
        }
        return sessions.Count == 0 && notes.Count == 0 ? null : new OpeningHours(sessions, notes.Count == 0 ? null : string.Join(" ", notes));
    }

    private TimeOnly? Time(string text, string path)
    {
        // HSDS times may carry seconds and a UTC offset; the services in a UK directory publish their local opening times.
        var m = ClockTime().Match(text.Trim());
        if (m.Success && OpeningHours.TryTime(m.Groups["hm"].Value, out var time)) return time;
        Problem($"{path} must be a time on the 24-hour clock, like \"09:00\", not \"{Short(text)}\"");
        return null;
    }

    private (ServiceType?, List<string>, List<string>, int?) Attributes(JsonElement s, string path)
    {
        ServiceType? type = null;
        var needs = new List<string>();
        var exclusions = new List<string>();
        int? wait = null;
        foreach (var (attribute, attributePath) in Objects(s, "attributes", path))
        {
            if (Term(attribute, attributePath) is not { } term) continue;
            var (taxonomy, code) = term;
            switch (taxonomy)
            {
                case OpenReferral.TypeTaxonomy:
                    if (ServiceTypes.FromCode(code) is { } t) type ??= t;
                    else Problem($"{attributePath}.taxonomy_term.code: \"{Short(code)}\" is not one of Aftercare's service types ({string.Join(", ", ServiceTypes.All.Select(ServiceTypes.Code))})");
                    break;
                case OpenReferral.NeedTaxonomy:
                    if (ServiceNeeds.IsKnown(code)) needs.Add(code);
                    else Problem($"{attributePath}.taxonomy_term.code: \"{Short(code)}\" is not one of Aftercare's needs ({string.Join(", ", ServiceNeeds.All.Select(n => n.Code))})");
                    break;
                case OpenReferral.DirectoryTaxonomy when code == OpenReferral.ExclusionCode:
                    if (String(attribute, "value", attributePath, required: true) is { } exclusion) exclusions.Add(exclusion);
                    break;
                case OpenReferral.DirectoryTaxonomy when code == OpenReferral.WaitCode:
                    var value = String(attribute, "value", attributePath, required: true, numberAllowed: true);
                    if (value is null) break;
                    if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var days)) wait = days;
                    else Problem($"{attributePath}.value must be a whole number of days, not \"{Short(value)}\"");
                    break;
                default:
                    Problem($"{attributePath}.taxonomy_term.code: \"{Short(code)}\" is not a term of {taxonomy}");
                    break;
            }
        }
        return (type, needs, exclusions, wait);
    }

    /// <summary>Which of Aftercare's taxonomy terms an attribute carries; null for a term of someone else's taxonomy, which is left alone.</summary>
    private (string Taxonomy, string Code)? Term(JsonElement attribute, string path)
    {
        var termId = String(attribute, "taxonomy_term_id", path);
        var term = Object(attribute, "taxonomy_term", path);
        var embeddedId = term is { } t1 ? String(t1, "id", $"{path}.taxonomy_term") : null;
        foreach (var known in new[] { termId, embeddedId })
            if (known is not null && KnownTerms.TryGetValue(known.Trim().ToLowerInvariant(), out var found)) return found;
        if (term is not { } t) return null;
        var code = String(t, "code", $"{path}.taxonomy_term");
        var taxonomy = String(t, "taxonomy", $"{path}.taxonomy_term");
        var taxonomyId = String(t, "taxonomy_id", $"{path}.taxonomy_term");
        var ours = OurTaxonomies.FirstOrDefault(x => string.Equals(x, taxonomy?.Trim(), StringComparison.OrdinalIgnoreCase) ||
                                                     string.Equals(OpenReferral.StableId("taxonomy", x), taxonomyId?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (ours is null) return null;
        if (Text.Clean(code) is not { } c)
        {
            Problem($"{path}.taxonomy_term.code is missing");
            return null;
        }
        return (ours, c.ToLowerInvariant());
    }

    private static Dictionary<string, (string, string)> BuildKnownTerms()
    {
        var terms = new Dictionary<string, (string, string)>();
        foreach (var type in ServiceTypes.All)
            terms[OpenReferral.TermId(OpenReferral.TypeTaxonomy, ServiceTypes.Code(type))] = (OpenReferral.TypeTaxonomy, ServiceTypes.Code(type));
        foreach (var need in ServiceNeeds.All)
            terms[OpenReferral.TermId(OpenReferral.NeedTaxonomy, need.Code)] = (OpenReferral.NeedTaxonomy, need.Code);
        foreach (var code in new[] { OpenReferral.ExclusionCode, OpenReferral.WaitCode })
            terms[OpenReferral.TermId(OpenReferral.DirectoryTaxonomy, code)] = (OpenReferral.DirectoryTaxonomy, code);
        return terms;
    }

    private string? String(JsonElement owner, string name, string path, bool required = false, bool numberAllowed = false)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) Problem($"{path}.{name} is missing");
            return null;
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            if (required && string.IsNullOrWhiteSpace(text)) { Problem($"{path}.{name} is missing"); return null; }
            return text;
        }
        if (numberAllowed && value.ValueKind == JsonValueKind.Number) return value.GetRawText();
        Problem($"{path}.{name} must be text");
        return null;
    }

    private int? Number(JsonElement owner, string name, string path)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var n) && n is >= 0 and <= 150 && n == decimal.Truncate(n)) return (int)n;
        Problem($"{path}.{name} must be a whole number of years");
        return null;
    }

    private JsonElement? Object(JsonElement owner, string name, string path)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Object) return value;
        Problem($"{path}.{name} must be an object");
        return null;
    }

    private IEnumerable<(JsonElement Item, string Path)> Objects(JsonElement owner, string name, string path)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) yield break;
        if (value.ValueKind != JsonValueKind.Array)
        {
            Problem($"{path}.{name} must be a list");
            yield break;
        }
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = $"{path}.{name}[{i++}]";
            if (item.ValueKind == JsonValueKind.Object) yield return (item, itemPath);
            else Problem($"{itemPath} must be an object");
        }
    }

    private void Problem(string message)
    {
        if (problems.Count < MaxProblems) problems.Add(message);
        else unreported++;
    }

    /// <summary>Where the JSON cannot be read, in the lines and columns an editor shows (counted from 1).</summary>
    private static string NotJson(JsonException e)
    {
        var what = JsonPosition().Replace(e.Message, "").Trim().TrimEnd('.');
        var line = (e.LineNumber ?? 0) + 1;
        var column = (e.BytePositionInLine ?? 0) + 1;
        return $"The file is not valid JSON at line {line}, column {column}: {what}";
    }

    private static string Short(string text) => text.Length <= 60 ? text : text[..60] + "…";

    [GeneratedRegex(@"\s*(?:Path: \S*\s*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?\s*$")]
    private static partial Regex JsonPosition();

    [GeneratedRegex(@"^\s*(?:[-*•·–]\s+)")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^(?<hm>\d{1,2}:\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"^\s*(?<n>\d{1,3})\s*(?<unit>days?|weeks?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex WaitInWords();
}
