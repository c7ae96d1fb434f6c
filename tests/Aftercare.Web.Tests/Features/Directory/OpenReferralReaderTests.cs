using System.Text;
using Aftercare.Domain.Directory;
using Aftercare.Web.Features.Directory;

namespace Aftercare.Web.Tests.Features.Directory;

/// <summary>Reading Open Referral files: what is understood, and how each problem is named so the publisher can find it.</summary>
public sealed class OpenReferralReaderTests
{
    private static ImportRead Read(string json) => OpenReferralReader.Read(Encoding.UTF8.GetBytes(json));

    private const string Minimal = """{ "id": "s1", "name": "Harbour Line", "status": "active", "phones": [ { "id": "p1", "number": "0808 157 0192" } ], "service_areas": [ { "id": "a1", "name": "National" } ] }""";

    [Fact]
    public void TheSampleDirectory_IsReadWhole()
    {
        var read = OpenReferralReader.Read(DirectoryTestData.Sample().File);

        Assert.True(read.IsValid, string.Join("; ", read.Problems));
        Assert.Equal(5, read.Services.Count);
        var therapies = read.Services[0].Details;
        Assert.Equal(ServiceType.NhsTalkingTherapies, therapies.Type);
        Assert.Equal(["Aged 16 or over", "Registered with a GP in Leeds", "Anxiety or depression that affects day-to-day life"], therapies.EligibilityCriteria);
        Assert.Equal(["Needs a same-day crisis response"], therapies.Exclusions);
        Assert.Equal(["talking-therapy"], therapies.Needs);
        Assert.Equal(28, therapies.TypicalWaitDays);
        Assert.Equal(5, therapies.Hours.Sessions.Count);
        Assert.Equal("Closed on bank holidays.", therapies.Hours.Note);
        Assert.Equal(["LS6", "LS7", "LS16", "Leeds"], therapies.Areas);
    }

    [Fact]
    public void BothTheBareListAndTheApiPage_AreRead()
    {
        Assert.Single(Read($"[{Minimal}]").Services);
        Assert.Single(Read($$"""{ "total_items": 1, "contents": [{{Minimal}}] }""").Services);
        Assert.Single(Read($$"""{ "totalElements": 1, "content": [{{Minimal}}] }""").Services);
    }

