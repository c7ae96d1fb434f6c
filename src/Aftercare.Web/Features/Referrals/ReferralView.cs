using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using Aftercare.Web.Data;
using Aftercare.Web.Security;
using Npgsql;

namespace Aftercare.Web.Features.Referrals;

public sealed record ContributorView(Guid Id, string Name, Discipline Discipline, string? Role, StaffId? StaffId, DateTimeOffset NamedAt,
    string? Part, string? PartWrittenByName, DateTimeOffset? PartWrittenAt, DateTimeOffset? RemovedAt, string? RemovalReason)
{
    public bool IsRemoved => RemovedAt is not null;
    public bool IsWaiting => !IsRemoved && Part is null;
    /// <summary>As the letter names them above their part (<see cref="ReferralContributor.Heading"/>).</summary>
    public string Heading => $"From {Name}, {Role ?? Disciplines.Describe(Discipline)}";
}

public sealed record EscalationView(Guid Id, string SeniorClinicianName, DeclineReason DeclineReason, string? Note, string EscalatedByName, DateTimeOffset EscalatedAt,
    EscalationOutcome? Outcome, string? OutcomeDetail, string? OutcomeRecordedByName, DateTimeOffset? OutcomeRecordedAt)
{
    public bool IsOpen => Outcome is null;
}

/// <summary>One step of the history; <paramref name="ByTheService"/> when the receiving service gave this answer itself, in Aftercare.</summary>
public sealed record HistoryView(int Sequence, ReferralHistoryKind Kind, ReferralStatus StatusAfter, string ByName, DateTimeOffset At, string? Detail,
    DeclineReason? DeclineReason, ReferralClosure? Closure, bool ByTheService = false);

