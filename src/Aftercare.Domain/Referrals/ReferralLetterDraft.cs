using System.Text;
using Aftercare.Domain.Assessments;
using Aftercare.Domain.Common;
using Aftercare.Domain.Narratives;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Patients;
using Aftercare.Domain.Presentations;
using Aftercare.Domain.SafetyPlans;

namespace Aftercare.Domain.Referrals;

/// <summary>
/// The service being referred to, as the service directory describes it at the moment of
/// referring: its name, its stated criteria in the directory's order, its stated exclusions, and
/// whether it is a GP practice (the person's consent treats their GP separately from other services).
/// </summary>
public sealed record ReceivingService(ServiceId Id, string Name, IReadOnlyList<string> Criteria)
{
    public IReadOnlyList<string> Exclusions { get; init; } = [];
    public bool IsGpPractice { get; init; }

    /// <summary>Who this service is, for the person's choice of who may read their story.</summary>
    public NarrativeReader Reader => ReaderFor(IsGpPractice);

    public static NarrativeReader ReaderFor(bool isGpPractice) => isGpPractice ? NarrativeReader.Gp : NarrativeReader.ReferredService;
}

/// <summary>
/// What a referral letter is drafted from. The assessment must be the signed-off assessment of
/// this presentation; the plan and the story must be this person's. The story is used only if the
/// person's recorded choice lets this service read it.
/// </summary>
public sealed record ReferralLetterSources(Person Person, Presentation Presentation, ReceivingService Service, string PractitionerName, string TeamName)
{
    public Assessment? Assessment { get; init; }
    public SafetyPlan? SafetyPlan { get; init; }
    public NarrativeInterview? Narrative { get; init; }
}

/// <summary>
/// Drafts a referral letter in warm, plain, professional words, tailored to the service: the
/// opening; each of the service's criteria in its own order, with what the record says about it
/// or a prompt; its exclusions; the signed-off assessment section by section, with any addenda;
/// the safety plan in the person's words; their story, only where they agreed this service may
/// read it; and the closing. The person's own words are quoted exactly, in curly quotation marks;
/// everything outside the quotation marks is ours. Nothing here scores or grades risk.
/// </summary>
public static class ReferralLetterDraft
{
    public const string IntroductionKey = "Introduction";
    public const string ResubmissionKey = "Resubmission";
    public const string AboutThePersonKey = "AboutThePerson";
    public const string AddendaKey = "AssessmentAddenda";
    public const string SafetyPlanKey = "SafetyPlan";
    public const string NarrativeKey = "Narrative";
    public const string ClosingKey = "Closing";

    public static string CriterionKey(int number) => $"Criterion{number}";
    public static string ExclusionKey(int number) => $"Exclusion{number}";

