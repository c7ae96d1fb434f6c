using System.Net;
using Aftercare.Web.Data.Demo;
using Npgsql;

namespace Aftercare.Bench;

/// <summary>
/// The scenarios of the directory, referrals and sharing: finding a service by where the person
/// lives (and what they need), opening a referral of the team, and a person's whole episode as a
/// FHIR bundle (<c>Patient/{id}/$everything</c>) for someone with a typical history: their
/// presentations, the assessment, the safety plan, the pathway with its contacts and sessions, and
/// a referral.
/// </summary>
public static partial class Driver
{
    public static readonly string[] ReferralScenarios = ["referral", "everything"];

    /// <summary>A sent referral of the team, and the person it is for.</summary>
    public sealed record ReferralPick(Guid Person, Guid Referral);

    /// <summary>The needs the loaded directory's services meet (the demo directory's), so a search by need finds some.</summary>
    private static readonly string[] Needs = [.. DemoDirectory.Services().SelectMany(s => s.Needs).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Up to 2,000 of the team's sent referrals, in a repeatable order.</summary>
    private static async Task<ReferralPick[]> SampleReferrals(NpgsqlDataSource db, Guid team)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using (var seed = new NpgsqlCommand("SELECT setseed(0.42)", conn)) await seed.ExecuteNonQueryAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT person_id, id FROM referrals WHERE team_id = $1 AND sent_at IS NOT NULL ORDER BY random() LIMIT 2000", conn);
        cmd.Parameters.Add(new() { Value = team });
        var list = new List<ReferralPick>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add(new ReferralPick(reader.GetGuid(0), reader.GetGuid(1)));
        return [.. list];
    }

    private static readonly byte[] DirectoryResults = "data-testid=\"results\""u8.ToArray();
    private static readonly byte[] DirectoryNoResults = "data-testid=\"no-results\""u8.ToArray();
    private static readonly byte[] ReferralHeading = "<h1>Referral to "u8.ToArray();
    private static readonly byte[] LetterHeading = "The letter as sent</h2>"u8.ToArray();
    private static readonly byte[] BundleMarker = "\"resourceType\":\"Bundle\""u8.ToArray();
    private static readonly byte[] EncounterMarker = "\"resourceType\":\"Encounter\""u8.ToArray();
    private static readonly byte[] CarePlanOrQuestionnaireMarker = "\"resourceType\":\"QuestionnaireResponse\""u8.ToArray();

    /// <summary>A search shows services, or says none matches (a rare need in a small area).</summary>
    private static string? DirectoryPageWrong(byte[] body) =>
        body.AsSpan().IndexOf(DirectoryResults) < 0 && body.AsSpan().IndexOf(DirectoryNoResults) < 0 ? "the page shows neither services nor 'no service matches'" : null;

    private static string? ReferralPageWrong(byte[] body) =>
        body.AsSpan().IndexOf(ReferralHeading) < 0 ? "the page has no 'Referral to' heading"
        : body.AsSpan().IndexOf(LetterHeading) < 0 ? "the page does not show the letter as sent"
        : null;

    private static string? EverythingWrong(HttpResponseMessage response, byte[] body) =>
        response.Content.Headers.ContentType?.MediaType != "application/fhir+json" ? $"Content type {response.Content.Headers.ContentType}, not application/fhir+json"
        : body.AsSpan().IndexOf(BundleMarker) < 0 ? "the answer is not a Bundle"
        : body.AsSpan().IndexOf(EncounterMarker) < 0 || body.AsSpan().IndexOf(CarePlanOrQuestionnaireMarker) < 0
            ? "the bundle lacks the presentation's Encounter or the assessment's QuestionnaireResponse"
        : null;

    /// <summary>By postcode district alone, or with a need too, in turn: as a practitioner narrows a search.</summary>
    private static Task DirectorySearch(Client c, Window w)
    {
        var district = SyntheticData.PostcodeDistricts[c.Random.Next(SyntheticData.PostcodeDistricts.Count)];
        var path = c.Step++ % 2 == 0 ? $"/directory?Area={district}" : $"/directory?Area={district}&Need={Needs[c.Random.Next(Needs.Length)]}";
        return Send(c, w, "directory", Get(path), HttpStatusCode.OK, check: (_, body) => DirectoryPageWrong(body));
    }

    private static Task ReferralPage(Client c, Window w)
    {
        var pick = c.Referral();
        return Send(c, w, "referral", Get($"/persons/{pick.Person}/referrals/{pick.Referral}"), HttpStatusCode.OK, check: (_, body) => ReferralPageWrong(body));
    }

    private static Task Everything(Client c, Window w) =>
        Send(c, w, "everything", Get($"/fhir/Patient/{c.Referral().Person}/$everything"), HttpStatusCode.OK, check: EverythingWrong);

    private static async Task ReferralSanityCheck(Client c)
    {
        var pick = c.Referrals[0];
        if (DirectoryPageWrong(await c.Http.GetByteArrayAsync($"/directory?Area={SyntheticData.PostcodeDistricts[0]}")) is { } directoryWrong)
            throw new BenchException($"The directory search: {directoryWrong}");
        if (ReferralPageWrong(await c.Http.GetByteArrayAsync($"/persons/{pick.Person}/referrals/{pick.Referral}")) is { } referralWrong)
            throw new BenchException($"The referral {pick.Referral}: {referralWrong}");
        using var everything = await c.Http.GetAsync($"/fhir/Patient/{pick.Person}/$everything");
        var problem = everything.StatusCode != HttpStatusCode.OK ? $"answered {(int)everything.StatusCode}"
            : EverythingWrong(everything, await everything.Content.ReadAsByteArrayAsync());
        if (problem is not null) throw new BenchException($"$everything for {pick.Person}: {problem}");
    }
}
