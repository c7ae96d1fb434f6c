using Aftercare.Web.Fhir.Resources;
using Microsoft.AspNetCore.Http.Extensions;

namespace Aftercare.Web.Fhir;

/// <summary>The bundles and the capability statement this API answers with.</summary>
public static class FhirBundles
{
    /// <summary>
    /// A search result (type "searchset", as Patient/$everything's answer is too): every resource
    /// with its full URL, in the order given, and the Questionnaire an assessment answers when one
    /// is included and <paramref name="withQuestionnaire"/>.
    /// </summary>
    public static Action<FhirWriter> Searchset(HttpRequest request, IReadOnlyList<Shown> shown, bool withQuestionnaire = false) => w =>
    {
        var json = w.Json;
        var questionnaire = withQuestionnaire && shown.Any(s => s.Resource.Type == "QuestionnaireResponse");
        json.WriteStartObject();
        json.WriteString("resourceType", "Bundle");
        json.WriteString("type", "searchset");
        json.WriteNumber("total", shown.Count);
        json.WriteStartArray("link");
        json.WriteStartObject();
        json.WriteString("relation", "self");
        json.WriteString("url", request.GetEncodedUrl());
        json.WriteEndObject();
        json.WriteEndArray();
        if (shown.Count > 0)
        {
            json.WriteStartArray("entry");
            foreach (var s in shown)
                Entry(w, s.Resource.Type, s.Resource.Id.ToString(), "match", s.Resource.Write);
            if (questionnaire)
                Entry(w, "Questionnaire", AssessmentQuestionnaire.Id, "include", AssessmentQuestionnaire.Write);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    };

    /// <summary>The Questionnaire search: the one form this API serves.</summary>
    public static Action<FhirWriter> Questionnaires(HttpRequest request) => w =>
    {
        var json = w.Json;
        json.WriteStartObject();
        json.WriteString("resourceType", "Bundle");
        json.WriteString("type", "searchset");
        json.WriteNumber("total", 1);
        json.WriteStartArray("link");
        json.WriteStartObject();
        json.WriteString("relation", "self");
        json.WriteString("url", request.GetEncodedUrl());
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("entry");
        Entry(w, "Questionnaire", AssessmentQuestionnaire.Id, "match", AssessmentQuestionnaire.Write);
        json.WriteEndArray();
        json.WriteEndObject();
    };

    private static void Entry(FhirWriter w, string type, string id, string mode, Action<FhirWriter> write)
    {
        var json = w.Json;
        json.WriteStartObject();
        json.WriteString("fullUrl", w.FullUrl(type, id));
        json.WritePropertyName("resource");
        write(w);
        json.WriteStartObject("search");
        json.WriteString("mode", mode);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// What this server offers: read and search of each type of the episode, Patient/$everything,
    /// JSON only, through the signed-in session. Written from the maps, so a new map is listed.
    /// </summary>
    public static Action<FhirWriter> CapabilityStatement(FhirMaps maps) => w =>
    {
        var json = w.Json;
        json.WriteStartObject();
        json.WriteString("resourceType", "CapabilityStatement");
        json.WriteString("status", "active");
        json.WriteString("date", AssessmentQuestionnaire.Date);
        json.WriteString("publisher", "Aftercare");
        json.WriteString("kind", "instance");
        json.WriteStartObject("software");
        json.WriteString("name", "Aftercare");
        json.WriteEndObject();
        json.WriteStartObject("implementation");
        json.WriteString("description", "Aftercare: the episode of care after self-harm, read-only, as FHIR R4 (UK Core identifiers)");
        json.WriteString("url", w.BaseUrl);
        json.WriteEndObject();
        json.WriteString("fhirVersion", "4.0.1");
        json.WriteStartArray("format");
        json.WriteStringValue("application/fhir+json");
        json.WriteStringValue("json");
        json.WriteEndArray();
        json.WriteStartArray("rest");
        json.WriteStartObject();
        json.WriteString("mode", "server");
        json.WriteString("documentation",
            "Read-only. Every read is through the reader's signed-in Aftercare session, follows the same access rules as the pages " +
            "(the person's care team, or break-glass with a reason) and is audited. A record outside the reader's reach is not found.");
        json.WriteStartObject("security");
        json.WriteBoolean("cors", false);
        json.WriteString("description", "Sign in to Aftercare (password and second factor); the API uses that session. Without one it answers 401.");
        json.WriteEndObject();
        json.WriteStartArray("resource");
        foreach (var map in maps.All)
        {
            json.WriteStartObject();
            json.WriteString("type", map.ResourceType);
            Interactions(json);
            json.WriteStartArray("searchParam");
            if (map.ResourceType == "Patient")
            {
                SearchParam(json, "_id", "token", "The patient's id");
                SearchParam(json, "identifier", "token", $"The NHS number, as {FhirSystems.NhsNumber}|9434765919 or the number alone");
            }
            else
            {
                SearchParam(json, "patient", "reference", "The patient's id, as Patient/<id> or the id alone (required)");
            }
            json.WriteEndArray();
            if (map.ResourceType == "Patient")
            {
                json.WriteStartArray("operation");
                json.WriteStartObject();
                json.WriteString("name", "everything");
                json.WriteString("definition", "http://hl7.org/fhir/OperationDefinition/Patient-everything");
                json.WriteString("documentation", "Everything of the person's episode this API serves, as a searchset bundle; no parameters");
                json.WriteEndObject();
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        json.WriteStartObject();
        json.WriteString("type", "Questionnaire");
        Interactions(json);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    };

    private static void Interactions(System.Text.Json.Utf8JsonWriter json)
    {
        json.WriteStartArray("interaction");
        foreach (var code in new[] { "read", "search-type" })
        {
            json.WriteStartObject();
            json.WriteString("code", code);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void SearchParam(System.Text.Json.Utf8JsonWriter json, string name, string type, string documentation)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("type", type);
        json.WriteString("documentation", documentation);
        json.WriteEndObject();
    }
}