    public static ReferralLetter Compose(ReferralLetterSources sources, DateTimeOffset now)
    {
        Check(sources);
        var person = sources.Person;
        var called = person.PreferredName ?? person.GivenName;
        var service = Text.Required(sources.Service.Name, "The service's name is missing", "Service");
        var sections = new List<LetterSection>();
        var story = NarrativeInterview.TextFor(sources.Narrative, sources.Service.Reader);
        var plan = sources.SafetyPlan?.CurrentContent;
        var assessment = sources.Assessment?.Sections;

        sections.Add(new(IntroductionKey, LetterSectionKind.Introduction, "Opening", "Who the person is and what you are asking the service for.",
            Introduction(sources, called, service, hasPlan: plan is not null && !IsEmpty(plan), hasStory: story is not null)));

        if (About(person) is { } about)
            sections.Add(new(AboutThePersonKey, LetterSectionKind.AboutThePerson, $"About {called}", "What matters to the person and their strengths, in their words.", about));

        var criteria = Listed(sources.Service.Criteria);
        for (var i = 0; i < criteria.Count; i++)
        {
            var facts = CriterionFacts.For(criteria[i], person, called, assessment, now);
            sections.Add(new(CriterionKey(i + 1), LetterSectionKind.Criterion, $"Criterion {i + 1}: {criteria[i]}",
                facts is null
                    ? $"Aftercare found nothing in the record about this. Write how {called} meets this criterion, in the service's own terms. Every criterion needs an answer before the letter is sent."
                    : $"Say how {called} meets this criterion, in the service's own terms. Aftercare has filled in what the record says about it: keep what is relevant and add what the service needs to know.",
                facts));
        }

        var exclusions = Listed(sources.Service.Exclusions);
        for (var i = 0; i < exclusions.Count; i++)
        {
            var hint = $"If this could be read as applying to {called}, say why the referral is still right. Leave it blank if it clearly does not apply.";
            if (CriterionFacts.ConcernsSelfHarmOrRisk(exclusions[i]))
                hint += " NICE NG225 says people must not be excluded from services because of their self-harm or risk: you may want to say so.";
            sections.Add(new(ExclusionKey(i + 1), LetterSectionKind.Exclusion, $"Exclusion {i + 1}: {exclusions[i]}", hint, null));
        }

        if (assessment is not null)
            foreach (var info in AssessmentSections.InOrder)
                if (assessment.Get(info.Name) is { } text)
                    sections.Add(new(info.Name, LetterSectionKind.Assessment, info.Heading, "From the signed-off assessment. Keep what the service needs to know.", text));

        if (sources.Assessment is { Addenda.Count: > 0 } signed)
            sections.Add(new(AddendaKey, LetterSectionKind.AssessmentAddenda, "Added to the assessment after it was signed off",
                "Corrections and additions to the assessment, with who wrote them and when.",
                string.Join("\n\n", signed.Addenda.OrderBy(a => a.AddedAt).Select(a => $"{UkTime.Format(a.AddedAt)}, {a.AddedByName}:\n{a.Text}"))));

        if (plan is not null && !IsEmpty(plan))
            sections.Add(new(SafetyPlanKey, LetterSectionKind.SafetyPlan, $"{called}'s safety plan",
                "The plan in the person's words. Quotations must stay word for word.", SafetyPlan(plan, called)));

        if (story is not null)
            sections.Add(new(NarrativeKey, LetterSectionKind.Narrative, $"In {called}'s own words",
                "The person's story, shared with their consent. It must stay word for word; remove it if they no longer agree.",
                $"{called} has agreed that {(sources.Service.IsGpPractice ? $"{called}'s GP" : $"the services {called} is referred to")} may read this account. It is quoted exactly as {called} gave it.\n\n{Quote(story)}"));

        sections.Add(new(ClosingKey, LetterSectionKind.Closing, "Closing", "Thanks, how to reach you, and your name.",
            $"Thank you for considering this referral. If anything in this letter raises a question or a concern about offering {called} your help, please call me before you decide, so that we can talk it through.\n\n"
            + $"With best wishes,\n\n{Text.Required(sources.PractitionerName, "The practitioner's name is missing", "PractitionerName")}\n{Text.Required(sources.TeamName, "The team's name is missing", "TeamName")}"));

        return new ReferralLetter { Sections = sections };
    }

    /// <summary>
    /// Everything the person said or wrote that the letter may quote: their plan, what matters to
    /// them, their strengths, and their story only where this service may read it. For
    /// <see cref="LetterDraft.QuotesNotInTheirWords"/>, so a reworded quotation is pointed out.
    /// </summary>
    public static IReadOnlyList<string> TheirWords(ReferralLetterSources sources)
    {
        var words = LetterDraft.TheirWords(sources.SafetyPlan?.CurrentContent, sources.Person.WhatMattersToMe, sources.Person.Strengths).ToList();
        if (NarrativeInterview.TextFor(sources.Narrative, sources.Service.Reader) is { } story) words.Add(story);
        return words;
    }

    private static void Check(ReferralLetterSources s)
    {
        if (s.Presentation.PersonId != s.Person.Id)
            throw new ClinicalRuleException("This presentation belongs to someone else's record. Start the referral from the right person's record");
        if (s.Assessment is { } assessment)
        {
            if (assessment.PersonId != s.Person.Id || assessment.PresentationId != s.Presentation.Id)
                throw new ClinicalRuleException("That assessment is not the assessment of this presentation");
            if (!assessment.IsSignedOff)
                throw new ClinicalRuleException("Sign off the assessment first: the service should read what the team has signed off");
        }
        if (s.SafetyPlan is { } plan && plan.PersonId != s.Person.Id)
            throw new ClinicalRuleException("That safety plan belongs to someone else's record");
        if (s.Narrative is { } narrative && narrative.PersonId != s.Person.Id)
            throw new ClinicalRuleException("That story belongs to someone else's record");
    }

    private static string Introduction(ReferralLetterSources s, string called, string service, bool hasPlan, bool hasStory)
    {
        var p = s.Person;
        var b = new StringBuilder();
        b.Append("Dear colleagues at ").Append(service).Append(",\n\n");
        b.Append("I am writing to refer ").Append(p.GivenName).Append(' ').Append(p.FamilyName);
        if (p.PreferredName is { } preferred && preferred != p.GivenName) b.Append(" (known as ").Append(preferred).Append(')');
        b.Append(", born ").Append(UkTime.FormatDate(p.DateOfBirth));
        if (p.NhsNumber is { } nhs && NhsNumber.TryParse(nhs, out var number)) b.Append(", NHS number ").Append(number);
        b.Append(", to ").Append(service).Append(".\n\n");
        b.Append(called).Append(" came to hospital on ").Append(UkTime.FormatDate(UkTime.DateOf(s.Presentation.ArrivedAt))).Append(" after self-harm");
        if (s.Assessment is not null) b.Append(", and I met ").Append(called).Append(" for a psychosocial assessment");
        b.Append(". I am asking you to offer ").Append(called).Append(" your help.");

        var parts = new List<string>();
        if (Listed(s.Service.Criteria).Count > 0) parts.Add($"how {called} meets each of your referral criteria");
        if (s.Assessment is not null) parts.Add("what we learned in the assessment");
        if (hasPlan) parts.Add($"the safety plan {called} wrote with us");
        if (hasStory) parts.Add($"{called}'s own account, which {called} has agreed to share with you");
        if (parts.Count > 0)
            b.Append(" This letter sets out ").Append(parts.Count == 1 ? parts[0] : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1]).Append('.');

        if (p.Pronouns is { } pronouns) b.Append("\n\n").Append(called).Append(" uses the pronouns ").Append(pronouns).Append('.');
        if (p.CommunicationNeeds is { } needs) b.Append("\n\nCommunication needs: ").Append(needs);
        return b.ToString();
    }

    private static string? About(Person p)
    {
        var parts = new List<string>();
        if (p.WhatMattersToMe is { } matters) parts.Add($"What matters to {p.PreferredName ?? p.GivenName}, in their words:\n{Quote(matters)}");
        if (p.Strengths is { } strengths) parts.Add($"Their strengths, in their words:\n{Quote(strengths)}");
        return parts.Count == 0 ? null : string.Join("\n\n", parts);
    }

    private static string SafetyPlan(SafetyPlanContent plan, string called)
    {
        var b = new StringBuilder();
        b.Append(called).Append(" wrote this safety plan with us. It is quoted exactly as ").Append(called)
            .Append(" wrote it; the phone numbers of family and friends are left out.");
        foreach (var info in SafetyPlanContent.Sections)
        {
            var entries = plan[info.Key];
            if (entries.Count == 0) continue;
            b.Append("\n\n").Append(info.Heading).Append(':');
            foreach (var e in entries)
            {
                b.Append("\n- ").Append(Quote(e.Text));
                // Services' numbers help the receiving team; the person's friends' and family's numbers are not theirs to have.
                if (info.Key == SafetyPlanSection.Professionals && e.Phone is not null) b.Append(", ").Append(e.Phone);
                if (info.Key == SafetyPlanSection.Professionals && e.Hours is not null) b.Append(" (").Append(e.Hours).Append(')');
            }
        }
        return b.ToString();
    }

    private static bool IsEmpty(SafetyPlanContent plan) => SafetyPlanContent.Sections.All(s => plan[s.Key].Count == 0);

    private static List<string> Listed(IReadOnlyList<string>? items) =>
        (items ?? []).Select(Text.Clean).OfType<string>().ToList();

    private static string Quote(string words) => $"{LetterDraft.OpenQuote}{words}{LetterDraft.CloseQuote}";
}

/// <summary>
/// Finds what the record says about a criterion the service wrote in its own words, by the topics
/// it mentions (age, GP, where the person lives, alcohol and drugs, mental health, ...). It only
/// gathers facts for the practitioner to check; it never says whether a criterion is met.
/// </summary>
internal static class CriterionFacts
{
    private enum Fact { Age, Gp, Area, Assessment }

