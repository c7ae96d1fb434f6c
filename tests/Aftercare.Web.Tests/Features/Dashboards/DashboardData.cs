using Aftercare.Domain.Patients;
using Aftercare.Web.Tests.Infrastructure;
using Npgsql;

namespace Aftercare.Web.Tests.Features.Dashboards;

/// <summary>
/// Writes the clinical rows a dashboard counts straight into the database, with every time and
/// every detail of the person chosen by the test, so each figure can be worked out by hand.
/// </summary>
public sealed class DashboardRows(AftercareFactory app, TeamAtSite team)
{
    /// <summary>A presentation long before any period tested, to hang each assessment on.</summary>
    private static readonly DateTimeOffset LongAgo = new(2020, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly Guid staff = Guid.NewGuid();

    private async Task Exec(string sql, params object?[] args)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a ?? DBNull.Value });
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<Guid> Person(Sex sex, DateOnly born, string? ethnicCategory, string? postcode)
    {
        var id = Guid.NewGuid();
        await Exec("""
            INSERT INTO persons (id, given_name, family_name, date_of_birth, sex, ethnic_category, postcode, contacts, care_team_id, registered_at, registered_by)
            VALUES ($1, 'Robin', $2, $3, $4, $5, $6, '[]', $7, $8, $9)
            """, id, "Dashboardperson" + id.ToString("N")[..6], born, (int)sex, ethnicCategory, postcode, team.TeamId.Value, LongAgo, staff);
        return id;
    }

    public async Task<Guid> Presentation(Guid person, DateTimeOffset arrived)
    {
        var id = Guid.NewGuid();
        await Exec("""
            INSERT INTO presentations (id, person_id, site_id, team_id, arrived_at, account_in_own_words, method, recorded_at, recorded_by)
            VALUES ($1, $2, $3, $4, $5, 'In my words', 1, $5, $6)
            """, id, person, team.SiteId.Value, team.TeamId.Value, arrived, staff);
        return id;
    }

    /// <summary>
    /// A pathway started at <paramref name="started"/> whose first (follow-up) contact is open,
    /// done at <paramref name="done"/>, or closed without being done.
    /// </summary>
    public async Task<Guid> Pathway(Guid person, DateTimeOffset started, DateTimeOffset? done = null, bool closedWithout = false)
    {
        var presentation = await Presentation(person, LongAgo);
        var assessment = Guid.NewGuid();
        await Exec("""
            INSERT INTO assessments (id, person_id, presentation_id, started_by, started_at, sections, last_saved_by, last_saved_at, status, signed_off_by, signed_off_at)
            VALUES ($1, $2, $3, $4, $5, '{}', $4, $5, 2, $4, $5)
            """, assessment, person, presentation, staff, started);
        var pathway = Guid.NewGuid();
        await Exec("""
            INSERT INTO pathways (id, person_id, team_id, assessment_id, definition_code, definition_name, started_at, named_practitioner_id, status)
            VALUES ($1, $2, $3, $4, 'assured', 'ASSURED', $5, $6, 1)
            """, pathway, person, team.TeamId.Value, assessment, started, staff);
        var status = done is not null ? 2 : closedWithout ? 3 : 1;
        await Exec("""
            INSERT INTO planned_contacts (id, pathway_id, person_id, team_id, practitioner_id, sequence, key, label, kind, opens_at, due_at, status, done_at, done_by, closed_reason, closed_at, closed_by)
            VALUES ($1, $2, $3, $4, $5, 1, 'check-in', 'Check-in call', 1, $6, $7, $8, $9, $10, $11, $12, $13)
            """, Guid.NewGuid(), pathway, person, team.TeamId.Value, staff, started, started.AddHours(48), status, done, done is null ? null : staff,
            closedWithout ? "The person chose to stop" : null, closedWithout ? started.AddHours(30) : null, closedWithout ? staff : null);
        return pathway;
    }

    /// <summary>A care session of the pathway: 1 attended, 2 missed, 3 cancelled.</summary>
    public Task Session(Guid person, Guid pathway, DateTimeOffset at, int outcome) => Exec("""
        INSERT INTO care_sessions (id, person_id, pathway_id, practitioner_id, practitioner_name, occurred_at, mode, outcome, adaptations, re_engagement, recorded_at)
        VALUES ($1, $2, $3, $4, 'Practitioner', $5, 1, $6, 0, '[]', $5)
        """, Guid.NewGuid(), person, pathway, staff, at, outcome);

    public async Task Letter(Guid person, Guid pathway, DateTimeOffset sent)
    {
        var contact = Guid.NewGuid();
        await Exec("""
            INSERT INTO planned_contacts (id, pathway_id, person_id, team_id, practitioner_id, sequence, key, label, kind, letter_month, opens_at, due_at, status, done_at, done_by)
            VALUES ($1, $2, $3, $4, $5, 10, 'letter-3', 'Letter at 3 months', 3, 3, $6, $6, 2, $6, $5)
            """, contact, pathway, person, team.TeamId.Value, staff, sent);
        await Exec("""
            INSERT INTO aftercare_letters (id, person_id, pathway_id, planned_contact_id, month, body, status, drafted_at, sent_by, sent_at)
            VALUES ($1, $2, $3, $4, 3, 'Dear Robin', 3, $5, 1, $5)
            """, Guid.NewGuid(), person, pathway, contact, sent);
    }

    /// <summary>
    /// A referral sent at <paramref name="sent"/>: accepted or not, declined for a reason (flagged
    /// when the reason is one NICE rules out), escalated with an outcome (0: awaiting one), and seen
    /// <paramref name="seenAfterDays"/> after sending.
    /// </summary>
    public async Task Referral(Guid person, (Guid Id, string Name) service, DateTimeOffset sent,
        bool accepted = false, int? declineReason = null, int? escalation = null, int? seenAfterDays = null)
    {
        var presentation = await Presentation(person, LongAgo);
        var id = Guid.NewGuid();
        var flagged = declineReason is >= 1 and <= 6;
        DateTimeOffset? seen = seenAfterDays is { } d ? sent.AddDays(d) : null;
        var status = seen is not null ? 7 : accepted ? 3 : declineReason is not null ? 4 : 2;
        await Exec("""
            INSERT INTO referrals (id, person_id, presentation_id, presentation_arrived_at, service_id, service_name, service_is_gp_practice, team_id,
                referrer_id, referrer_name, status, letter, drafted_at, sent_at, sent_by, sent_by_name, accepted_at,
                decline_reason, decline_explanation, declined_at, declined_by_name, is_contrary_to_guidance, first_appointment_at, first_contact_at)
            VALUES ($1, $2, $3, $4, $5, $6, false, $7, $8, 'Referrer', $9, '{}', $10, $10, $8, 'Referrer', $11, $12, $13, $14, $15, $16, $17, $17)
            """, id, person, presentation, LongAgo, service.Id, service.Name, team.TeamId.Value, staff, status, sent,
            accepted || seen is not null ? sent.AddDays(1) : null,
            declineReason, declineReason is null ? null : "As the service put it", declineReason is null ? null : sent.AddHours(5),
            declineReason is null ? null : "Service", flagged, seen);
        if (escalation is { } outcome)
            await Exec("""
                INSERT INTO referral_escalations (id, referral_id, senior_clinician_id, senior_clinician_name, decline_reason, escalated_by, escalated_by_name, escalated_at,
                    outcome, outcome_detail, outcome_recorded_at)
                VALUES ($1, $2, $3, 'Senior', $4, $3, 'Referrer', $5, $6, $7, $8)
                """, Guid.NewGuid(), id, staff, declineReason!.Value, sent.AddDays(1),
                outcome == 0 ? null : outcome, outcome == 0 ? null : "What happened", outcome == 0 ? null : sent.AddDays(2));
    }
}
