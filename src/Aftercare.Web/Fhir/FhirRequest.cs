using System.Text.RegularExpressions;
using Aftercare.Domain.Patients;
using Microsoft.Net.Http.Headers;

namespace Aftercare.Web.Fhir;

/// <summary>
/// What a FHIR request asks for, checked before anything is read: the format (JSON only), the
/// parameters (only those this API understands: an unknown one is refused rather than ignored, so
/// a search never silently returns more than was asked for), and the shape of ids and references.
/// </summary>
public static partial class FhirRequest
{
    public const string Root = "/fhir";

    /// <summary>Parameters every interaction takes: the format and whether to indent.</summary>
    public static readonly string[] General = ["_format", "_pretty"];

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{Root}";

    public static bool WantsPretty(HttpRequest request) =>
        request.Query.TryGetValue("_pretty", out var pretty) && pretty.Count == 1 && pretty[0] == "true";

    /// <summary>Refuses anything but JSON, asked for by _format or by the Accept header; null when JSON will do.</summary>
    public static FhirResult? CheckFormat(HttpRequest request)
    {
        if (request.Query.TryGetValue("_format", out var format))
        {
            if (format.Count != 1) return FhirResult.Invalid("Give _format once");
            if (!IsJson(format[0])) return NotAcceptable();
            return null;
        }
        var accept = request.Headers.Accept;
        if (accept.Count == 0) return null;
        if (!MediaTypeHeaderValue.TryParseList(accept, out var types)) return NotAcceptable();
        return types.Any(t => t.Quality is not 0 && IsJsonMediaType(t)) ? null : NotAcceptable();
    }

    /// <summary>Refuses a parameter this interaction does not understand, or one given twice.</summary>
    public static FhirResult? CheckParameters(HttpRequest request, params string[] understood)
    {
        foreach (var (name, values) in request.Query)
        {
            if (!understood.Contains(name, StringComparer.Ordinal) && !General.Contains(name, StringComparer.Ordinal))
                return FhirResult.Problem(StatusCodes.Status400BadRequest, "not-supported",
                    understood.Length == 0
                        ? $"The parameter '{name}' is not supported here"
                        : $"The parameter '{name}' is not supported here; this takes {string.Join(", ", understood)}");
            if (values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
                return FhirResult.Invalid($"Give the parameter '{name}' once, with a value");
        }
        if (request.Query.TryGetValue("_pretty", out var pretty) && pretty[0] is not ("true" or "false"))
            return FhirResult.Invalid("_pretty is true or false");
        return null;
    }

    /// <summary>FHIR's rule for a resource id: letters, digits, '-' and '.', up to 64.</summary>
    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    /// <summary>
    /// A patient reference as a search gives it: "id" or "Patient/id". Answers false for anything
    /// else (another type, an absolute URL, a malformed id); a well-formed id of nobody is for the
    /// search to find nothing.
    /// </summary>
    public static bool TryPatientReference(string value, out Guid person)
    {
        person = default;
        var id = value.StartsWith("Patient/", StringComparison.Ordinal) ? value["Patient/".Length..] : value;
        if (!IsValidId(id)) return false;
        // Our ids are GUIDs: any other well-formed id names nobody.
        if (!Guid.TryParse(id, out person)) person = Guid.Empty;
        return true;
    }

    /// <summary>
    /// An identifier search, "system|value" or "value": the NHS number when the system is UK Core's
    /// (or not given) and the value is a valid NHS number; null when it can name nobody here.
    /// </summary>
    public static string? NhsNumberSearched(string token)
    {
        var bar = token.IndexOf('|');
        var system = bar < 0 ? null : token[..bar];
        var value = bar < 0 ? token : token[(bar + 1)..];
        if (system is not (null or "" or FhirSystems.NhsNumber)) return null;
        return NhsNumber.TryParse(value, out var number) ? number.Digits : null;
    }

    private static bool IsJson(string? format)
    {
        if (string.IsNullOrWhiteSpace(format)) return false;
        if (format.Equals("json", StringComparison.OrdinalIgnoreCase)) return true;
        return MediaTypeHeaderValue.TryParse(format, out var type) && IsJsonMediaType(type);
    }

    private static bool IsJsonMediaType(MediaTypeHeaderValue type)
    {
        var media = type.MediaType.Value?.ToLowerInvariant();
        if (media is not ("*/*" or "application/*" or "application/json" or "application/fhir+json")) return false;
        // A client that names a FHIR version must be asking for R4 (4.0).
        var version = type.Parameters.FirstOrDefault(p => p.Name.Equals("fhirVersion", StringComparison.OrdinalIgnoreCase))?.Value.Value;
        return version is null || version.Trim('"').StartsWith("4.0", StringComparison.Ordinal);
    }

    private static FhirResult NotAcceptable() => FhirResult.Problem(StatusCodes.Status406NotAcceptable, "not-supported",
        "This API answers in FHIR R4 JSON only (application/fhir+json); XML and other formats are not offered");

    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$")]
    private static partial Regex IdPattern();
}
