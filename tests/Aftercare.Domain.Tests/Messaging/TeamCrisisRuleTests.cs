using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;

namespace Aftercare.Domain.Tests.Messaging;

public class TeamCrisisRuleTests
{
    private static readonly TeamId Team = new(Guid.NewGuid());
    private static readonly StaffId Supervisor = new(Guid.NewGuid());
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);
    private static readonly CrisisRule Quarry = CrisisRule.Phrase("team-quarry", "Local place named", "People have gone to the old quarry to end their lives.", ["old quarry"]);

    [Fact]
    public void ATeamRule_FlagsMessages_WithTheDefaults_UntilItIsRetired()
    {
        var rule = TeamCrisisRule.Add(Team, Quarry, [], Supervisor, Now);
        Assert.True(TeamCrisisRule.SetFor([rule]).Assess("walking up to the old quarry").MayBeDanger);
        Assert.True(TeamCrisisRule.SetFor([rule]).Assess("I want to kill myself").MayBeDanger);

        Assert.True(rule.Retire(Supervisor, Now.AddDays(1)));
        Assert.False(rule.Retire(Supervisor, Now.AddDays(2)));
        Assert.Equal(Now.AddDays(1), rule.RetiredAt);
        Assert.False(TeamCrisisRule.SetFor([rule]).Assess("walking up to the old quarry").MayBeDanger);
    }

    [Fact]
    public void ATeamRule_KeepsItsWords_AndReadsBackAsTheSameRule()
    {
        var combination = CrisisRule.Combination("team-quarry-tonight", "Place with a time", "A known place named with a time.", [["quarry"], ["tonight", "later"]]);
        var kept = TeamCrisisRule.Add(Team, combination, [], Supervisor, Now);
        Assert.Equal(combination, kept.ToRule());
        Assert.Equal(CrisisRuleKind.Combination, kept.Kind);
    }

    [Fact]
    public void AShortNameTheTeamHasUsed_EvenOnARetiredRule_IsRefused()
    {
        var first = TeamCrisisRule.Add(Team, Quarry, [], Supervisor, Now);
        first.Retire(Supervisor, Now);
        var error = Assert.Throws<ClinicalRuleException>(() => TeamCrisisRule.Add(Team, Quarry, [first], Supervisor, Now));
        Assert.Equal(nameof(CrisisRule.Id), error.Field);
    }

    [Fact]
    public void ARuleWithADefaultsShortName_IsRefused()
    {
        var clash = CrisisRule.Phrase(CrisisRuleSet.Default.Rules[0].Id, "Mine", "A reason.", ["old quarry"]);
        Assert.Throws<ClinicalRuleException>(() => TeamCrisisRule.Add(Team, clash, [], Supervisor, Now));
    }
}
