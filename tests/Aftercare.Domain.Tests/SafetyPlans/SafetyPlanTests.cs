using Aftercare.Domain.Common;
using Aftercare.Domain.SafetyPlans;

namespace Aftercare.Domain.Tests.SafetyPlans;

public class SafetyPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 15, 0, 0, TimeSpan.Zero);
    private static readonly PersonId Person = PersonId.New();
    private static readonly Author Practitioner = Author.ForStaff(StaffId.New(), "Jo Bell");
    private static readonly Author Patient = Author.ForPatient(Person, "Samantha Okafor");

    private static readonly SafetyPlanContent First = new()
    {
        WarningSigns = [new("Not sleeping")],
        ReasonsForLiving = [new("My cat, Biscuit")],
    };

    private static readonly SafetyPlanContent Second = First with
    {
        ReasonsForLiving = [new("My cat, Biscuit"), new("Seeing my nephew grow up")],
    };

    private static (SafetyPlan Plan, SafetyPlanVersion Version) Create(SafetyPlanContent? content = null) =>
        SafetyPlan.Create(Person, content ?? First, Practitioner, Now);

    [Fact]
    public void Create_StartsAtVersionOne_WithWhoAndWhen()
    {
        var (plan, version) = Create();

        Assert.NotEqual(Guid.Empty, plan.Id.Value);
        Assert.Equal(Person, plan.PersonId);
        Assert.Equal(1, plan.CurrentVersion);
        Assert.Equal(First, plan.CurrentContent);
        Assert.Equal(Now, plan.CreatedAt);
        Assert.Equal(Now, plan.UpdatedAt);
        Assert.Equal(Practitioner, plan.UpdatedBy);

        Assert.NotEqual(Guid.Empty, version.Id);
        Assert.Equal(plan.Id, version.SafetyPlanId);
        Assert.Equal(1, version.Number);
        Assert.Equal(First, version.Content);
        Assert.Equal(Practitioner, version.SavedBy);
        Assert.Equal(Now, version.SavedAt);
    }

    [Fact]
    public void Create_WithAnEmptyPlan_IsAllowed()
    {
        var (plan, _) = Create(SafetyPlanContent.Empty);

        Assert.Equal(SafetyPlanContent.Empty, plan.CurrentContent);
    }

    [Fact]
    public void Create_KeepsTheContentValidated()
    {
        var (plan, version) = Create(new SafetyPlanContent { WarningSigns = [new("  Not sleeping "), new("   ")] });

        Assert.Equal([new PlanEntry("Not sleeping")], plan.CurrentContent.WarningSigns);
        Assert.Equal(plan.CurrentContent, version.Content);
    }

    [Fact]
    public void Create_WithInvalidContent_IsRefused()
    {
        Assert.Throws<ClinicalRuleException>(() => Create(new SafetyPlanContent { ReasonsForLiving = [new(new string('x', 501))] }));
    }

    [Fact]
    public void Create_ByAPatientForSomeoneElsesPlan_IsRefused()
    {
        var stranger = Author.ForPatient(PersonId.New(), "Someone Else");

        Assert.Throws<ClinicalRuleException>(() => SafetyPlan.Create(Person, First, stranger, Now));
    }

    [Fact]
    public void Revise_FromTheCurrentVersion_SavesANewVersion()
    {
        var (plan, _) = Create();

        var version = plan.Revise(1, Second, Patient, Now.AddHours(1));

        Assert.NotNull(version);
        Assert.Equal(2, version.Number);
        Assert.Equal(Second, version.Content);
        Assert.Equal(Patient, version.SavedBy);
        Assert.Equal(Now.AddHours(1), version.SavedAt);
        Assert.Equal(plan.Id, version.SafetyPlanId);
        Assert.Equal(2, plan.CurrentVersion);
        Assert.Equal(Second, plan.CurrentContent);
        Assert.Equal(Patient, plan.UpdatedBy);
        Assert.Equal(Now.AddHours(1), plan.UpdatedAt);
        Assert.Equal(Now, plan.CreatedAt);
    }

    [Fact]
    public void Revise_WithNothingChanged_SavesNoVersion()
    {
        var (plan, _) = Create();
        var sameButNewLists = new SafetyPlanContent
        {
            WarningSigns = [new("Not sleeping ")],
            ReasonsForLiving = [new("My cat, Biscuit"), new(" ")],
        };

        var version = plan.Revise(1, sameButNewLists, Patient, Now.AddHours(1));

        Assert.Null(version);
        Assert.Equal(1, plan.CurrentVersion);
        Assert.Equal(Practitioner, plan.UpdatedBy);
        Assert.Equal(Now, plan.UpdatedAt);
    }

    [Fact]
    public void Revise_FromAnOlderVersion_IsAConflict_CarryingWhatWasSaved()
    {
        var (plan, _) = Create();
        plan.Revise(1, Second, Patient, Now.AddMinutes(5));

        var conflict = Assert.Throws<SafetyPlanConflictException>(() =>
            plan.Revise(1, First with { WarningSigns = [new("Shouting")] }, Practitioner, Now.AddMinutes(6)));

        Assert.Equal(2, conflict.CurrentVersion);
        Assert.Equal(Second, conflict.CurrentContent);
        Assert.Equal(Patient, conflict.SavedBy);
        Assert.Equal(Now.AddMinutes(5), conflict.SavedAt);
        Assert.Contains("Samantha Okafor", conflict.Message);
    }

    [Fact]
    public void Revise_ThatConflicts_SavesNothing()
    {
        var (plan, _) = Create();
        plan.Revise(1, Second, Patient, Now.AddMinutes(5));

        Assert.Throws<SafetyPlanConflictException>(() => plan.Revise(1, SafetyPlanContent.Empty, Practitioner, Now.AddMinutes(6)));

        Assert.Equal(2, plan.CurrentVersion);
        Assert.Equal(Second, plan.CurrentContent);
        Assert.Equal(Patient, plan.UpdatedBy);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    public void Revise_FromAVersionThatIsNotCurrent_IsAConflict(int basedOn)
    {
        var (plan, _) = Create();
        plan.Revise(1, Second, Patient, Now.AddMinutes(5));

        Assert.Throws<SafetyPlanConflictException>(() => plan.Revise(basedOn, First, Practitioner, Now.AddMinutes(6)));
    }

    [Fact]
    public void Revise_ThatConflicts_EvenWithTheSameContent_IsAConflict()
    {
        var (plan, _) = Create();
        plan.Revise(1, Second, Patient, Now.AddMinutes(5));

        Assert.Throws<SafetyPlanConflictException>(() => plan.Revise(1, Second, Practitioner, Now.AddMinutes(6)));
    }

    [Fact]
    public void Revise_AfterMergingWithTheCurrentVersion_IsSaved()
    {
        var (plan, _) = Create();
        plan.Revise(1, Second, Patient, Now.AddMinutes(5));
        var mine = First with { WarningSigns = [new("Not sleeping"), new("Shouting at people")] };

        var conflict = Assert.Throws<SafetyPlanConflictException>(() => plan.Revise(1, mine, Practitioner, Now.AddMinutes(6)));
        var merged = SafetyPlanMerge.ThreeWay(First, mine, conflict.CurrentContent);
        var version = plan.Revise(conflict.CurrentVersion, merged.Merged, Practitioner, Now.AddMinutes(7));

        Assert.NotNull(version);
        Assert.Equal(3, version.Number);
        Assert.Equal([new PlanEntry("Not sleeping"), new PlanEntry("Shouting at people")], plan.CurrentContent.WarningSigns);
        Assert.Equal(Second.ReasonsForLiving, plan.CurrentContent.ReasonsForLiving);
    }

    [Fact]
    public void Revise_WithInvalidContent_IsRefused_AndSavesNothing()
    {
        var (plan, _) = Create();

        Assert.Throws<ClinicalRuleException>(() => plan.Revise(1, new SafetyPlanContent { SafeSpace = [new("Lock away tablets", "999")] }, Patient, Now));

        Assert.Equal(1, plan.CurrentVersion);
        Assert.Equal(First, plan.CurrentContent);
    }

    [Fact]
    public void Revise_ByAnotherPatient_IsRefused()
    {
        var (plan, _) = Create();

        Assert.Throws<ClinicalRuleException>(() => plan.Revise(1, Second, Author.ForPatient(PersonId.New(), "Someone Else"), Now));
        Assert.Equal(1, plan.CurrentVersion);
    }

    [Fact]
    public void Revise_ByAnAuthorWithNoName_Throws()
    {
        var (plan, _) = Create();

        Assert.Throws<ArgumentException>(() => plan.Revise(1, Second, Practitioner with { Name = " " }, Now));
    }

    [Fact]
    public void Versions_AreNumberedOneAfterAnother()
    {
        var (plan, v1) = Create();
        var v2 = plan.Revise(1, Second, Patient, Now.AddMinutes(1))!;
        var v3 = plan.Revise(2, SafetyPlanContent.Empty, Practitioner, Now.AddMinutes(2))!;

        Assert.Equal([1, 2, 3], new[] { v1, v2, v3 }.Select(v => v.Number));
        Assert.Equal(3, new[] { v1.Id, v2.Id, v3.Id }.Distinct().Count());
        Assert.Equal(First, v1.Content);
    }

    [Fact]
    public void RevertTo_AnEarlierVersion_IsANewVersionWithTheOldContent()
    {
        var (plan, v1) = Create();
        plan.Revise(1, Second, Patient, Now.AddMinutes(1));

        var v3 = plan.RevertTo(v1, 2, Practitioner, Now.AddMinutes(2));

        Assert.NotNull(v3);
        Assert.Equal(3, v3.Number);
        Assert.Equal(First, v3.Content);
        Assert.Equal(First, plan.CurrentContent);
        Assert.Equal(3, plan.CurrentVersion);
        Assert.Equal(1, v1.Number);
    }

    [Fact]
    public void RevertTo_TheVersionAlreadyCurrent_SavesNothing()
    {
        var (plan, v1) = Create();

        Assert.Null(plan.RevertTo(v1, 1, Practitioner, Now.AddMinutes(2)));
        Assert.Equal(1, plan.CurrentVersion);
    }

    [Fact]
    public void RevertTo_AVersionOfAnotherPlan_IsRefused()
    {
        var (plan, _) = Create();
        var (_, otherVersion) = SafetyPlan.Create(PersonId.New(), Second, Practitioner, Now);

        Assert.Throws<ClinicalRuleException>(() => plan.RevertTo(otherVersion, 1, Practitioner, Now));
        Assert.Equal(1, plan.CurrentVersion);
    }

    [Fact]
    public void Author_ForStaffAndPatient_KeepTheirIdsAndKind()
    {
        var staff = StaffId.New();

        Assert.Equal(new Author(staff.Value, "Jo Bell", AuthorKind.Staff), Author.ForStaff(staff, "Jo Bell"));
        Assert.Equal(new Author(Person.Value, "Sam", AuthorKind.Patient), Author.ForPatient(Person, "Sam"));
    }
}
