using Aftercare.Domain.Common;
using Aftercare.Domain.Patients;

namespace Aftercare.Domain.Tests.Patients;

public class PersonRegisterTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 5, 10);
    private static readonly TeamId CareTeam = TeamId.New();
    private static readonly StaffId Practitioner = StaffId.New();

    private static PersonDetails Valid() => new()
    {
        GivenName = "Samantha",
        FamilyName = "Okafor",
        DateOfBirth = new DateOnly(2004, 8, 17),
        Sex = Sex.Female,
    };

    private static Person Register(PersonDetails details) => Person.Register(details, CareTeam, Practitioner, Now);

    private static ClinicalRuleException Refused(PersonDetails details) =>
        Assert.Throws<ClinicalRuleException>(() => Register(details));

    [Fact]
    public void Register_WithValidDetails_KeepsTheCareTeamAndWhoRegistered()
    {
        var person = Register(Valid() with { NhsNumber = "943 476 5919" });

        Assert.Equal(CareTeam, person.CareTeamId);
        Assert.Equal(Practitioner, person.RegisteredBy);
        Assert.Equal(Now, person.RegisteredAt);
        Assert.NotEqual(Guid.Empty, person.Id.Value);
        Assert.Equal("9434765919", person.NhsNumber);
        Assert.Equal("Samantha", person.GivenName);
        Assert.Equal("Okafor", person.FamilyName);
        Assert.Equal(new DateOnly(2004, 8, 17), person.DateOfBirth);
        Assert.Equal(Sex.Female, person.Sex);
    }

    [Fact]
    public void Register_EachPerson_GetsANewId()
    {
        Assert.NotEqual(Register(Valid()).Id, Register(Valid()).Id);
    }

    [Theory]
    [InlineData("9434765918")]
    [InlineData("1234567890")]
    [InlineData("943476591")]
    [InlineData("not known")]
    public void Register_WithInvalidNhsNumber_IsRefusedOnTheNhsNumberField(string nhsNumber)
    {
        var ex = Refused(Valid() with { NhsNumber = nhsNumber });

        Assert.Equal("NhsNumber", ex.Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Register_WithoutNhsNumber_IsAllowed(string? nhsNumber)
    {
        var person = Register(Valid() with { NhsNumber = nhsNumber });

        Assert.Null(person.NhsNumber);
    }

    [Fact]
    public void Register_WithDateOfBirthInTheFuture_IsRefused()
    {
        var ex = Refused(Valid() with { DateOfBirth = Today.AddDays(1) });

        Assert.Equal("DateOfBirth", ex.Field);
    }

    [Fact]
    public void Register_WithDateOfBirthToday_IsAccepted()
    {
        Assert.Equal(Today, Register(Valid() with { DateOfBirth = Today }).DateOfBirth);
    }

    [Fact]
    public void Register_WithDateOfBirthMoreThan125YearsAgo_IsRefused()
    {
        var ex = Refused(Valid() with { DateOfBirth = Today.AddYears(-125).AddDays(-1) });

        Assert.Equal("DateOfBirth", ex.Field);
    }

    [Fact]
    public void Register_WithDateOfBirthExactly125YearsAgo_IsAccepted()
    {
        var dob = Today.AddYears(-125);

        Assert.Equal(dob, Register(Valid() with { DateOfBirth = dob }).DateOfBirth);
    }

    [Theory]
    [InlineData("X")]
    [InlineData("White")]
    [InlineData("a")]
    [InlineData("AB")]
    public void Register_WithUnknownEthnicCategory_IsRefused(string code)
    {
        var ex = Refused(Valid() with { EthnicCategory = code });

        Assert.Equal("EthnicCategory", ex.Field);
    }

    [Theory]
    [InlineData("A")]
    [InlineData("N")]
    [InlineData("Z")]
    public void Register_WithKnownEthnicCategory_KeepsTheCode(string code)
    {
        Assert.Equal(code, Register(Valid() with { EthnicCategory = code }).EthnicCategory);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Register_WithoutGivenName_IsRefused(string given)
    {
        var ex = Refused(Valid() with { GivenName = given });

        Assert.Equal("GivenName", ex.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Register_WithoutFamilyName_IsRefused(string family)
    {
        var ex = Refused(Valid() with { FamilyName = family });

        Assert.Equal("FamilyName", ex.Field);
    }

    [Fact]
    public void Register_Names_AreTrimmed()
    {
        var person = Register(Valid() with { GivenName = "  Samantha ", FamilyName = " O'Neill-Okafor  " });

        Assert.Equal("Samantha", person.GivenName);
        Assert.Equal("O'Neill-Okafor", person.FamilyName);
    }

    [Fact]
    public void Register_ThePersonsOwnWords_AreKeptExactlyOnlyTrimmed()
    {
        const string matters = "My cat, Biscuit.\nGetting back to   college in September — it's the one thing I'm proud of!";
        const string strengths = "I'm good at listening to my little brother.\r\n\r\nI draw (a lot).";

        var person = Register(Valid() with
        {
            WhatMattersToMe = "  \n" + matters + "   ",
            Strengths = "\t" + strengths + "\n",
        });

        Assert.Equal(matters, person.WhatMattersToMe);
        Assert.Equal(strengths, person.Strengths);
    }

    [Fact]
    public void Register_BlankOptionalFields_BecomeNull()
    {
        var person = Register(Valid() with
        {
            PreferredName = " ",
            Pronouns = "",
            GenderIdentity = "\t",
            EthnicCategory = "  ",
            Postcode = "   ",
            GpPractice = "",
            Phone = " ",
            Email = "",
            CommunicationNeeds = "\n",
            WhatMattersToMe = "   ",
            Strengths = "",
        });

        Assert.Null(person.PreferredName);
        Assert.Null(person.Pronouns);
        Assert.Null(person.GenderIdentity);
        Assert.Null(person.EthnicCategory);
        Assert.Null(person.Postcode);
        Assert.Null(person.GpPractice);
        Assert.Null(person.Phone);
        Assert.Null(person.Email);
        Assert.Null(person.CommunicationNeeds);
        Assert.Null(person.WhatMattersToMe);
        Assert.Null(person.Strengths);
    }

    [Fact]
    public void Register_OptionalFields_AreKeptTrimmed()
    {
        var person = Register(Valid() with
        {
            PreferredName = " Sam ",
            Pronouns = " she/they ",
            GenderIdentity = " Non-binary ",
            GpPractice = " Ardwick Medical Practice ",
            Phone = " 07700 900123 ",
            Email = " sam@example.org ",
            CommunicationNeeds = " Prefers text messages to calls ",
        });

        Assert.Equal("Sam", person.PreferredName);
        Assert.Equal("she/they", person.Pronouns);
        Assert.Equal("Non-binary", person.GenderIdentity);
        Assert.Equal("Ardwick Medical Practice", person.GpPractice);
        Assert.Equal("07700 900123", person.Phone);
        Assert.Equal("sam@example.org", person.Email);
        Assert.Equal("Prefers text messages to calls", person.CommunicationNeeds);
    }

    [Theory]
    [InlineData("m139pl", "M13 9PL")]
    [InlineData(" m13 9pl ", "M13 9PL")]
    [InlineData("M1 3 9PL", "M13 9PL")]
    [InlineData("sw1a1aa", "SW1A 1AA")]
    public void Register_Postcode_IsNormalised(string given, string expected)
    {
        Assert.Equal(expected, Register(Valid() with { Postcode = given }).Postcode);
    }

    [Fact]
    public void Register_ContactsWithBlankNames_AreDropped()
    {
        var person = Register(Valid() with
        {
            Contacts =
            [
                new PersonContact("  ", "Mum", "07700 900001"),
                new PersonContact(" Grace Okafor ", " Mum ", " 07700 900002 "),
                new PersonContact("", null, null),
                new PersonContact("Tom", " ", ""),
            ],
        });

        Assert.Collection(person.Contacts,
            c => Assert.Equal(new PersonContact("Grace Okafor", "Mum", "07700 900002"), c),
            c => Assert.Equal(new PersonContact("Tom", null, null), c));
    }

    [Fact]
    public void DisplayName_UsesThePreferredNameWhenGiven()
    {
        Assert.Equal("Sam Okafor", Register(Valid() with { PreferredName = "Sam" }).DisplayName);
        Assert.Equal("Samantha Okafor", Register(Valid()).DisplayName);
    }

    [Fact]
    public void AgeOn_TheDayBeforeTheBirthday_IsStillTheYoungerAge()
    {
        var person = Register(Valid() with { DateOfBirth = new DateOnly(2004, 8, 17) });

        Assert.Equal(21, person.AgeOn(new DateOnly(2026, 8, 16)));
    }

    [Fact]
    public void AgeOn_TheBirthday_IsTheNewAge()
    {
        var person = Register(Valid() with { DateOfBirth = new DateOnly(2004, 8, 17) });

        Assert.Equal(22, person.AgeOn(new DateOnly(2026, 8, 17)));
        Assert.Equal(22, person.AgeOn(new DateOnly(2026, 8, 18)));
    }

    [Fact]
    public void AgeOn_TheDayOfBirth_IsZero()
    {
        var person = Register(Valid() with { DateOfBirth = new DateOnly(2004, 8, 17) });

        Assert.Equal(0, person.AgeOn(new DateOnly(2004, 8, 17)));
    }

    [Fact]
    public void AgeOn_ForSomeoneBornOn29February_TurnsOlderOn1MarchInOtherYears()
    {
        var person = Register(Valid() with { DateOfBirth = new DateOnly(2008, 2, 29) });

        Assert.Equal(16, person.AgeOn(new DateOnly(2025, 2, 28)));
        Assert.Equal(17, person.AgeOn(new DateOnly(2025, 3, 1)));
        Assert.Equal(16, person.AgeOn(new DateOnly(2024, 2, 29)));
    }

    [Fact]
    public void Register_DateOfBirthTodayInTheUk_IsAcceptedJustAfterMidnightBst()
    {
        // 00:30 BST on 15 June is 23:30 UTC on 14 June: "today" is the UK's day, not UTC's.
        var justAfterMidnight = new DateTimeOffset(2026, 6, 14, 23, 30, 0, TimeSpan.Zero);
        var person = Person.Register(Valid() with { DateOfBirth = new DateOnly(2026, 6, 15) }, CareTeam, Practitioner, justAfterMidnight);
        Assert.Equal(new DateOnly(2026, 6, 15), person.DateOfBirth);
    }
}
