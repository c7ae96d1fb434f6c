using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using Npgsql;

namespace Aftercare.Web.Features.Referrals;

/// <summary>A standing decline contrary to NICE NG225, as the team's worklist lists it.</summary>
public sealed record FlaggedDecline(ReferralId Id, PersonId PersonId, string PersonName, string ServiceName, DeclineReason Reason,
    DateTimeOffset DeclinedAt, string? EscalatedTo)
{
    public string Link => ReferralPages.Url(PersonId.Value, Id);
}

/// <summary>The first of the team's standing flagged declines, longest standing first, and how many there are.</summary>
public sealed record FlaggedDeclines(List<FlaggedDecline> Items, int Total)
{
    public static readonly FlaggedDeclines None = new([], 0);
}

/// <summary>
/// The team worklist's section "Declines contrary to NICE NG225": one statement for the batch the
/// worklist already sends (no round trip of its own), reading the small partial index of standing
/// flagged declines (migration 0011): the first rows in order, stopping there, and the count from
/// the index alone; with the person's name and any open escalation for the rows shown.
/// </summary>
public static class FlaggedDeclinesOnTheWorklist
{
    public const int Shown = 10;

    public static NpgsqlBatchCommand Statement(TeamId team)
    {
        var statement = new NpgsqlBatchCommand(
            $"""
            WITH f AS (
                SELECT r.id, r.person_id, r.service_name, r.decline_reason, r.declined_at
                FROM referrals r
                WHERE r.team_id = $1 AND r.status = {(int)ReferralStatus.Declined} AND r.is_contrary_to_guidance
                ORDER BY r.declined_at, r.id LIMIT {Shown}
            )
            SELECT (SELECT count(*) FROM referrals r WHERE r.team_id = $1 AND r.status = {(int)ReferralStatus.Declined} AND r.is_contrary_to_guidance),
                   f.id, f.person_id, coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name, f.service_name, f.decline_reason, f.declined_at,
                   (SELECT e.senior_clinician_name FROM referral_escalations e WHERE e.referral_id = f.id AND e.outcome IS NULL ORDER BY e.escalated_at DESC LIMIT 1)
            FROM f JOIN persons p ON p.id = f.person_id
            ORDER BY f.declined_at, f.id
            """);
        statement.Parameters.Add(new() { Value = team.Value });
        return statement;
    }

    public static async Task<FlaggedDeclines> Read(NpgsqlDataReader reader, CancellationToken ct)
    {
        var items = new List<FlaggedDecline>();
        var total = 0;
        while (await reader.ReadAsync(ct))
        {
            total = (int)reader.GetInt64(0);
            items.Add(new FlaggedDecline(new ReferralId(reader.GetGuid(1)), new PersonId(reader.GetGuid(2)), reader.GetString(3), reader.GetString(4),
                (DeclineReason)reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return new FlaggedDeclines(items, total);
    }
}
