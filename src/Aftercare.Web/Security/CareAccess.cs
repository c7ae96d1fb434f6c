using System.Security.Claims;
using Aftercare.Domain.Access;
using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Patients;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.Staff;
using Aftercare.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aftercare.Web.Security;

public sealed record PersonAccess(Person Person, AccessBasis Basis, CurrentStaff Reader);

/// <summary>A duty alert as one of its team's clinicians may see and act on it.</summary>
public sealed record AlertAccess(DutyAlert Alert, CurrentStaff Reader);

/// <summary>
/// A referral as its receiving service may see it: the referral (with its letter as sent) and who
/// it is about, enough to know the person; never the person's record.
/// </summary>
public sealed record ServiceReferralAccess(Referral Referral, CurrentServiceUser Reader, string PersonName, DateOnly DateOfBirth, string? NhsNumber);

/// <summary>What a practitioner outside the care team sees before breaking the glass: enough to be sure it is the right person, nothing clinical.</summary>
public sealed record PersonOutsideReach(PersonId Id, string Name, DateOnly DateOfBirth, string? NhsNumber, string TeamName);

/// <summary>Someone who answers a person's messages, and why: "named practitioner", "covering until 3 March", "supervisor".</summary>
public sealed record Responder(StaffId Id, string Name, string Why);

/// <summary>
/// A person's conversation with their care team as one reader may use it: whose it is, the team's
/// reading hours and reply time, whether their care is active (messages are read only then), and
/// whether this reader may write in it, and if not, who does.
/// </summary>
public sealed record ConversationAccess(
    PersonId PersonId, string PersonName, TeamId TeamId, string TeamName, ReadingHours Hours, int ReplyWithinHours,
    bool CareIsActive, AccessBasis Basis, MessageSender Reader, bool MayWrite, IReadOnlyList<Responder> Responders)
{
    public bool IsPatient => Reader.Kind == SenderKind.Patient;

    /// <summary>The ids of the crisis rules the person's team has added that are in force as this was read, oldest first.</summary>
    public IReadOnlyList<Guid> TeamCrisisRules { get; init; } = [];
}

