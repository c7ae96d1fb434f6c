using System.Text.Json.Serialization;
using Aftercare.Domain.Assessments;
using Aftercare.Domain.Patients;
using Aftercare.Domain.SafetyPlans;

namespace Aftercare.Web.Fhir;

/// <summary>
/// The jsonb columns the FHIR maps read (the person's contacts, the assessment's sections, the
/// safety plan), read with source-generated code rather than by reflection on every request. The
/// names are the properties' own, as the DbContext writes them (JsonSerializerOptions.Default).
/// </summary>
[JsonSerializable(typeof(List<PersonContact>))]
[JsonSerializable(typeof(AssessmentSections))]
[JsonSerializable(typeof(SafetyPlanContent))]
internal sealed partial class StoredJson : JsonSerializerContext;
