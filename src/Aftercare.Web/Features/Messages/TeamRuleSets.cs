using System.Collections.Concurrent;
using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;
using Aftercare.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Aftercare.Web.Features.Messages;

/// <summary>
/// Each team's crisis rule set, made once and kept while the team's rules in force stay the same.
/// A team's rule is never edited, only added or retired, so the ids of the rules in force, read
/// with the conversation as a message is sent, say exactly which set that message must be read
/// against: a rule added or retired a moment ago changes the ids, and the set is made again from
/// the database before the message is read.
/// </summary>
public sealed class TeamRuleSets
{
    private readonly ConcurrentDictionary<TeamId, (Guid[] Ids, CrisisRuleSet Set)> _sets = new();

    public async Task<CrisisRuleSet> For(TeamId team, IReadOnlyList<Guid> inForce, AftercareDb db, CancellationToken ct)
    {
        if (inForce.Count == 0) return CrisisRuleSet.Default;
        if (_sets.TryGetValue(team, out var kept) && kept.Ids.AsSpan().SequenceEqual([.. inForce])) return kept.Set;
        var ids = inForce.ToArray();
        var rules = await db.TeamCrisisRules.AsNoTracking().Where(r => r.TeamId == team && ids.Contains(r.Id)).ToListAsync(ct);
        // Made from the rules asked for, in the order asked for, even if one was retired since.
        var set = CrisisRuleSet.Default.With(ids.Select(id => rules.Single(r => r.Id == id).ToRule()));
        _sets[team] = (ids, set);
        return set;
    }
}
