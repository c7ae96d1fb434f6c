using Aftercare.Domain.Assessments;

namespace Aftercare.Web.Fhir.Resources;

/// <summary>
/// The one Questionnaire this API serves: the psychosocial assessment form, made from the same
/// list of sections the assessment page shows (AssessmentSections.InOrder), so the two cannot
/// drift apart. Every question is answered in words, with the page's hint beneath it; addenda
/// after sign-off are a repeating group. There is no score, scale or choice of level anywhere in
/// it (NICE NG225): the safety formulation is written, never rated.
/// </summary>
public static class AssessmentQuestionnaire
{
    public const string Id = "psychosocial-assessment";
    public const string Version = "1";
    /// <summary>The day this form's definition was last changed.</summary>
    public const string Date = "2026-11-21";

    public const string AddendumGroup = "addendum";
    public const string AddendumText = "addendum.text";
    public const string AddendumAddedBy = "addendum.added-by";
    public const string AddendumAddedAt = "addendum.added-at";

    public static string Url(FhirWriter w) => w.FullUrl("Questionnaire", Id);

    public static void Write(FhirWriter w)
    {
        var json = w.Json;
        json.WriteStartObject();
        json.WriteString("resourceType", "Questionnaire");
        json.WriteString("id", Id);
        json.WriteString("url", Url(w));
        json.WriteString("version", Version);
        json.WriteString("name", "PsychosocialAssessment");
        json.WriteString("title", "Psychosocial assessment after self-harm");
        json.WriteString("status", "active");
        json.WriteBoolean("experimental", false);
        json.WriteStartArray("subjectType");
        json.WriteStringValue("Patient");
        json.WriteEndArray();
        json.WriteString("date", Date);
        json.WriteString("publisher", "Aftercare");
        json.WriteString("description",
            "The psychosocial assessment of one presentation after self-harm, in the sections NICE NG225 sets out. Every section is written in words.");
        json.WriteString("purpose",
            "To understand the person's needs, circumstances and safety, and to plan their care with them. Nothing here is scored or stratified: the safety formulation is written.");
        json.WriteStartArray("item");
        foreach (var section in AssessmentSections.InOrder)
        {
            json.WriteStartObject();
            json.WriteString("linkId", section.Name);
            json.WriteString("text", section.Heading);
            json.WriteString("type", "text");
            json.WriteStartArray("item");
            json.WriteStartObject();
            json.WriteString("linkId", section.Name + ".hint");
            json.WriteString("text", section.Hint);
            json.WriteString("type", "display");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteStartObject();
        json.WriteString("linkId", AddendumGroup);
        json.WriteString("text", "Addendum after sign-off");
        json.WriteString("type", "group");
        json.WriteBoolean("repeats", true);
        json.WriteStartArray("item");
        Question(json, AddendumText, "Addendum", "text", required: true);
        Question(json, AddendumAddedBy, "Added by", "string", required: true);
        Question(json, AddendumAddedAt, "Added at", "dateTime", required: true);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Question(System.Text.Json.Utf8JsonWriter json, string linkId, string text, string type, bool required)
    {
        json.WriteStartObject();
        json.WriteString("linkId", linkId);
        json.WriteString("text", text);
        json.WriteString("type", type);
        json.WriteBoolean("required", required);
        json.WriteEndObject();
    }
}