    [Fact]
    public void MalformedJson_IsNamedByLineAndColumn()
    {
        var read = Read("[\n  {\n    \"id\": \"s1\",\n    \"name\": \"Harbour Line\"\n    \"status\": \"active\"\n  }\n]");

        var problem = Assert.Single(read.Problems);
        Assert.StartsWith("The file is not valid JSON at line 5, column 5", problem);
        Assert.DoesNotContain("LineNumber", problem);
        Assert.Empty(read.Services);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    public void AnEmptyFile_IsRefused(string json)
    {
        Assert.Contains("The file is empty", Assert.Single(Read(json).Problems));
    }

    [Fact]
    public void AByteOrderMark_IsAllowed()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"[{Minimal}]")).ToArray();

        Assert.True(OpenReferralReader.Read(bytes).IsValid);
    }

    [Theory]
    [InlineData("{ \"services\": 3 }")]
    [InlineData("\"services\"")]
    public void AFileThatIsNotAListOfServices_IsRefused(string json)
    {
        Assert.Contains("must be a list of services", Assert.Single(Read(json).Problems));
    }

    [Fact]
    public void ProblemsAreNamedByTheirPath_AndAFileWithAnyLoadsNothing()
    {
        var read = Read($$"""
            [
              {{Minimal}},
              { "id": "s2", "status": "active", "phones": [ { "id": "p", "number": "0113 496 0000" } ], "service_areas": [ { "id": "a", "name": "LS6" } ] },
              { "id": "s3", "name": "Three", "status": "closed", "phones": [ { "id": "p" } ], "service_areas": [ { "id": "a", "name": "LS6X9" } ] },
              { "id": "s4", "name": "Four", "email": "not-an-email", "service_areas": [ { "id": "a", "name": "Leeds" } ] },
              { "id": "s5", "name": "Five", "phones": [ { "id": "p", "number": "0113 496 0000" } ], "schedules": [ { "id": "x", "byday": "MO,XX", "opens_at": "9am", "closes_at": "17:00" } ], "service_areas": [ { "id": "a", "name": "Leeds" } ] }
            ]
            """);

        Assert.Empty(read.Services);
        Assert.Contains("services[1].name is missing", read.Problems);
        Assert.Contains(read.Problems, p => p.StartsWith("services[2].status must be one of active, inactive"));
        Assert.Contains("services[2].phones[0].number is missing", read.Problems);
        Assert.Contains(read.Problems, p => p.StartsWith("services[3].email: Enter an email address in the right format"));
        Assert.Contains(read.Problems, p => p.StartsWith("services[4].schedules[0].opens_at must be a time on the 24-hour clock"));
        Assert.Contains(read.Problems, p => p.StartsWith("services[4].schedules[0].byday: \"XX\" is not a day of the week"));
    }

    [Fact]
    public void ARuleOfTheDirectory_IsNamedByTheFieldItCameFrom()
    {
        var read = Read("""[ { "id": "s1", "name": "One", "phones": [ { "id": "p", "number": "0113 496 0000" } ], "service_areas": [ { "id": "a", "name": "LS6X9" } ] } ]""");

        Assert.StartsWith("services[0].service_areas: \"LS6X9\" is not a postcode district", Assert.Single(read.Problems));
    }

    [Fact]
    public void AServiceWithNoAreas_IsRefused_BecauseNoSearchWouldFindIt()
    {
        var read = Read("""[ { "id": "s1", "name": "One", "phones": [ { "id": "p", "number": "0113 496 0000" } ] } ]""");

        Assert.StartsWith("services[0].service_areas is missing", Assert.Single(read.Problems));
    }

    [Fact]
    public void TheSameIdTwice_IsRefused()
    {
        var read = Read($"[{Minimal}, {Minimal}]");

        Assert.StartsWith("services[1].id \"s1\" is the same as services[0].id", Assert.Single(read.Problems));
    }

    [Fact]
    public void ManyProblems_AreListedUpToALimit_WithHowManyMore()
    {
        var services = string.Join(",", Enumerable.Range(0, 30).Select(i => $$"""{ "id": "s{{i}}" }"""));

        var read = Read($"[{services}]");

        Assert.Equal(OpenReferralReader.MaxProblems + 1, read.Problems.Count);
        Assert.Matches(@"^… and \d+ more problems$", read.Problems[^1]);
    }

    [Fact]
    public void AgeLimits_BecomeACriterion_AndAWaitInWordsIsRead()
    {
        var read = Read("""[ { "id": "s1", "name": "One", "minimum_age": 11, "maximum_age": 25, "wait_time": "3 weeks", "phones": [ { "id": "p", "number": "0113 496 0000" } ], "service_areas": [ { "id": "a", "name": "Leeds" } ] } ]""");

        var details = Assert.Single(read.Services).Details;
        Assert.Equal(["Aged 11 to 25"], details.EligibilityCriteria);
        Assert.Equal(21, details.TypicalWaitDays);
        Assert.Equal(ServiceType.Other, details.Type);
    }

    [Fact]
    public void AnUnknownNeedOfAftercaresTaxonomy_IsRefused_ButOtherTaxonomiesAreLeftAlone()
    {
        var read = Read("""
            [ { "id": "s1", "name": "One", "phones": [ { "id": "p", "number": "0113 496 0000" } ], "service_areas": [ { "id": "a", "name": "Leeds" } ],
                "attributes": [
                  { "id": "x1", "taxonomy_term": { "id": "t1", "code": "astrology", "name": "Astrology", "description": "", "taxonomy": "aftercare-needs" } },
                  { "id": "x2", "taxonomy_term": { "id": "t2", "code": "astrology", "name": "Astrology", "description": "", "taxonomy": "someone-else" } }
                ] } ]
            """);

        Assert.StartsWith("services[0].attributes[0].taxonomy_term.code: \"astrology\" is not one of Aftercare's needs", Assert.Single(read.Problems));
    }

    [Fact]
    public void ARetiredServiceInTheFile_IsReadAsNotInUse()
    {
        var read = Read($"[{Minimal.Replace("\"active\"", "\"defunct\"")}]");

        Assert.False(Assert.Single(read.Services).IsActive);
    }
}
