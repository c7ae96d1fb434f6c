using Aftercare.Web.Fhir.Resources;
using Microsoft.AspNetCore.Diagnostics;

namespace Aftercare.Web.Fhir;

public static class FhirSetup
{
    /// <summary>The resource types of the episode, in the order Patient/$everything lists them.</summary>
    public static IServiceCollection AddFhir(this IServiceCollection services)
    {
        services.AddSingleton<IFhirResourceMap, PatientMap>();
        services.AddSingleton<IFhirResourceMap, EncounterMap>();
        services.AddSingleton<IFhirResourceMap, QuestionnaireResponseMap>();
        services.AddSingleton<IFhirResourceMap, CarePlanMap>();
        services.AddSingleton<IFhirResourceMap, AppointmentMap>();
        services.AddSingleton<IFhirResourceMap, CommunicationMap>();
        services.AddSingleton<IFhirResourceMap, ServiceRequestMap>();
        services.AddSingleton<FhirMaps>();
        services.AddScoped<FhirRecords>();
        return services;
    }

    /// <summary>
    /// Under /fhir, whatever happens is answered as an OperationOutcome: a failure anywhere in the
    /// request is a 500 with a plain message (logged in full, shown to nobody), and an error status
    /// with no body (no such address, a method other than GET) is explained in FHIR, never with the
    /// pages' HTML. Goes after the status-code pages, so that it can turn them off for the API.
    /// </summary>
    public static IApplicationBuilder UseFhirErrors(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!http.Request.Path.StartsWithSegments(FhirRequest.Root))
        {
            await next(http);
            return;
        }
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        try
        {
            await next(http);
            var response = http.Response;
            if (response is { HasStarted: false, StatusCode: >= 400, ContentLength: null } && string.IsNullOrEmpty(response.ContentType))
                await Explain(response.StatusCode).ExecuteAsync(http);
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            if (http.RequestAborted.IsCancellationRequested) return;
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Aftercare.Web.Fhir")
                .LogError(e, "FHIR request {Method} {Path} failed", http.Request.Method, http.Request.Path);
            http.Response.Clear();
            await FhirResult.Problem(StatusCodes.Status500InternalServerError, "exception",
                $"Sorry, there is a problem with the service. Try again later. If it keeps happening, quote {http.TraceIdentifier}").ExecuteAsync(http);
        }
    });

    private static FhirResult Explain(int status) => status switch
    {
        StatusCodes.Status404NotFound => FhirResult.Problem(status, "not-found", "There is nothing at this address in the FHIR API"),
        StatusCodes.Status405MethodNotAllowed => FhirResult.Problem(status, "not-supported", "This FHIR API is read-only: only GET is offered"),
        _ => FhirResult.Problem(status, "processing", "The request could not be handled"),
    };
}
