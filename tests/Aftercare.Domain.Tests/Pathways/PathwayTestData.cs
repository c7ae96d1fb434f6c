using Aftercare.Domain.Assessments;
using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Patients;
using Aftercare.Domain.Presentations;

namespace Aftercare.Domain.Tests.Pathways;

/// <summary>A person, a presentation and an assessment signed off at a chosen moment, for pathway tests.</summary>
internal static class PathwayTestData
{
    public static readonly StaffId Asha = StaffId.New();
    public static readonly StaffId Ben = StaffId.New();
    public static readonly StaffId Supervisor = StaffId.New();
    public static readonly TeamId Team = TeamId.New();

    public static Assessment Assessment(DateTimeOffset signedOffAt, bool signOff = true)
    {
        var person = Person.Register(new PersonDetails
        {
            GivenName = "Jordan",
            FamilyName = "Reid",
            DateOfBirth = new DateOnly(1999, 2, 3),
            Sex = Sex.Male,
        }, Team, Asha, signedOffAt.AddHours(-5));
        var presentation = Presentation.Record(person.Id, SiteId.New(), Team, new PresentationDetails
        {
            ArrivedAt = signedOffAt.AddHours(-5),
            AccountInOwnWords = "I cut my arm after I lost my job.",
            Method = MethodCategory.SelfInjuryCutting,
        }, Asha, signedOffAt.AddHours(-5));
        var assessment = Domain.Assessments.Assessment.Start(person.Id, presentation, Asha, signedOffAt.AddHours(-2));
        assessment.SaveDraft(new AssessmentSections
        {
            WhatHappenedAndIntent = "Cut his forearm at home after losing his job; says he wanted the feeling to stop.",
            SafetyFormulation = "Safer with his brother around; less safe alone at night.",
        }, Asha, signedOffAt.AddHours(-1));
        if (signOff) assessment.SignOff(Asha, signedOffAt);
        return assessment;
    }

    public static Pathway Started(DateTimeOffset signedOffAt, PathwayDefinition? definition = null) =>
        Pathway.Start(Assessment(signedOffAt), definition ?? PathwayDefinition.Assured, Team, Asha, Asha, null);

    /// <summary>A UK wall-clock time as the instant it is.</summary>
    public static DateTimeOffset Uk(int year, int month, int day, int hour, int minute = 0) =>
        UkTime.ToUtc(new DateOnly(year, month, day), new TimeOnly(hour, minute));
}
