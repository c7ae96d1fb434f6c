using Aftercare.Web.Fhir.Resources;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Authorization;

namespace Aftercare.Web.Fhir;

/// <summary>
/// The read-only FHIR R4 API at /fhir (M10): the capability statement, read by id and search by
/// patient for each type of the episode, and Patient/$everything. Minimal APIs rather than Razor
/// Pages: there is no page, only JSON. The API does not use the pages' sign-in redirect or
/// not-found page: a request without a session gets 401 and everything else an OperationOutcome.
/// </summary>
public static class FhirApi
{
    public static IEndpointRouteBuilder MapFhir(this IEndpointRouteBuilder app)
    {
        // Anonymous to the authorization middleware, which would redirect to the sign-in page: the
        // gate below answers in FHIR instead, with the pages' own clinical policy.
        var fhir = app.MapGroup(FhirRequest.Root).AllowAnonymous().AddEndpointFilter(OnlyJson);
        // The capability statement is open, as FHIR servers' are: it describes the API, never a record.
        fhir.MapGet("/metadata", Metadata);
        fhir.MapGet("/{type}", Search).AddEndpointFilter(SignedInClinician);
        fhir.MapGet("/{type}/{id}", Read).AddEndpointFilter(SignedInClinician);
        fhir.MapGet("/Patient/{id}/$everything", Everything).AddEndpointFilter(SignedInClinician);
        return app;
    }

    private static async ValueTask<object?> OnlyJson(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        FhirRequest.CheckFormat(context.HttpContext.Request) ?? await next(context);

    /// <summary>
    /// The pages' rule for a clinical record, answered in FHIR: no session is 401 (not a redirect
    /// to sign-in); a sign-in without its second factor is 401 too; anyone signed in who is not a
    /// practitioner or supervisor (an administrator, a patient) finds nothing here, as on the pages.
    /// </summary>
    private static async ValueTask<object?> SignedInClinician(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated != true)
            return FhirResult.Problem(StatusCodes.Status401Unauthorized, "login", "Sign in to Aftercare to use this API");
        if (!TwoFactor.IsSatisfied(http.User))
            return FhirResult.Problem(StatusCodes.Status401Unauthorized, "login", "Finish signing in to Aftercare, with your second factor, to use this API");
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        if (!(await authorization.AuthorizeAsync(http.User, Policies.Clinical)).Succeeded)
            return FhirResult.Problem(StatusCodes.Status404NotFound, "not-found", "Not found");
        return await next(context);
    }

    private static IResult Metadata(HttpRequest request, FhirMaps maps) =>
        FhirRequest.CheckParameters(request) ?? FhirResult.Ok(FhirBundles.CapabilityStatement(maps));

    private static async Task<IResult> Read(string type, string id, HttpContext http, FhirMaps maps, FhirRecords records, CancellationToken ct)
    {
        if (Unknown(type, maps) is { } unknown) return unknown;
        if (FhirRequest.CheckParameters(http.Request) is { } refused) return refused;
        if (!FhirRequest.IsValidId(id)) return FhirResult.Invalid($"'{Shorten(id)}' is not a FHIR id (letters, digits, '-' and '.', up to 64)");
        if (type == "Questionnaire")
            return id == AssessmentQuestionnaire.Id ? FhirResult.Ok(AssessmentQuestionnaire.Write) : FhirResult.NotFound(type, id);
        if (!Guid.TryParse(id, out var guid)) return FhirResult.NotFound(type, id);
        var resource = await records.ReadById(maps.Find(type)!, guid, http.User, ct);
        return resource is null ? FhirResult.NotFound(type, id) : FhirResult.Ok(resource.Write);
    }

    private static async Task<IResult> Search(string type, HttpContext http, FhirMaps maps, FhirRecords records, CancellationToken ct)
    {
        var request = http.Request;
        if (Unknown(type, maps) is { } unknown) return unknown;
        if (type == "Questionnaire")
            return FhirRequest.CheckParameters(request) ?? FhirResult.Ok(FhirBundles.Questionnaires(request));
        var map = maps.Find(type)!;
        if (type == "Patient")
        {
            if (FhirRequest.CheckParameters(request, "_id", "identifier") is { } refused) return refused;
            if (request.Query.TryGetValue("identifier", out var identifier))
            {
                if (request.Query.ContainsKey("_id")) return FhirResult.Invalid("Search patients by _id or by identifier, not both");
                var nhsNumber = FhirRequest.NhsNumberSearched(identifier[0]!);
                var found = nhsNumber is null ? [] : await records.PatientsByNhsNumber(nhsNumber, http.User, ct);
                return FhirResult.Ok(FhirBundles.Searchset(request, found));
            }
            if (request.Query.TryGetValue("_id", out var ids))
                return await ForPatient(request, [map], ids[0]!, records, http, "Patient search by _id", ct);
            return FhirResult.Invalid("Search patients by identifier (the NHS number) or by _id");
        }
        if (FhirRequest.CheckParameters(request, "patient") is { } notUnderstood) return notUnderstood;
        if (!request.Query.TryGetValue("patient", out var patient))
            return FhirResult.Invalid($"Search {type} by patient: {type}?patient=<the patient's id>");
        return await ForPatient(request, [map], patient[0]!, records, http, $"{type} search by patient", ct);
    }

    private static async Task<IResult> Everything(string id, HttpContext http, FhirMaps maps, FhirRecords records, CancellationToken ct)
    {
        if (FhirRequest.CheckParameters(http.Request) is { } refused) return refused;
        if (!FhirRequest.IsValidId(id)) return FhirResult.Invalid($"'{Shorten(id)}' is not a FHIR id (letters, digits, '-' and '.', up to 64)");
        if (!Guid.TryParse(id, out var person)) return FhirResult.NotFound("Patient", id);
        var shown = await records.ForPatient(maps.All, person, http.User, "Patient/$everything", ct);
        return shown is null ? FhirResult.NotFound("Patient", id) : FhirResult.Ok(FhirBundles.Searchset(http.Request, shown, withQuestionnaire: true));
    }

    /// <summary>A search for one patient's resources; a patient who is nobody, or outside reach, has none.</summary>
    private static async Task<IResult> ForPatient(HttpRequest request, IReadOnlyList<IFhirResourceMap> which, string reference, FhirRecords records,
        HttpContext http, string search, CancellationToken ct)
    {
        if (!FhirRequest.TryPatientReference(reference, out var person))
            return FhirResult.Invalid($"'{Shorten(reference)}' is not a patient reference: give the patient's id, or Patient/<id>");
        var shown = person == Guid.Empty ? null : await records.ForPatient(which, person, http.User, search, ct);
        return FhirResult.Ok(FhirBundles.Searchset(request, shown ?? []));
    }

    private static FhirResult? Unknown(string type, FhirMaps maps) =>
        type == "Questionnaire" || maps.Find(type) is not null
            ? null
            : FhirResult.Problem(StatusCodes.Status404NotFound, "not-supported",
                $"The resource type '{Shorten(type)}' is not served here; this API serves {string.Join(", ", maps.All.Select(m => m.ResourceType))} and Questionnaire");

    /// <summary>Input repeated in a message, cut short: a message is for reading, not for echoing a whole request.</summary>
    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