    private sealed record Topic(string[] Words, string[] Stems, Fact Fact, string? Section = null)
    {
        public bool IsIn(IReadOnlyList<string> tokens) =>
            tokens.Any(t => Words.Contains(t) || Stems.Any(s => t.StartsWith(s, StringComparison.Ordinal)));
    }

    private static readonly string[] SelfHarmStems = ["self-harm", "selfharm", "suicid", "overdos"];

    private static readonly Topic[] Topics =
    [
        new(["age", "aged", "ages", "adult", "adults", "older", "younger", "years"], [], Fact.Age),
        new(["gp", "gps", "registered"], [], Fact.Gp),
        new(["live", "lives", "living", "resident", "residents", "area", "postcode", "borough", "catchment", "address"], [], Fact.Area),
        new([], SelfHarmStems, Fact.Assessment, nameof(AssessmentSections.WhatHappenedAndIntent)),
        new([], SelfHarmStems, Fact.Assessment, nameof(AssessmentSections.PastSelfHarm)),
        new(["mental", "illness"], ["diagnos", "depress", "anxi", "psychos", "psychiat", "disorder", "trauma"], Fact.Assessment, nameof(AssessmentSections.MentalAndPhysicalHealth)),
        new([], ["alcohol", "drink", "drug", "substance"], Fact.Assessment, nameof(AssessmentSections.AlcoholAndDrugs)),
        new(["home", "social", "work"], ["housing", "homeless", "money", "debt", "financ", "employ", "relationship", "isolat", "famil"], Fact.Assessment, nameof(AssessmentSections.SocialSituationAndRelationships)),
        new([], ["safeguard", "child", "dependant", "parent"], Fact.Assessment, nameof(AssessmentSections.Safeguarding)),
        new(["cope", "coping"], ["strength", "resilien"], Fact.Assessment, nameof(AssessmentSections.StrengthsAndCoping)),
        new(["need", "needs"], ["motivat", "willing", "want", "engag", "goal", "agree", "consent", "ready", "readiness"], Fact.Assessment, nameof(AssessmentSections.Needs)),
        new(["risk", "risks", "safe", "safety", "crisis"], [], Fact.Assessment, nameof(AssessmentSections.SafetyFormulation)),
    ];

