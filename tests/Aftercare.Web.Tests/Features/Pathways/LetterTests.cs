using System.Globalization;
using System.Net;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.SafetyPlans;
using Aftercare.Domain.Staff;
using Aftercare.Web.Features.Pathways;
using Aftercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aftercare.Web.Tests.Features.Pathways;

[Collection("web")]
public sealed class LetterTests(AftercareFactory app)
{
    public static readonly SafetyPlanContent Plan = SafetyPlanContent.Empty with
    {
        ReasonsForLiving = [new("Bella, who needs me"), new("Seeing my little brother grow up")],
        ThingsICanDo = [new("Take Bella round the park")],
        PeopleICanAsk = [new("My sister Jo", "07700 900456")],
    };

    public sealed record DueLetter(TeamAtSite Team, StaffAccount Practitioner, PersonId Person, string Family, PlannedContactId Contact, string Url);

    /// <summary>A person whose assessment was signed off three months ago, with a plan: the 3-month letter's window is open.</summary>
    public static async Task<DueLetter> NewDueLetter(AftercareFactory app, TeamAtSite? team = null, StaffAccount? practitioner = null)
    {
        team ??= await app.NewTeam();
        practitioner ??= await app.NewStaff(StaffRole.Practitioner, team);
        var (person, pathway) = await app.NewPathway(team, practitioner, DateTimeOffset.UtcNow.AddMonths(-3));
        var family = await app.WithDb(db => db.Persons.Where(p => p.Id == person).Select(p => p.FamilyName).SingleAsync());
        var contact = await app.WithDb(async db =>
        {
            var (plan, version) = SafetyPlan.Create(person, Plan, Author.ForStaff(new StaffId(practitioner.Id), practitioner.Name), DateTimeOffset.UtcNow.AddMonths(-3));
            db.SafetyPlans.Add(plan);
            db.SafetyPlanVersions.Add(version);
            await db.Database.ExecuteSqlAsync($"UPDATE persons SET postcode = 'LS1 4AP' WHERE id = {person.Value}");
            await db.SaveChangesAsync();
            return await db.PlannedContacts.Where(c => c.PathwayId == pathway && c.Key == "letter-3").Select(c => c.Id).SingleAsync();
        });
        return new DueLetter(team, practitioner, person, family, contact, $"/persons/{person}/pathway/letters/{contact}");
    }

    private async Task<(DueLetter Letter, WebSession Session)> Opened()
    {
        var due = await NewDueLetter(app);
        var session = app.NewSession();
        await session.SignIn(due.Practitioner);
        return (due, session);
    }

    private Task<AftercareLetter> Saved(DueLetter due) =>
        app.WithDb(db => db.Letters.AsNoTracking().SingleAsync(l => l.PlannedContactId == due.Contact));

    private static Dictionary<string, string?> Body(string body) => new() { ["Form.Body"] = body };

    /// <summary>The current minute on the UK clock, as a person types it: now, to the minute.</summary>
    private static (string Day, string Month, string Year, string Time, DateTimeOffset At) Now(TimeSpan? plus = null)
    {
        var local = UkTime.ToLocal(DateTimeOffset.UtcNow + (plus ?? TimeSpan.Zero));
        var at = UkTime.ToUtc(DateOnly.FromDateTime(local), new TimeOnly(local.Hour, local.Minute));
        return (local.Day.ToString(CultureInfo.InvariantCulture), local.Month.ToString(CultureInfo.InvariantCulture),
            local.Year.ToString(CultureInfo.InvariantCulture), local.ToString("HH:mm", CultureInfo.InvariantCulture), at);
    }

    private static Dictionary<string, string?> SentFields(string? how, (string Day, string Month, string Year, string Time, DateTimeOffset At) when) => new()
    {
        ["Sent.How"] = how,
        ["Sent.Date.Day"] = when.Day,
        ["Sent.Date.Month"] = when.Month,
        ["Sent.Date.Year"] = when.Year,
        ["Sent.Time"] = when.Time,
    };

    private static async Task Approve(WebSession session, DueLetter due, string? body = null)
    {
        var page = await session.GetPage(due.Url);
        body ??= page.QuerySelector("textarea[name='Form.Body']")!.TextContent;
        await WebSession.AssertRedirect(await session.PostForm(due.Url, Body(body), due.Url + "?handler=Approve"));
    }

