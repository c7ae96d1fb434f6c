using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Aftercare.Web.Fhir;

/// <summary>
/// A FHIR answer: a resource, a bundle or an OperationOutcome, as application/fhir+json. The JSON
/// is written to a buffer first and sent in one piece, so a failure while writing still becomes an
/// OperationOutcome rather than half a resource.
/// </summary>
public sealed class FhirResult(int status, Action<FhirWriter> write) : IResult
{
    public const string ContentType = "application/fhir+json; charset=utf-8";

    public int Status => status;

    public async Task ExecuteAsync(HttpContext http)
    {
        var buffer = new ArrayBufferWriter<byte>(8192);
        var options = new JsonWriterOptions
        {
            // The body is JSON served as JSON (never inside HTML, and sent with nosniff), so the
            // person's words, quotation marks included, are written as they are rather than escaped.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Indented = FhirRequest.WantsPretty(http.Request),
        };
        await using (var json = new Utf8JsonWriter(buffer, options))
            write(new FhirWriter(json, FhirRequest.BaseUrl(http.Request)));
        http.Response.StatusCode = status;
        http.Response.ContentType = ContentType;
        http.Response.ContentLength = buffer.WrittenCount;
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, http.RequestAborted);
    }

    public static FhirResult Ok(Action<FhirWriter> write) => new(StatusCodes.Status200OK, write);

    /// <summary>
    /// An OperationOutcome: what went wrong in plain words, and FHIR's code for it. Never the
    /// exception, the SQL or anything about a record the reader may not see.
    /// </summary>
    public static FhirResult Problem(int status, string code, string message) => new(status, w =>
    {
        var json = w.Json;
        json.WriteStartObject();
        json.WriteString("resourceType", "OperationOutcome");
        json.WriteStartArray("issue");
        json.WriteStartObject();
        json.WriteString("severity", status >= 500 ? "fatal" : "error");
        json.WriteString("code", code);
        json.WriteString("diagnostics", message);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>Unknown, or outside the reader's reach: the same answer, so a record is never confirmed to exist.</summary>
    public static FhirResult NotFound(string type, string id) =>
        Problem(StatusCodes.Status404NotFound, "not-found", $"{type}/{id} was not found");

    public static FhirResult Invalid(string message) => Problem(StatusCodes.Status400BadRequest, "invalid", message);
}