    /// <summary>The facts found, each as its own paragraph, or null when the record says nothing about it.</summary>
    public static string? For(string criterion, Person person, string called, AssessmentSections? assessment, DateTimeOffset now)
    {
        var tokens = Tokens(criterion);
        var matched = Topics.Where(t => t.IsIn(tokens)).ToList();
        var facts = new List<string>();
        if (matched.Any(t => t.Fact == Fact.Age))
            facts.Add($"{called} is {person.AgeOn(UkTime.DateOf(now))} (date of birth {UkTime.FormatDate(person.DateOfBirth)}).");
        if (matched.Any(t => t.Fact == Fact.Gp) && person.GpPractice is { } gp)
            facts.Add($"{called} is registered with {gp}.");
        if (matched.Any(t => t.Fact == Fact.Area) && Postcodes.District(person.Postcode) is { } district)
            facts.Add($"{called} lives in the {district} postcode district.");
        if (assessment is not null)
            foreach (var info in AssessmentSections.InOrder)
                if (matched.Any(t => t.Section == info.Name) && assessment.Get(info.Name) is { } text)
                    facts.Add($"From the assessment ({info.Heading}):\n{text}");
        return facts.Count == 0 ? null : string.Join("\n\n", facts);
    }

    public static bool ConcernsSelfHarmOrRisk(string text)
    {
        var tokens = Tokens(text);
        return tokens.Any(t => t is "risk" or "risks" or "harm" || SelfHarmStems.Any(s => t.StartsWith(s, StringComparison.Ordinal)));
    }

    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text.ToLowerInvariant().Append(' '))
        {
            if (char.IsLetterOrDigit(c) || c == '-') { current.Append(c); continue; }
            if (current.Length > 0) tokens.Add(current.ToString().Trim('-'));
            current.Clear();
        }
        return tokens;
    }
}