    [Fact]
    public async Task OpeningADueLetter_DraftsItFromThePlanInTheirOwnWords_Once_AndEveryReadIsAudited()
    {
        var (due, session) = await Opened();
        Assert.False(await app.WithDb(db => db.Letters.AnyAsync(l => l.PlannedContactId == due.Contact)));

        var page = await session.GetPage(due.Url);
        var draft = page.QuerySelector("textarea[name='Form.Body']")!.TextContent;
        Assert.StartsWith("Dear Robin,", draft);
        Assert.Contains("- “Bella, who needs me”", draft);
        Assert.Contains("- “My sister Jo”, 07700 900456", draft);
        Assert.Contains("what matters to you:\n“My sister and my dog”", draft);
        Assert.EndsWith($"{due.Practitioner.Name}\n{due.Team.TeamName}", draft.TrimEnd());
        Assert.Contains("Draft to review", page.QuerySelector("[data-testid=status]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=quotes-to-check]"));
        Assert.NotNull(page.QuerySelector("input[name=Version]"));

        await session.GetPage(due.Url);
        var letter = await Saved(due);
        Assert.Equal(draft, letter.Body);
        Assert.Equal(LetterStatus.Draft, letter.Status);
        var events = await app.WithDb(db => db.AuditEvents.AsNoTracking().Where(e => e.EntityType == "Letter" && e.EntityId == letter.Id.ToString()).ToListAsync());
        Assert.Single(events, e => e.Action == "create" && e.ActorId == due.Practitioner.Id);
        Assert.Equal(2, events.Count(e => e.Action == "view" && e.ActorId == due.Practitioner.Id && e.PersonId == due.Person.Value));
    }

    [Fact]
    public async Task APractitioner_ChangesTheDraft_ARewordedQuotationIsPointedOut_AndApprovingFixesTheText()
    {
        var (due, session) = await Opened();
        var draft = (await session.GetPage(due.Url)).QuerySelector("textarea[name='Form.Body']")!.TextContent;

        var changed = draft.Replace("I hope things have been as good as they can be.", "I hope the new job at the bakery is going well.")
            .Replace("“Bella, who needs me”", "“Bella, who loves me”");
        await WebSession.AssertRedirect(await session.PostForm(due.Url, Body(changed), due.Url + "?handler=Save"));
        var saved = await Saved(due);
        Assert.Contains("the new job at the bakery", saved.Body);
        Assert.Equal(new StaffId(due.Practitioner.Id), saved.LastEditedBy);
        var page = await session.GetPage(due.Url);
        Assert.Contains("Draft saved", page.QuerySelector("[data-testid=notice]")!.TextContent);
        Assert.Equal(["Bella, who loves me"], page.QuerySelectorAll("[data-testid=quotes-to-check] li").Select(li => li.TextContent));

        var approved = changed.Replace("“Bella, who loves me”", "“Bella, who needs me”");
        await Approve(session, due, approved);
        saved = await Saved(due);
        Assert.Equal(LetterStatus.Approved, saved.Status);
        Assert.Equal(approved.Replace("\r\n", "\n").Trim(), saved.Body);
        Assert.Equal(due.Practitioner.Name, saved.ApprovedByName);
        page = await session.GetPage(due.Url);
        Assert.Null(page.QuerySelector("textarea[name='Form.Body']"));
        Assert.Null(page.QuerySelector("[data-testid=quotes-to-check]"));
        Assert.Contains("the new job at the bakery", page.QuerySelector("[data-testid=letter-body]")!.TextContent);
        Assert.Equal(due.Url + "/pdf", page.QuerySelector("a[download]")!.GetAttribute("href"));

        // Once approved, nothing changes it: a late save is refused and the text typed is shown, not saved.
        var late = await session.PostForm(due.Url, Body("Dear Robin, something else entirely"), due.Url + "?handler=Save");
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var shown = WebSession.Parse(await late.Content.ReadAsStringAsync());
        Assert.Contains("can no longer be changed", shown.QuerySelector(".nhsuk-error-summary:not(.app-overdue-banner)")!.TextContent);
        Assert.Contains("something else entirely", shown.QuerySelector("[data-testid=unsaved-text]")!.TextContent);
        Assert.Equal(approved.Replace("\r\n", "\n").Trim(), (await Saved(due)).Body);
    }

