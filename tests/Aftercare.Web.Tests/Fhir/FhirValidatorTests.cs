namespace Aftercare.Web.Tests.Fhir;

/// <summary>
/// The validators the other FHIR tests rely on must bite: each of these resources breaks one rule
/// of FHIR R4 that a mistake in a mapper could break, and each must be refused.
/// </summary>
public sealed class FhirValidatorTests
{
    [Fact]
    public async Task AValidResource_Passes()
    {
        var result = await FhirValidator.Validate(
            """{"resourceType":"Patient","id":"a1","identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"9434765919"}],"gender":"female","birthDate":"1999-04-12"}""");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Theory]
    [InlineData("a code outside a required binding", """{"resourceType":"Patient","id":"a1","gender":"woman"}""")]
    [InlineData("an element FHIR does not define", """{"resourceType":"Patient","id":"a1","riskLevel":"high"}""")]
    [InlineData("a date in the wrong format", """{"resourceType":"Patient","id":"a1","birthDate":"12/04/1999"}""")]
    [InlineData("a dateTime without its time zone", """{"resourceType":"Encounter","id":"e1","status":"unknown","class":{"code":"EMER"},"period":{"start":"2026-01-01T10:00:00"}}""")]
    [InlineData("a required element missing", """{"resourceType":"Encounter","id":"e1","status":"unknown"}""")]
    [InlineData("an empty string", """{"resourceType":"Patient","id":"a1","name":[{"family":""}]}""")]
    [InlineData("an id FHIR does not allow", """{"resourceType":"Patient","id":"not an id"}""")]
    [InlineData("an invariant (app-3: a booked appointment has a start)", """{"resourceType":"Appointment","status":"booked","participant":[{"status":"accepted","actor":{"reference":"Patient/a1"}}]}""")]
    [InlineData("an invariant (qrs-1: an item with both answers and items)", """{"resourceType":"QuestionnaireResponse","status":"completed","item":[{"linkId":"a","answer":[{"valueString":"x"}],"item":[{"linkId":"b"}]}]}""")]
    [InlineData("an invariant (pat-1: a contact with no details)", """{"resourceType":"Patient","id":"a1","contact":[{"relationship":[{"text":"Sister"}]}]}""")]
    [InlineData("an OperationOutcome with an issue code FHIR does not have", """{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"oops"}]}""")]
    [InlineData("a broken resource inside a bundle", """{"resourceType":"Bundle","type":"searchset","entry":[{"fullUrl":"urn:uuid:1","resource":{"resourceType":"Patient","gender":"x"}}]}""")]
    [InlineData("a bundle of a type FHIR does not have", """{"resourceType":"Bundle","type":"everything"}""")]
    [InlineData("a broken contained resource", """{"resourceType":"CarePlan","status":"active","intent":"plan","subject":{"reference":"Patient/a1"},"contained":[{"resourceType":"RelatedPerson","id":"p1","patient":{"reference":"Patient/a1"},"gender":"sister"}]}""")]
    [InlineData("no resource at all", """{"status":"active"}""")]
    public async Task ABrokenResource_IsRefused(string broken, string json)
    {
        var result = await FhirValidator.Validate(json);
        Assert.False(result.IsValid, $"The validator accepted {broken}: {json}");
    }
}
