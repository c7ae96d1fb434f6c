using System.Collections.Concurrent;
using System.Net;
using Aftercare.Domain.Patients;
using Aftercare.Domain.Staff;
using Aftercare.Web.Fhir;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using static Aftercare.Web.Tests.Fhir.FhirEpisodes;

namespace Aftercare.Web.Tests.Fhir;

/// <summary>
/// A request the API cannot answer as asked gets an OperationOutcome saying why, with the status
/// FHIR clients expect, and never a stack trace, SQL or the pages' HTML.
/// </summary>
[Collection("web")]
public sealed class FhirErrorTests(AftercareFactory app)
{
    public static TheoryData<string, string, string?, HttpStatusCode, string> Malformed => new()
    {
        // what is wrong, the address ({person} is a person in reach), an Accept header, the status, FHIR's issue code
        { "an id FHIR does not allow", "/fhir/Patient/not%20an%20id", null, HttpStatusCode.BadRequest, "invalid" },
        { "an id longer than 64 characters", "/fhir/Encounter/" + new string('a', 65), null, HttpStatusCode.BadRequest, "invalid" },
        { "a well-formed id of nothing", "/fhir/Encounter/no-such-presentation", null, HttpStatusCode.NotFound, "not-found" },
        { "a resource type not served", "/fhir/Observation/{person}", null, HttpStatusCode.NotFound, "not-supported" },
        { "a resource type in the wrong case", "/fhir/patient/{person}", null, HttpStatusCode.NotFound, "not-supported" },
        { "a search of a type not served", "/fhir/MedicationRequest?patient={person}", null, HttpStatusCode.NotFound, "not-supported" },
        { "a search parameter not understood", "/fhir/Encounter?subject={person}", null, HttpStatusCode.BadRequest, "not-supported" },
        { "a search parameter beside one understood", "/fhir/Appointment?patient={person}&_sort=date", null, HttpStatusCode.BadRequest, "not-supported" },
        { "a modifier not understood", "/fhir/Appointment?patient:missing=true", null, HttpStatusCode.BadRequest, "not-supported" },
        { "a parameter given twice", "/fhir/Encounter?patient={person}&patient={person}", null, HttpStatusCode.BadRequest, "invalid" },
        { "a search of everyone", "/fhir/Encounter", null, HttpStatusCode.BadRequest, "invalid" },
        { "a patient reference to another type", "/fhir/CarePlan?patient=Group/{person}", null, HttpStatusCode.BadRequest, "invalid" },
        { "a parameter on a read", "/fhir/Patient/{person}?_elements=name", null, HttpStatusCode.BadRequest, "not-supported" },
        { "a parameter of $everything not offered", "/fhir/Patient/{person}/$everything?_since=2026-01-01", null, HttpStatusCode.BadRequest, "not-supported" },
        { "_format XML", "/fhir/Patient/{person}?_format=xml", null, HttpStatusCode.NotAcceptable, "not-supported" },
        { "_format as an XML media type", "/fhir/metadata?_format=application/fhir%2Bxml", null, HttpStatusCode.NotAcceptable, "not-supported" },
        { "_format of no kind", "/fhir/Patient/{person}?_format=yaml", null, HttpStatusCode.NotAcceptable, "not-supported" },
        { "Accept: XML only", "/fhir/Patient/{person}", "application/fhir+xml", HttpStatusCode.NotAcceptable, "not-supported" },
        { "Accept: another FHIR version", "/fhir/Patient/{person}", "application/fhir+json; fhirVersion=5.0", HttpStatusCode.NotAcceptable, "not-supported" },
        { "an interaction not offered (history)", "/fhir/Patient/{person}/_history", null, HttpStatusCode.NotFound, "not-found" },
        { "the base with nothing after it", "/fhir", null, HttpStatusCode.NotFound, "not-found" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task AMalformedRequest_GetsAnOperationOutcome_WithItsStatus_AndNoStackTrace(string wrong, string url, string? accept, HttpStatusCode status, string code)
    {
        var team = await app.NewTeam();
        var (person, _) = await app.NewPerson(team);
        var session = await app.SignedIn(await app.NewStaff(StaffRole.Practitioner, team));
        using var request = new HttpRequestMessage(HttpMethod.Get, url.Replace("{person}", person.ToString()));
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var c in session.Cookies) request.Headers.Add("Cookie", $"{c.Key}={c.Value}");
        var answer = await Answer(await client.SendAsync(request));

        Assert.True(status == answer.Status, $"{wrong}: expected {status}, got {answer.Status}: {answer.Body}");
        Assert.Equal("application/fhir+json", answer.ContentType);
        Assert.Equal("OperationOutcome", answer.ResourceType);
        Assert.Equal(code, (string?)answer.Json!["issue"]![0]!["code"]);
        AssertNothingInternal(answer.Body);
        await FhirValidator.AssertValid(answer.Body);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task AWrite_IsRefused_TheApiIsReadOnly(string method)
    {
        var team = await app.NewTeam();
        var (person, family) = await app.NewPerson(team);
        var session = await app.SignedIn(await app.NewStaff(StaffRole.Practitioner, team));
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/fhir/Patient/{person}")
        {
            Content = new StringContent("""{"resourceType":"Patient","gender":"male"}""", System.Text.Encoding.UTF8, "application/fhir+json"),
        };
        foreach (var c in session.Cookies) request.Headers.Add("Cookie", $"{c.Key}={c.Value}");
        var answer = await Answer(await app.CreateClient(new() { AllowAutoRedirect = false }).SendAsync(request));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, answer.Status);
        Assert.Equal("OperationOutcome", answer.ResourceType);
        await FhirValidator.AssertValid(answer.Body);
        Assert.Equal(Sex.Female, await app.WithDb(db => db.Persons.Where(p => p.Id == person).Select(p => p.Sex).SingleAsync()));
        Assert.Contains(family, (await session.Fhir($"/fhir/Patient/{person}")).Body);
    }

    internal static void AssertNothingInternal(string body)
    {
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("<html", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SELECT", body);
        Assert.DoesNotContain("Npgsql", body);
    }
}

/// <summary>A failure deep inside the API, such as a broken query, is a 500 OperationOutcome, logged, with nothing of the failure shown.</summary>
public sealed class FhirFailureTests(FhirFailureTests.Factory app) : IClassFixture<FhirFailureTests.Factory>
{
    public sealed class Factory : AftercareFactory
    {
        public ConcurrentQueue<(LogLevel Level, string Message, Exception? Error)> Logged { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<IFhirResourceMap, BrokenMap>());
            builder.ConfigureLogging(l => l.AddProvider(new Capture(Logged)));
        }
    }

    /// <summary>A type whose query fails in the database, as a mistake in a map would.</summary>
    private sealed class BrokenMap : IFhirResourceMap
    {
        public string ResourceType => "Basic";
        public string AuditEntity => "Basic";
        public string OwnerSql => "SELECT person_id FROM no_such_table WHERE id = $1";
        public string ReadSql(bool byId) => "SELECT 1";
        public FhirResource Read(NpgsqlDataReader row) => throw new InvalidOperationException("never read");
    }

    private sealed class Capture(ConcurrentQueue<(LogLevel, string, Exception?)> into) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(into);
        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<(LogLevel, string, Exception?)> into) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) into.Enqueue((logLevel, formatter(state, exception), exception));
            }
        }
    }

    [Fact]
    public async Task AFailingQuery_IsA500OperationOutcome_Logged_WithoutTheExceptionOrSql()
    {
        var session = await app.SignedIn(await app.NewStaff(StaffRole.Practitioner, await app.NewTeam()));
        var answer = await session.Fhir($"/fhir/Basic/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Equal("application/fhir+json", answer.ContentType);
        Assert.Equal("OperationOutcome", answer.ResourceType);
        Assert.Equal("exception", (string?)answer.Json!["issue"]![0]!["code"]);
        FhirErrorTests.AssertNothingInternal(answer.Body);
        Assert.DoesNotContain("no_such_table", answer.Body);
        Assert.DoesNotContain("42P01", answer.Body);
        await FhirValidator.AssertValid(answer.Body);
        Assert.Contains(app.Logged, l => l.Error is PostgresException { SqlState: "42P01" } && l.Message.Contains("/fhir/Basic/"));
    }
}