/// <summary>
/// A referral as its page shows it: read in one round trip (<see cref="Read"/>), as projections of
/// the rows, with what the page needs worked out the way the domain's <see cref="Referral"/> does.
/// </summary>
public sealed class ReferralView
{
    public ReferralId Id { get; init; }
    public ReferralStatus Status { get; init; }
    public Guid ServiceId { get; init; }
    public string ServiceName { get; init; } = "";
    public TeamId TeamId { get; init; }
    public DateTimeOffset PresentationArrivedAt { get; init; }
    public StaffId ReferrerId { get; init; }
    public string ReferrerName { get; init; } = "";
    public ReferralLetter Letter { get; init; } = ReferralLetter.Empty;
    public DateTimeOffset DraftedAt { get; init; }
    public DateTimeOffset? LastEditedAt { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public string? SentByName { get; init; }
    public DateTimeOffset? AcceptedAt { get; init; }
    public DateTimeOffset? PlacedOnWaitingListAt { get; init; }
    public DeclineReason? DeclineReason { get; init; }
    public string? DeclineExplanation { get; init; }
    public string? DeclineAlternativeService { get; init; }
    public DateTimeOffset? DeclinedAt { get; init; }
    public string? DeclinedByName { get; init; }
    public bool IsContraryToGuidance { get; init; }
    public DateTimeOffset? FirstAppointmentAt { get; init; }
    public DateTimeOffset? FirstContactAt { get; init; }
    public ReferralClosure? Closure { get; init; }
    public string? ClosureDetail { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public ReferralId? ResubmissionOf { get; init; }
    public ReferralId? ResubmittedAs { get; init; }
    public uint Version { get; init; }
    public List<ContributorView> Contributors { get; init; } = [];
    public List<EscalationView> Escalations { get; init; } = [];
    public List<HistoryView> History { get; init; } = [];
    /// <summary>The senior clinicians this decline can go to: read only when it is flagged and the reader may escalate it.</summary>
    public List<(Guid Id, string Name)> SeniorClinicians { get; init; } = [];

    public bool IsDraft => Status == ReferralStatus.Draft;
    public bool IsFinished => Status is ReferralStatus.FirstAppointmentAttended or ReferralStatus.Closed;
    public bool IsDeclinedContraryToGuidance => Status == ReferralStatus.Declined && IsContraryToGuidance;
    public EscalationView? OpenEscalation => Escalations.FirstOrDefault(e => e.IsOpen);
    public TimeSpan? TimeToFirstContact => FirstContactAt - PresentationArrivedAt;
    public bool MayBeResubmitted => Status is ReferralStatus.Sent or ReferralStatus.Declined && OpenEscalation is null;
    public bool TheServiceMayAnswer => Status is ReferralStatus.Sent or ReferralStatus.WaitingList or ReferralStatus.Accepted or ReferralStatus.FirstAppointmentOffered;

    /// <summary>The latest step of this kind (the service's latest decline, say), to say who gave it.</summary>
    public HistoryView? Latest(ReferralHistoryKind kind) => History.LastOrDefault(h => h.Kind == kind);

    /// <summary>The letter as it prints (<see cref="Referral.PrintedLetter"/>): each part with text, and colleagues' parts before the closing.</summary>
    public IReadOnlyList<PrintedSection> Printed()
    {
        var printed = new List<PrintedSection>();
        var contributions = Contributors.Where(c => !c.IsRemoved && c.Part is not null).Select(c => new PrintedSection(c.Heading, c.Part!)).ToList();
        foreach (var section in Letter.Sections)
        {
            if (section.Kind == LetterSectionKind.Closing) { printed.AddRange(contributions); contributions.Clear(); }
            if (section.Text is not null) printed.Add(new(section.PrintsHeading ? section.Heading : null, section.Text));
        }
        printed.AddRange(contributions);
        return printed;
    }

    private const string Guard = "JOIN referrals r ON r.id = x.referral_id WHERE x.referral_id = $1 AND r.person_id = $2";

    /// <summary>
    /// Reads the referral of this person, its parts, the senior clinicians of <paramref name="seniorsOf"/>
    /// when the decline is flagged, and writes the audit event of the read, all in one round trip.
    /// Null when the person has no such referral (and then nothing is audited).
    /// </summary>
    public static async Task<ReferralView?> Read(NpgsqlDataSource dataSource, AuditTrail audit, PersonId person, Guid referral, TeamId? seniorsOf,
        string? auditNote, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        void Add(string sql, bool withTeam = false)
        {
            var statement = new NpgsqlBatchCommand(sql);
            statement.Parameters.Add(new() { Value = referral });
            statement.Parameters.Add(new() { Value = person.Value });
            if (withTeam) statement.Parameters.Add(new() { Value = seniorsOf!.Value.Value });
            batch.BatchCommands.Add(statement);
        }
        Add("""
            SELECT status, service_id, service_name, team_id, presentation_arrived_at, referrer_id, referrer_name, letter, drafted_at, last_edited_at,
                   sent_at, sent_by_name, accepted_at, placed_on_waiting_list_at, decline_reason, decline_explanation, decline_alternative_service,
                   declined_at, declined_by_name, is_contrary_to_guidance, first_appointment_at, first_contact_at, closure, closure_detail, closed_at,
                   resubmission_of, resubmitted_as, xmin
            FROM referrals WHERE id = $1 AND person_id = $2
            """);
        Add($"""
            SELECT x.id, x.name, x.discipline, x.role, x.staff_id, x.named_at, x.part, x.part_written_by_name, x.part_written_at, x.removed_at, x.removal_reason
            FROM referral_contributors x {Guard} ORDER BY x.named_at, x.id
            """);
        Add($"""
            SELECT x.id, x.senior_clinician_name, x.decline_reason, x.note, x.escalated_by_name, x.escalated_at, x.outcome, x.outcome_detail,
                   x.outcome_recorded_by_name, x.outcome_recorded_at
            FROM referral_escalations x {Guard} ORDER BY x.escalated_at, x.id
            """);
        Add($"""
            SELECT x.sequence, x.kind, x.status_after, x.by_name, x.at, x.detail, x.decline_reason, x.closure, x.by_service_user IS NOT NULL AS by_the_service
            FROM referral_history x {Guard} ORDER BY x.sequence
            """);
        if (seniorsOf is not null)
            Add($"""
                SELECT u.id, u.display_name FROM user_accounts u
                WHERE u.team_id = $3 AND u.is_active AND u.role = {(int)Domain.Staff.StaffRole.Supervisor}
                  AND EXISTS (SELECT 1 FROM referrals r WHERE r.id = $1 AND r.person_id = $2 AND r.status = {(int)ReferralStatus.Declined} AND r.is_contrary_to_guidance)
                ORDER BY u.display_name
                """, withTeam: true);
        batch.BatchCommands.Add(audit.ReadStatement("Referral", referral.ToString(), person.Value, auditNote,
            "EXISTS (SELECT 1 FROM referrals r WHERE r.id = $8::uuid AND r.person_id = $9)"));

        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var r = new Row(reader);
        var view = new ReferralView
        {
            Id = new ReferralId(referral),
            Status = (ReferralStatus)r.Int("status"),
            ServiceId = r.Get<Guid>("service_id"),
            ServiceName = r.Get<string>("service_name"),
            TeamId = new TeamId(r.Get<Guid>("team_id")),
            PresentationArrivedAt = r.Get<DateTimeOffset>("presentation_arrived_at"),
            ReferrerId = new StaffId(r.Get<Guid>("referrer_id")),
            ReferrerName = r.Get<string>("referrer_name"),
            Letter = ReferralLetterJson.Read(r.Get<string>("letter")),
            DraftedAt = r.Get<DateTimeOffset>("drafted_at"),
            LastEditedAt = r.Maybe<DateTimeOffset>("last_edited_at"),
            SentAt = r.Maybe<DateTimeOffset>("sent_at"),
            SentByName = r.Text("sent_by_name"),
            AcceptedAt = r.Maybe<DateTimeOffset>("accepted_at"),
            PlacedOnWaitingListAt = r.Maybe<DateTimeOffset>("placed_on_waiting_list_at"),
            DeclineReason = (DeclineReason?)r.Maybe<int>("decline_reason"),
            DeclineExplanation = r.Text("decline_explanation"),
            DeclineAlternativeService = r.Text("decline_alternative_service"),
            DeclinedAt = r.Maybe<DateTimeOffset>("declined_at"),
            DeclinedByName = r.Text("declined_by_name"),
            IsContraryToGuidance = r.Get<bool>("is_contrary_to_guidance"),
            FirstAppointmentAt = r.Maybe<DateTimeOffset>("first_appointment_at"),
            FirstContactAt = r.Maybe<DateTimeOffset>("first_contact_at"),
            Closure = (ReferralClosure?)r.Maybe<int>("closure"),
            ClosureDetail = r.Text("closure_detail"),
            ClosedAt = r.Maybe<DateTimeOffset>("closed_at"),
            ResubmissionOf = r.Maybe<Guid>("resubmission_of") is { } of ? new ReferralId(of) : null,
            ResubmittedAs = r.Maybe<Guid>("resubmitted_as") is { } @as ? new ReferralId(@as) : null,
            Version = r.Get<uint>("xmin"),
        };

        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var c = new Row(reader);
            view.Contributors.Add(new ContributorView(c.Get<Guid>("id"), c.Get<string>("name"), (Discipline)c.Int("discipline"), c.Text("role"),
                c.Maybe<Guid>("staff_id") is { } staff ? new StaffId(staff) : null, c.Get<DateTimeOffset>("named_at"), c.Text("part"),
                c.Text("part_written_by_name"), c.Maybe<DateTimeOffset>("part_written_at"), c.Maybe<DateTimeOffset>("removed_at"), c.Text("removal_reason")));
        }
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var e = new Row(reader);
            view.Escalations.Add(new EscalationView(e.Get<Guid>("id"), e.Get<string>("senior_clinician_name"), (DeclineReason)e.Int("decline_reason"),
                e.Text("note"), e.Get<string>("escalated_by_name"), e.Get<DateTimeOffset>("escalated_at"), (EscalationOutcome?)e.Maybe<int>("outcome"),
                e.Text("outcome_detail"), e.Text("outcome_recorded_by_name"), e.Maybe<DateTimeOffset>("outcome_recorded_at")));
        }
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var h = new Row(reader);
            view.History.Add(new HistoryView(h.Int("sequence"), (ReferralHistoryKind)h.Int("kind"), (ReferralStatus)h.Int("status_after"),
                h.Get<string>("by_name"), h.Get<DateTimeOffset>("at"), h.Text("detail"), (DeclineReason?)h.Maybe<int>("decline_reason"),
                (ReferralClosure?)h.Maybe<int>("closure"), h.Get<bool>("by_the_service")));
        }
        if (seniorsOf is not null)
        {
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct)) view.SeniorClinicians.Add((reader.GetGuid(0), reader.GetString(1)));
        }
        return view;
    }

    /// <summary>A row read by column name, so the statements above can change without a column read in the wrong place.</summary>
    private readonly struct Row(NpgsqlDataReader reader)
    {
        public T Get<T>(string column) => reader.GetFieldValue<T>(reader.GetOrdinal(column));
        public int Int(string column) => reader.GetInt32(reader.GetOrdinal(column));
        public T? Maybe<T>(string column) where T : struct
        {
            var at = reader.GetOrdinal(column);
            return reader.IsDBNull(at) ? null : reader.GetFieldValue<T>(at);
        }
        public string? Text(string column)
        {
            var at = reader.GetOrdinal(column);
            return reader.IsDBNull(at) ? null : reader.GetString(at);
        }
    }
}
