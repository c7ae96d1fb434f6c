using System.Globalization;
using System.Text.Json;

namespace Aftercare.Web.Fhir;

/// <summary>
/// Writes FHIR JSON straight from our rows with <see cref="Utf8JsonWriter"/> (docs/decisions/0009):
/// nothing is built that is not written, and nothing is found by reflection on a request. The
/// helpers write the few shapes every mapper needs in the way FHIR asks for them: instants in UTC
/// with their zone, references by type and id, a concept that is only words, and no empty strings.
/// </summary>
public sealed class FhirWriter(Utf8JsonWriter json, string baseUrl)
{
    public Utf8JsonWriter Json => json;

    /// <summary>The API's base address, e.g. https://host/fhir, from which full URLs are made.</summary>
    public string BaseUrl => baseUrl;

    public string FullUrl(string type, string id) => $"{baseUrl}/{type}/{id}";

    /// <summary>A string element, left out when there is nothing in it (FHIR strings are never empty).</summary>
    public void String(string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) json.WriteString(name, Spaced(value));
    }

    /// <summary>A string element that always has words in it: what someone wrote, a name, a label.</summary>
    public void Text(string name, string value) => json.WriteString(name, Spaced(value));

    public void TextValue(string value) => json.WriteStringValue(Spaced(value));

    /// <summary>
    /// Text as FHIR's string type allows it: its only whitespace is spaces, tabs and line breaks,
    /// and it has no other control characters. A non-breaking space (which phones put into what
    /// people type) or a line separator becomes a space, and a stray control character is dropped;
    /// every word and every other character is kept as written.
    /// </summary>
    public static string Spaced(string value)
    {
        if (!value.Any(NeedsChange)) return value;
        var kept = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (!NeedsChange(c)) kept.Append(c);
            else if (char.IsWhiteSpace(c) || c == '\uFEFF') kept.Append(' ');
        }
        return kept.ToString();
    }

    private static bool NeedsChange(char c) =>
        c is not (' ' or '\t' or '\r' or '\n') && (c < ' ' || char.IsWhiteSpace(c) || c == '\uFEFF');

    /// <summary>An instant or dateTime, in UTC ("Z"), to the microsecond PostgreSQL keeps.</summary>
    public void Instant(string name, DateTimeOffset? value)
    {
        if (value is not { } at) return;
        Span<byte> text = stackalloc byte[40];
        at.UtcDateTime.TryFormat(text, out var length, "yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);
        json.WriteString(name, text[..length]);
    }

    public void InstantValue(DateTimeOffset at)
    {
        Span<byte> text = stackalloc byte[40];
        at.UtcDateTime.TryFormat(text, out var length, "yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);
        json.WriteStringValue(text[..length]);
    }

    public void Date(string name, DateOnly value)
    {
        Span<byte> text = stackalloc byte[10];
        value.TryFormat(text, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        json.WriteString(name, text[..length]);
    }

    /// <summary>A reference to a resource this API serves, e.g. "Patient/…", with an optional display.</summary>
    public void Reference(string name, string type, Guid id, string? display = null)
    {
        json.WriteStartObject(name);
        json.WriteString("reference", $"{type}/{id}");
        String("display", display);
        json.WriteEndObject();
    }

    /// <summary>
    /// Someone or something named but not served here (a practitioner, a GP practice): a reference
    /// by name alone, with the organisation's ODS code where we know it.
    /// </summary>
    public void NamedReference(string name, string display, string? odsCode = null)
    {
        json.WriteStartObject(name);
        if (odsCode is not null) Identifier("identifier", FhirSystems.OdsOrganisation, odsCode);
        Text("display", display);
        json.WriteEndObject();
    }

    public void Identifier(string name, string system, string value)
    {
        json.WriteStartObject(name);
        json.WriteString("system", system);
        json.WriteString("value", value);
        json.WriteEndObject();
    }

    /// <summary>A CodeableConcept that is only words: what we record has no agreed code, and we do not invent one.</summary>
    public void Words(string name, string text)
    {
        json.WriteStartObject(name);
        Text("text", text);
        json.WriteEndObject();
    }

    /// <summary>A list of one CodeableConcept that is only words.</summary>
    public void WordsList(string name, string text)
    {
        json.WriteStartArray(name);
        json.WriteStartObject();
        Text("text", text);
        json.WriteEndObject();
        json.WriteEndArray();
    }

    /// <summary>A CodeableConcept with one coding from a code system FHIR defines.</summary>
    public void Coded(string name, string system, string code, string display)
    {
        json.WriteStartObject(name);
        json.WriteStartArray("coding");
        json.WriteStartObject();
        json.WriteString("system", system);
        json.WriteString("code", code);
        json.WriteString("display", display);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("text", display);
        json.WriteEndObject();
    }
}

/// <summary>The identifier and code systems the mappers use: UK Core's for NHS identifiers, FHIR's own for the rest.</summary>
public static class FhirSystems
{
    /// <summary>UK Core: the NHS number.</summary>
    public const string NhsNumber = "https://fhir.nhs.uk/Id/nhs-number";
    /// <summary>UK Core: an organisation's ODS code.</summary>
    public const string OdsOrganisation = "https://fhir.nhs.uk/Id/ods-organization-code";
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    /// <summary>
    /// Our own referral number, under this deployment's address as the Questionnaire's canonical
    /// URL is: it names the referral to a system that keeps a copy, wherever it read it from.
    /// </summary>
    public static string Referral(FhirWriter w) => $"{w.BaseUrl}/Id/referral";
}
