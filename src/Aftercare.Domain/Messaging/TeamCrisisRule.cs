using Aftercare.Domain.Common;

namespace Aftercare.Domain.Messaging;

/// <summary>
/// A crisis rule a team has added to the defaults, as the team keeps it: who added it and when,
/// and, if it proved a mistake, when it was retired and by whom. A rule is never edited or deleted,
/// so what flagged (or would have flagged) a message on a given day can always be answered.
/// </summary>
public sealed class TeamCrisisRule
{
    public Guid Id { get; private set; }
    public TeamId TeamId { get; private set; }
    public string RuleId { get; private set; } = "";
    public CrisisRuleKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public string Reason { get; private set; } = "";
    /// <summary>The rule's words: one group for a phrase rule (any phrase), several for a combination (one from each).</summary>
    public List<List<string>> Groups { get; private set; } = [];
    public StaffId AddedBy { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }
    public StaffId? RetiredBy { get; private set; }
    public DateTimeOffset? RetiredAt { get; private set; }

    private TeamCrisisRule() { }

    public bool IsInForce => RetiredAt is null;

    /// <summary>Adds a rule the domain has already checked; the team's whole set is checked again, so it may not reuse an id.</summary>
    public static TeamCrisisRule Add(TeamId team, CrisisRule rule, IEnumerable<TeamCrisisRule> existing, StaffId by, DateTimeOffset now)
    {
        if (existing.Any(r => r.RuleId == rule.Id))
            throw new ClinicalRuleException("The team already has a rule with this short name (retired rules keep theirs): choose another", nameof(CrisisRule.Id));
        // Refuses a clash with a default's id, exactly as the rule set will when it is read.
        CrisisRuleSet.Default.With([.. existing.Where(r => r.IsInForce).Select(r => r.ToRule()), rule]);
        return new TeamCrisisRule
        {
            Id = Guid.CreateVersion7(),
            TeamId = team,
            RuleId = rule.Id,
            Kind = rule.Kind,
            Name = rule.Name,
            Reason = rule.Reason,
            Groups = [.. rule.Groups.Select(g => g.ToList())],
            AddedBy = by,
            AddedAt = now,
        };
    }

    /// <summary>Stops the rule flagging messages from now on; a rule already retired stays as it was.</summary>
    public bool Retire(StaffId by, DateTimeOffset now)
    {
        if (RetiredAt is not null) return false;
        RetiredAt = now;
        RetiredBy = by;
        return true;
    }

    public CrisisRule ToRule() => Kind == CrisisRuleKind.Phrase
        ? CrisisRule.Phrase(RuleId, Name, Reason, Groups.Single())
        : CrisisRule.Combination(RuleId, Name, Reason, Groups);

    /// <summary>The rules a team's messages are read with: the defaults, and the team's rules in force.</summary>
    public static CrisisRuleSet SetFor(IEnumerable<TeamCrisisRule> teamRules) =>
        CrisisRuleSet.Default.With(teamRules.Where(r => r.IsInForce).OrderBy(r => r.AddedAt).Select(r => r.ToRule()));
}
