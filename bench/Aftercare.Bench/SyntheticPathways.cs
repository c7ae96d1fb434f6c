using Aftercare.Domain.Assessments;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Sessions;

namespace Aftercare.Bench;

/// <summary>
/// Invented words for the care after a presentation: the psychosocial assessment's sections, the
/// check-in call's note, the solution-focused notes of a session in the person's words, the tries
/// to re-engage someone after a missed contact, and the reasons a planned contact was closed.
/// Deterministic for a seed, so a load is repeatable.
/// </summary>
public sealed class SyntheticPathways(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] WhatHappened =
    [
        "Took about twenty paracetamol after an argument with her partner. Says she wanted everything to stop for a while, then rang her sister.",
        "Cut his forearms in the bathroom after losing his job. Says he wanted the feeling to go away, not to die; his flatmate called 999.",
        "Took her mum's sleeping tablets with vodka after being bullied online. Says she wanted to sleep and not wake up; told a friend by text.",
        "Tied a ligature in the park and was found by a dog walker. Says he had planned it for a week after his debts came to light.",
        "Took an overdose of his antidepressants on the anniversary of his brother's death. Regrets it; called the ambulance himself.",
        "Burned her arm with a lighter after a row at home. Says it is how she copes when things build up; it went further than usual.",
        "Stepped into the road in front of a bus that braked in time. Says it was on the spur of the moment after drinking all afternoon.",
        "Took thirty ibuprofen after failing her exams. Says she did not want to face her parents; told her teacher the next morning.",
    ];

    private static readonly string[] PastSelfHarm =
    [
        "Cutting since the age of 14, on and off, mostly at times of conflict. One earlier overdose two years ago, seen in this ED.",
        "None before, as far as he says and as the record shows.",
        "Two overdoses in the past year, both after arguments; no follow-up happened after the second.",
        "Scratching and hitting himself as a teenager; nothing for several years until this.",
        "Several presentations with cuts over five years; the last was three months ago.",
    ];

    private static readonly string[] Health =
    [
        "Low mood for about six months; sleeping badly. On sertraline from the GP since the spring. Asthma.",
        "Diagnosed with ADHD as a child, no treatment now. No physical illness.",
        "Long-standing anxiety, seen by talking therapies last year (six sessions). Type 1 diabetes.",
        "No mental health history; chronic back pain after an accident at work, on codeine.",
        "Postnatal depression after her second child; better for a while, worse again since the winter.",
    ];

    private static readonly string[] AlcoholAndDrugs =
    [
        "Drinks most evenings, more at weekends; had drunk about a bottle of wine before.",
        "No alcohol; occasional cannabis with friends.",
        "Heavy drinking since the job loss: six to eight cans a day.",
        "Does not drink or use drugs.",
        "Uses cocaine at weekends; says this has increased over the last few months.",
    ];

    private static readonly string[] Social =
    [
        "Lives with her partner and two children. Money is tight since his hours were cut. Close to her sister, who lives nearby.",
        "Lives alone in a rented flat. Lost his job last month. Has a few friends from football but has not seen them lately.",
        "Lives with mum and younger brother; dad left last year. At college doing a BTEC. Being bullied by a group online.",
        "In a hostel after a relationship broke down. On universal credit. In touch with a key worker.",
        "Lives with her parents; works part time in a café. A best friend she trusts.",
    ];

    private static readonly string[] Safeguarding =
    [
        "Two children at home (4 and 7), cared for by their father tonight. No concerns raised about their care.",
        "No children or dependants. No safeguarding concerns.",
        "Under 18: the college's safeguarding lead has been told, with her agreement.",
        "Says her ex-partner was controlling; he no longer lives there. Domestic abuse advice given.",
        "Cares for his mother, who has dementia; his sister is with her tonight.",
    ];

    private static readonly string[] Strengths =
    [
        "Loves her children and wants to be there for them. Running helps; so does talking to her sister.",
        "Good with his hands; used to restore bikes. His dog keeps him going.",
        "Creative: draws and writes songs. Has a teacher she trusts.",
        "Got through a hard time before with help from his GP and a friend.",
        "Funny, caring; volunteers at the food bank on Saturdays.",
    ];

    private static readonly string[] Needs =
    [
        "Wants help with the debts and someone to talk to about how low she has been.",
        "Wants to get back to work; help with sleep; someone to check in after today.",
        "Wants the bullying to stop and to tell her mum with someone there.",
        "Somewhere stable to live; help cutting down the drinking.",
        "Wants to understand why this keeps happening and to have a plan for the bad nights.",
    ];

    private static readonly string[] Formulation =
    [
        "Less safe when alone at night after conflict at home, and when drinking. Safer with her sister and when she has a plan for the evening. The follow-up call within 48 hours and the safety plan matter most now.",
        "Less safe since the job loss took away his routine and his money; drinking makes it worse. His dog, his brother and getting back to work keep him safer. Sessions with the same practitioner, and help with the debts.",
        "Less safe when the messages start and she is on her own in her room. Safer with her mum knowing and her phone downstairs at night. Safety plan with her, and the college involved.",
        "Less safe around anniversaries and when his pain is bad. Safer when he talks to his sister and keeps to his medication. Check-in call and a session before the anniversary next month.",
    ];

    private static readonly string[] CheckInNotes =
    [
        "Spoke for 20 minutes. Home with her sister; went through the safety plan together and she has it on her phone.",
        "Answered on the second try. Says he is 'a bit better'. Has told his brother. Booked the first session.",
        "Spoke with her and, with her agreement, her mum. Sleeping a little better. Crisis numbers are saved in her phone.",
        "Brief call; he was at work. Agreed to a video session next week and to ring the crisis line if things get worse.",
        "Went through what has happened since, and the plan for the evenings. Wants the sessions by video.",
    ];

    private static readonly string[] BestHopes =
    [
        "To feel like myself again", "To get through the evenings without it all building up", "To be there for my kids",
        "To get back to work and have a routine", "To sleep properly", "To be able to tell people when I'm struggling",
        "To stop drinking so much", "To feel less on edge all the time", "For college to feel OK again",
    ];

    private static readonly string[] PreferredFuture =
    [
        "I'd wake up and actually want to get up. I'd take the dog out and say hello to people.",
        "My sister would notice I'm laughing again. I'd go to football on Tuesday.",
        "I'd go into college, sit with my friends at lunch, and not check my phone every minute.",
        "I'd have a job, pay the rent on time and stop dreading the post.",
        "The kids would see me calm. We'd have tea together and I'd read them a story.",
        "I'd get to the end of the week without a drink on a weeknight.",
    ];

    private static readonly string[] AlreadyWorking =
    [
        "Walking the dog every morning, even when I don't feel like it.", "Telling my sister when it gets bad.",
        "Putting my phone downstairs at night.", "Going to the gym twice this week.", "The breathing app when I feel it building.",
        "Cooking a proper meal a few times a week.", "Ringing my mate instead of drinking.", "Keeping the safety plan on my phone's home screen.",
    ];

    private static readonly string[] NextStep =
    [
        "Ring the job centre on Monday.", "Go to football on Tuesday.", "Tell mum about the messages, with the teacher there.",
        "Walk to the shop and back every day this week.", "Book the GP appointment about sleep.", "One evening this week without a drink.",
        "Add two more people to the plan.", "Go to the food bank on Saturday as usual.",
    ];

    private static readonly string[] MissedNotes =
    [
        "Did not answer at the time agreed.", "Did not join the video call.", "Did not come to the clinic; no message.",
        "Phone went to voicemail twice.",
    ];

    private static readonly (ReEngagementMethod Method, string Outcome)[] ReEngagement =
    [
        (ReEngagementMethod.Phone, "No answer, left a voicemail with the team's number"),
        (ReEngagementMethod.TextMessage, "Replied: overslept, sorry. New time agreed"),
        (ReEngagementMethod.Phone, "Spoke to her; she had forgotten. Rebooked for later this week"),
        (ReEngagementMethod.SecureMessage, "Message read; he asked to move to a phone call"),
        (ReEngagementMethod.ThroughSomeoneElse, "Her mum passed on the message; she rang back the next day"),
        (ReEngagementMethod.Letter, "Letter sent with a new appointment and the crisis numbers"),
    ];

    private static readonly string[] CloseFollowUp =
    [
        "Admitted to the ward before the call was due; the ward team is following up",
        "Moved out of the area; care passed to the local liaison team, who have the referral",
    ];

    private static readonly string[] CloseSession =
    [
        "The person chose not to have further sessions; the safety plan and crisis numbers were confirmed",
        "Now under the community mental health team, who are seeing him weekly",
        "Moved out of the area; care passed to the local team",
        "Did not respond to three tries to re-engage; the GP has been told",
        "Admitted to hospital; sessions will be offered again after discharge",
    ];

    private static readonly string[] CloseLetter =
    [
        "The person asked not to be sent letters",
        "No current address; the GP has been told",
        "Now under another service, which is writing to them instead",
    ];

    private static readonly string[] AdaptationNotes =
    [
        "Shorter sessions with a break; written summary sent afterwards.", "Interpreter (Polish) booked for every session.",
        "Sessions by video from home because of his mobility.", "Morning appointments only, before he starts drinking.",
        "Plain English and pictures in the written summary.",
    ];

    public int Next(int max) => _random.Next(max);

    public int Next(int min, int max) => _random.Next(min, max);

    public double NextDouble() => _random.NextDouble();

    private string Pick(string[] choices) => choices[_random.Next(choices.Length)];

    /// <summary>A complete assessment: every section written (safeguarding and alcohol sometimes left blank, as they may be).</summary>
    public AssessmentSections Assessment() => new()
    {
        WhatHappenedAndIntent = Pick(WhatHappened),
        PastSelfHarm = Pick(PastSelfHarm),
        MentalAndPhysicalHealth = Pick(Health),
        AlcoholAndDrugs = _random.NextDouble() < 0.9 ? Pick(AlcoholAndDrugs) : null,
        SocialSituationAndRelationships = Pick(Social),
        Safeguarding = _random.NextDouble() < 0.9 ? Pick(Safeguarding) : null,
        StrengthsAndCoping = Pick(Strengths),
        Needs = Pick(Needs),
        SafetyFormulation = Pick(Formulation),
    };

    public string CheckInNote() => Pick(CheckInNotes);

    public string MissedNote() => Pick(MissedNotes);

    /// <summary>A session's solution-focused notes, with where the person puts themselves today.</summary>
    public SolutionFocusedNotes Session(int scale) =>
        SolutionFocusedNotes.Create(Pick(BestHopes), _random.NextDouble() < 0.8 ? Pick(PreferredFuture) : null, Pick(AlreadyWorking), scale, Pick(NextStep));

    public (ReEngagementMethod Method, string Outcome) Attempt() => ReEngagement[_random.Next(ReEngagement.Length)];

    public string CloseReason(ContactKind kind) => kind switch
    {
        ContactKind.FollowUp => Pick(CloseFollowUp),
        ContactKind.Letter => Pick(CloseLetter),
        _ => Pick(CloseSession),
    };

    /// <summary>What is adapted for about one person in seven, for the whole pathway.</summary>
    public (Adaptations Flags, string? Notes) Adaptation()
    {
        if (_random.NextDouble() >= 0.15) return (Adaptations.None, null);
        var flags = (Adaptations)(1 << _random.Next(4));
        if (_random.NextDouble() < 0.2) flags |= (Adaptations)(1 << _random.Next(4));
        return (flags, Pick(AdaptationNotes));
    }

    public ContactMode SessionMode()
    {
        // Most ASSURED sessions ran online.
        var r = _random.NextDouble();
        return r < 0.45 ? ContactMode.Video : r < 0.75 ? ContactMode.Phone : ContactMode.InPerson;
    }

    public ContactMode CheckInMode()
    {
        var r = _random.NextDouble();
        return r < 0.85 ? ContactMode.Phone : r < 0.95 ? ContactMode.Video : ContactMode.InPerson;
    }
}