/// <summary>
/// The one place that decides whether a member of staff may see or change a person's record, and
/// that writes the audit event for every read; a receiving service's user never may. Pages ask
/// here and treat null as "not found": a record outside someone's reach is never confirmed to
/// exist by the page that shows it.
/// </summary>
public sealed class CareAccess(AftercareDb db, NpgsqlDataSource dataSource, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The person's record for reading; the read is audited.</summary>
    public async Task<PersonAccess?> ReadPerson(PersonId id, ClaimsPrincipal user, CancellationToken ct)
    {
        var access = await Decide(id, user, tracked: false, ct);
        if (access is null) return null;
        await audit.WriteReadAsync("Person", id.ToString(), id.Value, BreakGlassNote(access), ct);
        return access;
    }

    /// <summary>
    /// The person's record, for a page that shows one part of it (the safety plan, say) and writes
    /// the audit event for that part itself, with <see cref="BreakGlassNote"/>. Never for a page
    /// that shows the record without auditing what it shows.
    /// </summary>
    public Task<PersonAccess?> PersonForAuditedPart(PersonId id, ClaimsPrincipal user, CancellationToken ct) =>
        Decide(id, user, tracked: false, ct);

    public static string? BreakGlassNote(PersonAccess access) => BreakGlassNote(access.Basis);

    public static string? BreakGlassNote(AccessBasis basis) =>
        basis == AccessBasis.BreakGlass ? "Opened under break-glass access" : null;

    /// <summary>The person's record for a change; the caller audits the change in the same save.</summary>
    public Task<PersonAccess?> PersonForChange(PersonId id, ClaimsPrincipal user, CancellationToken ct) =>
        Decide(id, user, tracked: true, ct);

    /// <summary>The people in the care of the reader's team (none for roles that see no clinical record).</summary>
    public IQueryable<Person> PersonsInReach(CurrentStaff staff) =>
        staff.IsClinical && staff.TeamId is { } team
            ? db.Persons.AsNoTracking().Where(p => p.CareTeamId == team)
            : db.Persons.AsNoTracking().Where(p => false);

    /// <summary>
    /// For the break-glass page: a person held by another team, shown only to a practitioner, and
    /// only the identifying details needed to be sure before opening the record.
    /// </summary>
    public async Task<PersonOutsideReach?> PersonForBreakGlass(PersonId id, ClaimsPrincipal user, CancellationToken ct)
    {
        if (IsReceivingService(user, out _)) return null;
        var staff = CurrentStaff.From(user);
        if (staff is null || !CareAccessRule.MayBreakGlass(staff.Role)) return null;
        return await db.Persons.AsNoTracking()
            .Where(p => p.Id == id && p.CareTeamId != staff.TeamId)
            .Join(db.Teams, p => p.CareTeamId, t => t.Id, (p, t) => new PersonOutsideReach(
                p.Id, (p.PreferredName ?? p.GivenName) + " " + p.FamilyName, p.DateOfBirth, p.NhsNumber, t.Name))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Opens another team's record with a written reason; audited, and shown to that team's supervisor.</summary>
    public async Task<BreakGlassGrant?> BreakGlass(PersonId id, string? reason, ClaimsPrincipal user, CancellationToken ct)
    {
        // A receiving service is never in a care team and cannot break glass into one's records.
        if (IsReceivingService(user, out _)) return null;
        var staff = CurrentStaff.From(user);
        if (staff is null) return null;
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.CareTeamId }).FirstOrDefaultAsync(ct);
        if (person is null) return null;
        var grant = BreakGlassGrant.Open(staff.Role, staff.Id, staff.TeamId, id, person.CareTeamId, reason, clock.GetUtcNow());
        db.BreakGlassGrants.Add(grant);
        audit.Add(AuditActions.BreakGlass, "Person", id.ToString(), id.Value, grant.Reason);
        await db.SaveChangesAsync(ct);
        return grant;
    }

    /// <summary>
    /// A referral for someone of a receiving service: only one addressed to their own service (the
    /// one their account belongs to, never one named in the address) and only once it has been
    /// sent. A draft is the referrer's alone; another service's referral is not found, as is any
    /// referral for anyone else. Tracked when the service is to answer it. The caller audits the read
    /// or the change; nothing of the person's record beyond who they are is reached from here.
    /// </summary>
    public async Task<ServiceReferralAccess?> ReferralForService(Guid referralId, ClaimsPrincipal user, bool tracked, CancellationToken ct)
    {
        var reader = CurrentServiceUser.From(user);
        // A session that also reads as staff is damaged, not twice as trusted.
        if (reader is null || CurrentStaff.From(user) is not null) return null;
        var referrals = tracked ? db.Referrals : db.Referrals.AsNoTracking();
        var referral = await referrals.AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == new ReferralId(referralId) && r.ServiceId == reader.ServiceId && r.SentAt != null, ct);
        if (referral is null) return null;
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == referral.PersonId)
            .Select(p => new { Name = p.GivenName + " " + p.FamilyName, p.DateOfBirth, p.NhsNumber }).FirstAsync(ct);
        return new ServiceReferralAccess(referral, reader, person.Name, person.DateOfBirth, person.NhsNumber);
    }

    /// <summary>
    /// A person's conversation with their care team (M11). A patient reaches only their own,
    /// whatever is asked for (<paramref name="person"/> null means their own). Staff read it as
    /// they may read the person's record (the same rule, break-glass included); the named
    /// practitioner, whoever covers now and the team's supervisor may reply while care is
    /// active (<see cref="MessagingRule"/>). Everyone else is answered null, so not found.
    /// The read is audited when <paramref name="auditRead"/>.
    /// </summary>
    public async Task<ConversationAccess?> Conversation(PersonId? person, ClaimsPrincipal user, bool auditRead, CancellationToken ct)
    {
        PersonId id;
        AccessBasis basis;
        CurrentStaff? staff = null;
        CurrentPatient? patient = PatientOnly(user);
        string? staffSeesName = null;
        if (patient is not null)
        {
            if (person is { } asked && asked != patient.PersonId) return null;
            (id, basis) = (patient.PersonId, AccessBasis.CareTeam);
        }
        else
        {
            if (person is not { } asked) return null;
            var decided = await Decide(asked, user, tracked: false, ct);
            if (decided is null) return null;
            (id, basis, staff, staffSeesName) = (asked, decided.Basis, decided.Reader, decided.Person.DisplayName);
        }

        // Everything the page needs around the conversation, and the read's audit event, in one round
        // trip: a message is sent, and its page read, many times a minute in a busy team.
        var now = clock.GetUtcNow();
        await using var batch = dataSource.CreateBatch();
        var about = new NpgsqlBatchCommand(ConversationAboutSql);
        about.Parameters.Add(new() { Value = id.Value });
        batch.BatchCommands.Add(about);
        var responders = new NpgsqlBatchCommand(RespondersSql);
        responders.Parameters.Add(new() { Value = id.Value });
        responders.Parameters.Add(new() { Value = now });
        batch.BatchCommands.Add(responders);
        if (auditRead)
            batch.BatchCommands.Add(audit.ReadStatement("Conversation", id.ToString(), id.Value, BreakGlassNote(basis), "EXISTS (SELECT 1 FROM persons WHERE id = $9)"));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var name = staffSeesName ?? reader.GetString(0);
        var careTeam = new TeamId(reader.GetGuid(1));
        var teamName = reader.GetString(2);
        var hours = HoursOf(reader.GetString(3));
        var replyWithin = reader.GetInt32(4);
        var crisisRules = reader.GetFieldValue<Guid[]>(5);
        await reader.NextResultAsync(ct);
        var named = new List<StaffId>();
        var covering = new List<StaffId>();
        var found = new List<Responder>();
        while (await reader.ReadAsync(ct))
        {
            var who = new StaffId(reader.GetGuid(1));
            var displayName = reader.IsDBNull(2) ? null : reader.GetString(2);
            switch (reader.GetInt32(0))
            {
                case 0:
                    named.Add(who);
                    found.Add(new Responder(who, displayName ?? "a former member of staff", "named practitioner"));
                    break;
                case 1:
                    covering.Add(who);
                    found.Add(new Responder(who, displayName ?? "a colleague",
                        "covering until " + UkTime.FormatDate(UkTime.DateOf(reader.GetFieldValue<DateTimeOffset>(3)))));
                    break;
                default:
                    found.Add(new Responder(who, displayName ?? "", "the team's supervisor"));
                    break;
            }
        }
        // Messages are read only while care is active: an active pathway has its named practitioner.
        var careIsActive = named.Count > 0;
        IReadOnlyList<Responder> answering = careIsActive ? [.. found.DistinctBy(r => r.Id)] : [];
        MessageSender sender;
        bool mayWrite;
        if (staff is null)
        {
            sender = MessageSender.Patient(patient!.AccountId, patient.Name.Length > 0 ? patient.Name : name);
            mayWrite = careIsActive;
        }
        else
        {
            sender = MessageSender.Staff(staff.Id, staff.Name);
            mayWrite = MessagingRule.MayReply(basis, staff.Role, staff.Id, staff.TeamId, careTeam, careIsActive, [.. named.Distinct()], covering);
        }
        return new ConversationAccess(id, name, careTeam, teamName, hours, replyWithin, careIsActive, basis, sender, mayWrite, answering)
        {
            TeamCrisisRules = crisisRules,
        };
    }

    /// <summary>
    /// The person's name as their team knows them, their team with its reading hours and reply
    /// time, and the ids of the crisis rules the team has added that are in force, oldest first.
    /// </summary>
    private const string ConversationAboutSql =
        """
        SELECT coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name, p.care_team_id, t.name,
               t.message_reading_hours, t.message_reply_within_hours,
               ARRAY(SELECT r.id FROM team_crisis_rules r WHERE r.team_id = t.id AND r.retired_at IS NULL ORDER BY r.added_at, r.id)
        FROM persons p JOIN teams t ON t.id = p.care_team_id
        WHERE p.id = $1
        """;

    /// <summary>
    /// Who answers the person: the named practitioner of each active pathway (0), whoever covers
    /// one now (1), and the team's active supervisors (2); names of staff who have left are null.
    /// </summary>
    private static readonly string RespondersSql =
        $"""
        SELECT 0, a.named_practitioner_id, u.display_name, NULL::timestamptz, a.started_at
        FROM pathways a LEFT JOIN user_accounts u ON u.id = a.named_practitioner_id
        WHERE a.person_id = $1 AND a.status = {(int)PathwayStatus.Active}
        UNION ALL
        SELECT 1, v.covering_practitioner_id, u.display_name, v.ends_at, v.starts_at
        FROM pathways a JOIN pathway_covers v ON v.pathway_id = a.id LEFT JOIN user_accounts u ON u.id = v.covering_practitioner_id
        WHERE a.person_id = $1 AND a.status = {(int)PathwayStatus.Active} AND v.ended_at IS NULL AND v.starts_at <= $2 AND v.ends_at > $2
        UNION ALL
        SELECT 2, u.id, u.display_name, NULL::timestamptz, NULL::timestamptz
        FROM persons p JOIN user_accounts u ON u.team_id = p.care_team_id AND u.role = {(int)StaffRole.Supervisor} AND u.is_active
        WHERE p.id = $1
        ORDER BY 1, 5, 2
        """;

    /// <summary>Reading hours as stored are a handful of strings across a deployment: each is read once.</summary>
    private static ReadingHours HoursOf(string stored)
    {
        if (ParsedHours.TryGetValue(stored, out var hours)) return hours;
        if (ParsedHours.Count > 1000) ParsedHours.Clear();
        return ParsedHours[stored] = ReadingHours.Parse(stored, UkTime.Zone);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ReadingHours> ParsedHours = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether a live page may be sent a person's conversation as it happens (the hub's groups),
    /// and on what basis: the same rule as <see cref="Conversation"/>, a patient only their own,
    /// without what a page shows around it. Null when not. The caller audits what it sends.
    /// </summary>
    public async Task<AccessBasis?> WatchConversation(PersonId person, ClaimsPrincipal user, CancellationToken ct)
    {
        if (PatientOnly(user) is { } patient) return person == patient.PersonId ? AccessBasis.CareTeam : null;
        return (await Decide(person, user, tracked: false, ct))?.Basis;
    }

    /// <summary>
    /// A duty alert, for the clinicians of the team it was raised for (the practitioners and the
    /// supervisor who may be sent it, and who may take it on); anyone else, another team's
    /// clinicians, an administrator, a patient or a receiving service, is answered null, so not
    /// found. Tracked when it is to be changed. The caller audits the read or the change.
    /// </summary>
    public async Task<AlertAccess?> DutyAlertForTeam(DutyAlertId id, ClaimsPrincipal user, bool tracked, CancellationToken ct)
    {
        if (IsReceivingService(user, out _) || CurrentStaff.From(user) is not { IsClinical: true, TeamId: { } team } staff) return null;
        var alerts = tracked ? db.DutyAlerts : db.DutyAlerts.AsNoTracking();
        var alert = await alerts.FirstOrDefaultAsync(a => a.Id == id && a.TeamId == team, ct);
        return alert is null ? null : new AlertAccess(alert, staff);
    }

    /// <summary>A patient's session, and only that: one that also reads as staff or as a service's is damaged, not trusted twice.</summary>
    private static CurrentPatient? PatientOnly(ClaimsPrincipal user) =>
        CurrentPatient.From(user) is { } patient && !IsReceivingService(user, out _) && CurrentStaff.From(user) is null ? patient : null;

    private static readonly Func<AftercareDb, PersonId, CancellationToken, Task<Person?>> PersonById =
        EF.CompileAsyncQuery((AftercareDb db, PersonId id, CancellationToken ct) => db.Persons.AsNoTracking().FirstOrDefault(p => p.Id == id));

    private async Task<PersonAccess?> Decide(PersonId id, ClaimsPrincipal user, bool tracked, CancellationToken ct)
    {
        // A receiving service's user is known by their own role first, so nothing they carry is
        // ever read as a staff role.
        var isService = IsReceivingService(user, out var service);
        var staff = isService ? null : CurrentStaff.From(user);
        if (!isService && (staff is null || !staff.IsClinical)) return null;
        var person = tracked ? await db.Persons.FirstOrDefaultAsync(p => p.Id == id, ct) : await PersonById(db, id, ct);
        if (person is null) return null;
        AccessBasis basis;
        if (staff is null)
        {
            basis = service is { } reader ? CareAccessRule.DecideForReceivingService(reader, person.CareTeamId) : AccessBasis.None;
        }
        else
        {
            var glass = false;
            if (person.CareTeamId != staff.TeamId && staff.Role == StaffRole.Practitioner)
            {
                var now = clock.GetUtcNow();
                glass = await db.BreakGlassGrants.AnyAsync(g => g.StaffId == staff.Id && g.PersonId == id && g.ExpiresAt > now, ct);
            }
            basis = CareAccessRule.Decide(staff.Role, staff.TeamId, person.CareTeamId, glass);
        }
        // The record as its care team reads it, always with the member of staff who reads it.
        return basis == AccessBasis.None || staff is null ? null : new PersonAccess(person, basis, staff);
    }

    /// <summary>
    /// Whether the reader is someone of a receiving service: by their role claim even when their
    /// service cannot be read, so a damaged session is refused rather than read as staff.
    /// </summary>
    private static bool IsReceivingService(ClaimsPrincipal user, out ServiceId? service)
    {
        service = CurrentServiceUser.From(user)?.ServiceId;
        return user.IsInRole(AftercareClaims.ServiceRole) || service is not null;
    }
}
