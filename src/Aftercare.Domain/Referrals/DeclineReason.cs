namespace Aftercare.Domain.Referrals;

/// <summary>
/// Why a service declined a referral, as a code the service chooses, always with its own words
/// beside it. The first six are grounds NICE NG225 says must not decide access to a service
/// after self-harm; a decline for any of them is flagged as contrary to the guideline
/// (<see cref="DeclineReasons.IsContraryToGuidance"/>). The rest are reasons a service may
/// properly give. There is deliberately no "other": a catch-all would let a decline that rests
/// on risk be recorded without the flag.
/// </summary>
public enum DeclineReason
{
    /// <summary>Because the person has self-harmed.</summary>
    SelfHarm = 1,
    /// <summary>Because of a perceived risk of suicide or further self-harm ("too risky").</summary>
    RiskOfSuicideOrSelfHarm = 2,
    /// <summary>Because of the person's diagnosis, or because they have none.</summary>
    Diagnosis = 3,
    Age = 4,
    AlcoholOrDrugUse = 5,
    /// <summary>Because of another physical or mental health condition the person lives with.</summary>
    CoexistingCondition = 6,

    OutOfArea = 10,
    /// <summary>The person's needs are better met by another service, which the decline names.</summary>
    NeedsBetterMetByAnotherService = 11,
    /// <summary>The person has told the service they do not want it.</summary>
    PersonDoesNotWantTheService = 12,
    /// <summary>The service cannot meet the person's need, for a clinical reason it states.</summary>
    ServiceCannotMeetTheNeed = 13,
    /// <summary>The letter did not give the service enough to decide; a resubmission can answer it.</summary>
    IncompleteInformation = 14,
}

public static class DeclineReasons
{
    /// <summary>
    /// NICE NG225: access to services after self-harm must not be decided by the self-harm itself,
    /// by perceived risk, or by diagnosis, age, drug or alcohol use or a co-existing condition.
    /// Every code is listed, so a new code cannot be added without deciding which side it is on.
    /// </summary>
    public static bool IsContraryToGuidance(DeclineReason reason) => reason switch
    {
        DeclineReason.SelfHarm
            or DeclineReason.RiskOfSuicideOrSelfHarm
            or DeclineReason.Diagnosis
            or DeclineReason.Age
            or DeclineReason.AlcoholOrDrugUse
            or DeclineReason.CoexistingCondition => true,
        DeclineReason.OutOfArea
            or DeclineReason.NeedsBetterMetByAnotherService
            or DeclineReason.PersonDoesNotWantTheService
            or DeclineReason.ServiceCannotMeetTheNeed
            or DeclineReason.IncompleteInformation => false,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "There is no such decline reason."),
    };

    /// <summary>The reason as the service chooses it on the form and as the referrer reads it.</summary>
    public static string Describe(DeclineReason reason) => reason switch
    {
        DeclineReason.SelfHarm => "Because the person has self-harmed",
        DeclineReason.RiskOfSuicideOrSelfHarm => "Because of a risk of suicide or further self-harm",
        DeclineReason.Diagnosis => "Because of the person's diagnosis, or lack of one",
        DeclineReason.Age => "Because of the person's age",
        DeclineReason.AlcoholOrDrugUse => "Because of the person's alcohol or drug use",
        DeclineReason.CoexistingCondition => "Because of another physical or mental health condition",
        DeclineReason.OutOfArea => "The person lives outside the area the service covers",
        DeclineReason.NeedsBetterMetByAnotherService => "The person's needs would be better met by another service",
        DeclineReason.PersonDoesNotWantTheService => "The person does not want this service",
        DeclineReason.ServiceCannotMeetTheNeed => "The service cannot meet this need, for a clinical reason given below",
        DeclineReason.IncompleteInformation => "The referral does not give enough information to decide",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>What the referral page and the worklist say beside a decline that is flagged.</summary>
    public const string ContraryToGuidanceNotice =
        "NICE NG225 says access to services after self-harm must not be refused because of self-harm, risk, diagnosis, age, drug or alcohol use, or a co-existing condition. This decline can be escalated to a senior clinician.";
}
