using Aftercare.Domain.Common;

namespace Aftercare.Domain.Patients;

/// <summary>
/// A person who has come to hospital after self-harm. One person, many presentations: a repeat
/// presentation is linked here, never registered again. What matters to the person and their
/// strengths are kept with the record and shown first: the person beyond the self-harm.
/// </summary>
public sealed class Person
{
    public PersonId Id { get; private set; }
    public string? NhsNumber { get; private set; }
    public string GivenName { get; private set; } = "";
    public string FamilyName { get; private set; } = "";
    public string? PreferredName { get; private set; }
    public string? Pronouns { get; private set; }
    public DateOnly DateOfBirth { get; private set; }
    public Sex Sex { get; private set; }
    public string? GenderIdentity { get; private set; }
    public string? EthnicCategory { get; private set; }
    public string? Postcode { get; private set; }
    public string? GpPractice { get; private set; }
    public string? Phone { get; private set; }
    public string? Email { get; private set; }
    public List<PersonContact> Contacts { get; private set; } = [];
    public string? CommunicationNeeds { get; private set; }
    public string? WhatMattersToMe { get; private set; }
    public string? Strengths { get; private set; }

    /// <summary>The team whose care the person is in; the care relationship that grants access.</summary>
    public TeamId CareTeamId { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }
    public StaffId RegisteredBy { get; private set; }

    private Person() { }

    public string DisplayName => PreferredName is null ? $"{GivenName} {FamilyName}" : $"{PreferredName} {FamilyName}";

    public static Person Register(PersonDetails details, TeamId careTeam, StaffId registeredBy, DateTimeOffset now)
    {
        var person = new Person
        {
            Id = PersonId.New(),
            CareTeamId = careTeam,
            RegisteredAt = now,
            RegisteredBy = registeredBy,
        };
        person.Apply(details, now);
        return person;
    }

    private void Apply(PersonDetails d, DateTimeOffset now)
    {
        string? nhs = null;
        if (Text.Clean(d.NhsNumber) is { } raw)
        {
            if (!Patients.NhsNumber.TryParse(raw, out var parsed))
                throw new ClinicalRuleException("Enter a valid 10-digit NHS number, or leave it blank if it is not known", nameof(d.NhsNumber));
            nhs = parsed.Digits;
        }
        var today = DateOnly.FromDateTime(UkTime.ToLocal(now));
        if (d.DateOfBirth > today)
            throw new ClinicalRuleException("Date of birth must be today or in the past", nameof(d.DateOfBirth));
        if (d.DateOfBirth < today.AddYears(-125))
            throw new ClinicalRuleException("Date of birth must be within the last 125 years", nameof(d.DateOfBirth));
        if (Text.Clean(d.EthnicCategory) is { } code && !Patients.EthnicCategory.IsKnown(code))
            throw new ClinicalRuleException("Choose an ethnic category from the list", nameof(d.EthnicCategory));

        NhsNumber = nhs;
        GivenName = Text.Required(d.GivenName, "Enter the person's given name", nameof(d.GivenName));
        FamilyName = Text.Required(d.FamilyName, "Enter the person's family name", nameof(d.FamilyName));
        PreferredName = Text.Clean(d.PreferredName);
        Pronouns = Text.Clean(d.Pronouns);
        DateOfBirth = d.DateOfBirth;
        Sex = d.Sex;
        GenderIdentity = Text.Clean(d.GenderIdentity);
        EthnicCategory = Text.Clean(d.EthnicCategory);
        Postcode = Postcodes.Normalise(d.Postcode);
        GpPractice = Text.Clean(d.GpPractice);
        Phone = Text.Clean(d.Phone);
        Email = Text.Clean(d.Email);
        Contacts = d.Contacts.Where(c => Text.Clean(c.Name) is not null)
            .Select(c => new PersonContact(c.Name.Trim(), Text.Clean(c.Relationship), Text.Clean(c.Phone))).ToList();
        CommunicationNeeds = Text.Clean(d.CommunicationNeeds);
        WhatMattersToMe = Text.Clean(d.WhatMattersToMe);
        Strengths = Text.Clean(d.Strengths);
    }

    public int AgeOn(DateOnly day)
    {
        var age = day.Year - DateOfBirth.Year;
        if (DateOfBirth > day.AddYears(-age)) age--;
        return age;
    }
}

/// <summary>What a practitioner enters to register a person.</summary>
public sealed record PersonDetails
{
    public string? NhsNumber { get; init; }
    public string GivenName { get; init; } = "";
    public string FamilyName { get; init; } = "";
    public string? PreferredName { get; init; }
    public string? Pronouns { get; init; }
    public DateOnly DateOfBirth { get; init; }
    public Sex Sex { get; init; }
    public string? GenderIdentity { get; init; }
    public string? EthnicCategory { get; init; }
    public string? Postcode { get; init; }
    public string? GpPractice { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public IReadOnlyList<PersonContact> Contacts { get; init; } = [];
    public string? CommunicationNeeds { get; init; }
    public string? WhatMattersToMe { get; init; }
    public string? Strengths { get; init; }
}

public static class Postcodes
{
    /// <summary>Upper case with one space before the inward code ("M13 9PL"); blank stays null.</summary>
    public static string? Normalise(string? postcode)
    {
        var compact = Text.Clean(postcode)?.Replace(" ", "").ToUpperInvariant();
        if (compact is null) return null;
        return compact.Length > 3 ? $"{compact[..^3]} {compact[^3..]}" : compact;
    }

    /// <summary>The outward code ("M13"): the area used for grouping, never the full address.</summary>
    public static string? District(string? postcode) => Normalise(postcode)?.Split(' ')[0];
}