    [Fact]
    public async Task TheApprovedLetter_PrintsWithTheirWords_TheCrisisLines_AndThePractitioner_ButADraftIsNeverPrinted()
    {
        var (due, session) = await Opened();
        await session.GetPage(due.Url);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Get(due.Url + "/pdf")).StatusCode);

        await Approve(session, due);
        var response = await session.Get(due.Url + "/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("letter-3-months.pdf", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-"u8.ToArray(), pdf.Take(5).ToArray());
        var text = PdfText.Flat(pdf);
        Assert.Contains("“Bella, who needs me”", text);
        Assert.Contains("“Seeing my little brother grow up”", text);
        Assert.Contains("“My sister Jo”, 07700 900456", text);
        foreach (var crisis in new[] { "999", "111, option 2", "116 123", "SHOUT", "85258" }) Assert.Contains(crisis, text);
        Assert.Contains(due.Practitioner.Name, text);
        Assert.StartsWith(due.Team.TeamName, text);
        Assert.Contains($"Private and confidential Robin {due.Family} LS1 4AP", text);
        Assert.Contains(UkTime.FormatDate(UkTime.DateOf((await Saved(due)).ApprovedAt!.Value)), text);
        Assert.InRange(int.Parse(PdfText.Info(pdf)["Pages"], CultureInfo.InvariantCulture), 1, 2);
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.EntityType == "Letter" && e.Action == "view" && e.Reason == "PDF" && e.PersonId == due.Person.Value)));
    }

    [Fact]
    public void ADraftPrintsOnOnePage_ALongerLetterOnTwo_AtTwelvePoint_AndTheLongestRunsOnWithoutLosingAWord()
    {
        static LetterPdf.Rendered Render(string body) =>
            LetterPdf.RenderLaidOut(new LetterPrint("Robin Example", "LS1 4AP", "Liaison Team", "St Elsewhere", DateTimeOffset.UtcNow, body));

        var draft = Render(LetterDraft.Compose("Robin", "Asha Patel", "Liaison Team", 3, Plan, "My sister and my dog", "I keep going"));
        Assert.Equal(1, draft.Pages);
        Assert.DoesNotContain("Page 1", PdfText.Flat(draft.Bytes));

        var prose = string.Join(' ', Enumerable.Repeat("Thinking of you and hoping the days are kinder.", 90));
        var longer = Render("Dear Robin,\n\n" + prose + "\n\nWith warm wishes,\n\nAsha");
        Assert.Equal(2, longer.Pages);
        Assert.Contains("Page 2 of 2", PdfText.Flat(longer.Bytes));
        Assert.All(PdfText.Words(longer.Bytes).Where(w => w.Text == "kinder."), w => Assert.InRange(w.Height, 12, 15));

        // The most the domain allows, in short paragraphs (the least dense a letter can be): more pages, every sentence kept.
        const string Sentence = "I hope the new job is going well, Robin.";
        var most = string.Join("\n\n", Enumerable.Repeat(Sentence, AftercareLetter.MaxBodyLength / (Sentence.Length + 2)));
        var longest = Render(most);
        Assert.True(longest.Pages > 2);
        var text = PdfText.Flat(longest.Bytes);
        Assert.Equal(AftercareLetter.MaxBodyLength / (Sentence.Length + 2), text.Split(Sentence).Length - 1);
        Assert.Contains($"Page {longest.Pages} of {longest.Pages}", text);
        Assert.Contains("116 123", PdfText.Pages(longest.Bytes)[^1]);
    }

    [Fact]
    public async Task RecordingTheLetterSent_CompletesThePlannedContact_AndItLeavesMyWork()
    {
        var (due, session) = await Opened();
        Assert.Contains((await session.GetPage("/work")).QuerySelectorAll("[data-testid=work-item]"),
            r => r.TextContent.Contains(due.Family) && r.TextContent.Contains("Letter at 3 months"));
        await Approve(session, due);

        var when = Now();
        await WebSession.AssertRedirect(await session.PostForm(due.Url, SentFields("Post", when), due.Url + "?handler=Sent"));

        var letter = await Saved(due);
        Assert.Equal(LetterStatus.Sent, letter.Status);
        Assert.Equal(LetterSending.Post, letter.SentBy);
        Assert.Equal(when.At, letter.SentAt);
        var contact = await app.WithDb(db => db.PlannedContacts.AsNoTracking().SingleAsync(c => c.Id == due.Contact));
        Assert.Equal(ContactStatus.Done, contact.Status);
        Assert.Equal(when.At, contact.DoneAt);
        Assert.Equal(new StaffId(due.Practitioner.Id), contact.DoneBy);
        Assert.DoesNotContain((await session.GetPage("/work")).QuerySelectorAll("[data-testid=work-item]"),
            r => r.TextContent.Contains(due.Family) && r.TextContent.Contains("Letter at 3 months"));
        var page = await session.GetPage(due.Url);
        Assert.Contains($"By post on {UkTime.Format(when.At)}, recorded by {due.Practitioner.Name}", page.QuerySelector("[data-testid=sent]")!.TextContent);
        Assert.Null(page.QuerySelector("input[name='Sent.How']"));
        Assert.True(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.EntityType == "PlannedContact" && e.EntityId == due.Contact.ToString() && e.Action == "update")));
    }

    [Fact]
    public async Task TwoPeopleEditingTheSameDraft_TheSecondSeesTheFirstsText_AndKeepsTheirOwn()
    {
        var (due, first) = await Opened();
        var supervisor = await app.NewStaff(StaffRole.Supervisor, due.Team);
        var second = app.NewSession();
        await second.SignIn(supervisor);
        var opened = await second.GetPage(due.Url);
        var token = opened.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value");
        var version = opened.QuerySelector("input[name=Version]")!.GetAttribute("value");
        var draft = opened.QuerySelector("textarea[name='Form.Body']")!.TextContent;

        var theirs = draft.Replace("With warm wishes,", "Take care of yourself,");
        await WebSession.AssertRedirect(await first.PostForm(due.Url, Body(theirs), due.Url + "?handler=Save"));
        var mine = draft.Replace("I hope things have been as good as they can be.", "I was glad to hear about your exams.");
        var response = await second.PostWithToken(due.Url + "?handler=Save", token, new Dictionary<string, string?> { ["Form.Body"] = mine, ["Version"] = version });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains($"{due.Practitioner.Name} saved this letter", page.QuerySelector(".nhsuk-error-summary:not(.app-overdue-banner)")!.TextContent);
        Assert.Contains("glad to hear about your exams", page.QuerySelector("textarea[name='Form.Body']")!.TextContent);
        Assert.Contains("Take care of yourself,", page.QuerySelector("[data-testid=their-text]")!.TextContent);
        Assert.Equal(theirs.Trim(), (await Saved(due)).Body);

        // Approving on the old version is refused the same way; on the version just shown, it goes through.
        var stale = await second.PostWithToken(due.Url + "?handler=Approve", token, new Dictionary<string, string?> { ["Form.Body"] = mine, ["Version"] = version });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(LetterStatus.Draft, (await Saved(due)).Status);
        var both = mine.Replace("With warm wishes,", "Take care of yourself,");
        await WebSession.AssertRedirect(await second.PostWithToken(due.Url + "?handler=Approve", token, new Dictionary<string, string?>
        {
            ["Form.Body"] = both,
            ["Version"] = page.QuerySelector("input[name=Version]")!.GetAttribute("value"),
        }));
        var letter = await Saved(due);
        Assert.Equal(LetterStatus.Approved, letter.Status);
        Assert.Contains("glad to hear about your exams", letter.Body);
        Assert.Contains("Take care of yourself,", letter.Body);
    }

    [Fact]
    public async Task BadInput_IsShownNextToTheField_AndWhatWasTypedIsKept()
    {
        var (due, session) = await Opened();
        var draft = (await session.GetPage(due.Url)).QuerySelector("textarea[name='Form.Body']")!.TextContent;

        var empty = await session.PostForm(due.Url, Body("   "), due.Url + "?handler=Approve");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var page = WebSession.Parse(await empty.Content.ReadAsStringAsync());
        Assert.Contains("The letter is empty", page.QuerySelector("#Form_Body-error")!.TextContent);
        Assert.Equal("#Form_Body", page.QuerySelector(".nhsuk-error-summary:not(.app-overdue-banner) a")!.GetAttribute("href"));
        Assert.Equal(draft.Trim(), (await Saved(due)).Body);
        Assert.Equal(LetterStatus.Draft, (await Saved(due)).Status);

        await Approve(session, due);
        var noMethod = await session.PostForm(due.Url, SentFields(null, Now() with { Time = "14:30" }), due.Url + "?handler=Sent");
        Assert.Equal(HttpStatusCode.OK, noMethod.StatusCode);
        page = WebSession.Parse(await noMethod.Content.ReadAsStringAsync());
        Assert.Contains("Choose how the letter was sent", page.QuerySelector("#Sent_How-error")!.TextContent);
        Assert.Equal("#Sent_How", page.QuerySelector(".nhsuk-error-summary:not(.app-overdue-banner) a")!.GetAttribute("href"));
        Assert.Equal("14:30", page.QuerySelector("input[name='Sent.Time']")!.GetAttribute("value"));

        var tomorrow = Now(TimeSpan.FromDays(1));
        var future = await session.PostForm(due.Url, SentFields("Email", tomorrow), due.Url + "?handler=Sent");
        Assert.Equal(HttpStatusCode.OK, future.StatusCode);
        page = WebSession.Parse(await future.Content.ReadAsStringAsync());
        Assert.Contains("That time is in the future", page.QuerySelector("#Sent_Date-error")!.TextContent);
        Assert.NotNull(page.QuerySelector("input[name='Sent.How'][value=Email][checked]"));
        Assert.Equal(tomorrow.Day, page.QuerySelector("input[name='Sent.Date.Day']")!.GetAttribute("value"));

        var noTime = await session.PostForm(due.Url, SentFields("HandedToThePerson", Now() with { Time = "" }), due.Url + "?handler=Sent");
        page = WebSession.Parse(await noTime.Content.ReadAsStringAsync());
        Assert.Contains("24-hour format", page.QuerySelector("#Sent_Time-error")!.TextContent);

        Assert.Equal(LetterStatus.Approved, (await Saved(due)).Status);
        Assert.Equal(ContactStatus.Open, await app.WithDb(db => db.PlannedContacts.Where(c => c.Id == due.Contact).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task ALetterOfAnotherPersonOrAContactThatIsNotALetter_IsNotFound()
    {
        var (due, session) = await Opened();
        var (other, otherPathway) = await app.NewPathway(due.Team, due.Practitioner, DateTimeOffset.UtcNow.AddMonths(-3));
        var checkIn = await app.WithDb(db => db.PlannedContacts.Where(c => c.PathwayId == otherPathway && c.Key == "check-in").Select(c => c.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await session.Get($"/persons/{other}/pathway/letters/{due.Contact}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Get($"/persons/{other}/pathway/letters/{checkIn}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Get($"/persons/{other}/pathway/letters/{Guid.NewGuid()}")).StatusCode);
        Assert.False(await app.WithDb(db => db.Letters.AnyAsync(l => l.PersonId == other)));
    }

    public static readonly TheoryData<string, string> Outsiders = new()
    {
        { "", "practitioner of another team" },
        { "", "supervisor of another team" },
        { "", "administrator" },
        { "", "patient of the same team" },
        { "/pdf", "practitioner of another team" },
        { "/pdf", "supervisor of another team" },
        { "/pdf", "administrator" },
        { "/pdf", "patient of the same team" },
    };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task TheLetterAndItsPdf_ForSomeoneOutsideTheCareTeam_AreNotFound(string suffix, string who)
    {
        var due = await ApprovedByTheTimerAndAPractitioner();
        var session = app.NewSession();
        switch (who)
        {
            case "practitioner of another team": await session.SignIn(await app.NewStaff(StaffRole.Practitioner, await app.NewTeam())); break;
            case "supervisor of another team": await session.SignIn(await app.NewStaff(StaffRole.Supervisor, await app.NewTeam())); break;
            case "administrator": await session.SignIn(await app.NewStaff(StaffRole.Administrator, null)); break;
            default:
                var (own, _) = await app.NewPerson(due.Team);
                await session.SignIn(await app.NewPatientAccount(own));
                break;
        }
        var response = await session.Get(due.Url + suffix);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(due.Family, body);
        Assert.DoesNotContain("Bella", body);
        Assert.False(await app.WithDb(db => db.AuditEvents.AnyAsync(e => e.EntityType == "Letter" && e.Action == "view" && e.PersonId == due.Person.Value)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/pdf")]
    public async Task TheLetterAndItsPdf_WhenSignedOut_GoToSignIn_AndForTheCareTeam_Open(string suffix)
    {
        var due = await ApprovedByTheTimerAndAPractitioner();
        var response = await app.NewSession().Get(due.Url + suffix);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain(due.Family, await response.Content.ReadAsStringAsync());

        var supervisor = app.NewSession();
        await supervisor.SignIn(await app.NewStaff(StaffRole.Supervisor, due.Team));
        Assert.Equal(HttpStatusCode.OK, (await supervisor.Get(due.Url + suffix)).StatusCode);
    }

    /// <summary>A due letter drafted by the timer (as when its window opens) and approved, so that both the page and the PDF have something to show.</summary>
    private async Task<DueLetter> ApprovedByTheTimerAndAPractitioner()
    {
        var due = await NewDueLetter(app);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Aftercare.Web.Data.AftercareDb>();
        var letter = await scope.ServiceProvider.GetRequiredService<LetterDrafter>().DraftIfMissing(due.Contact, DateTimeOffset.UtcNow, CancellationToken.None);
        letter!.Approve(new StaffId(due.Practitioner.Id), due.Practitioner.Name, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return due;
    }
}
