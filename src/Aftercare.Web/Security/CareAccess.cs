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
}

/// <summary>
/// The one place that decides whether a member of staff may see or change a person's record, and
/// that writes the audit event for every read; a receiving service's user never may. Pages ask
/// here and treat null as "not found": a record outside someone's reach is never confirmed to
/// exist by the page that shows it.
/// </summary>
public sealed class CareAccess(AftercareDb db, AuditTrail audit, TimeProvider clock)
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
        var now = clock.GetUtcNow();
        PersonId id;
        string name;
        TeamId careTeam;
        MessageSender reader;
        AccessBasis basis;
        CurrentStaff? staff = null;
        if (PatientOnly(user) is { } patient)
        {
            if (person is { } asked && asked != patient.PersonId) return null;
            var own = await db.Persons.AsNoTracking().Where(p => p.Id == patient.PersonId)
                .Select(p => new { Name = (p.PreferredName ?? p.GivenName) + " " + p.FamilyName, p.CareTeamId }).FirstOrDefaultAsync(ct);
            if (own is null) return null;
            (id, name, careTeam, basis) = (patient.PersonId, own.Name, own.CareTeamId, AccessBasis.CareTeam);
            reader = MessageSender.Patient(patient.AccountId, patient.Name.Length > 0 ? patient.Name : own.Name);
        }
        else
        {
            if (person is not { } asked) return null;
            var decided = await Decide(asked, user, tracked: false, ct);
            if (decided is null) return null;
            staff = decided.Reader;
            (id, name, careTeam, basis) = (asked, decided.Person.DisplayName, decided.Person.CareTeamId, decided.Basis);
            reader = MessageSender.Staff(staff.Id, staff.Name);
        }

        var team = await db.Teams.AsNoTracking().Where(t => t.Id == careTeam)
            .Select(t => new { t.Name, t.MessageReadingHours, t.MessageReplyWithinHours }).FirstAsync(ct);
        var pathways = await db.Pathways.AsNoTracking().Where(p => p.PersonId == id && p.Status == PathwayStatus.Active)
            .Select(p => new
            {
                p.NamedPractitionerId,
                Covering = p.Covers.Where(c => c.EndedAt == null && c.StartsAt <= now && c.EndsAt > now).Select(c => new { c.CoveringPractitionerId, c.EndsAt }).ToList(),
            }).ToListAsync(ct);
        var named = pathways.Select(p => p.NamedPractitionerId).Distinct().ToList();
        var covering = pathways.SelectMany(p => p.Covering).ToList();
        var ids = named.Concat(covering.Select(c => c.CoveringPractitionerId)).Select(s => s.Value).Distinct().ToList();
        var people = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id) || (u.TeamId == careTeam && u.Role == StaffRole.Supervisor && u.IsActive))
            .Select(u => new { u.Id, u.DisplayName, u.Role, u.TeamId }).ToListAsync(ct);
        var names = people.ToDictionary(u => u.Id, u => u.DisplayName);
        var careIsActive = pathways.Count > 0;
        var responders = careIsActive
            ? named.Select(n => new Responder(n, names.GetValueOrDefault(n.Value, "a former member of staff"), "named practitioner"))
                .Concat(covering.Select(c => new Responder(c.CoveringPractitionerId, names.GetValueOrDefault(c.CoveringPractitionerId.Value, "a colleague"),
                    "covering until " + UkTime.FormatDate(UkTime.DateOf(c.EndsAt)))))
                .Concat(people.Where(u => u.Role == StaffRole.Supervisor && u.TeamId == careTeam).Select(u => new Responder(new StaffId(u.Id), u.DisplayName, "the team's supervisor")))
                .DistinctBy(r => r.Id).ToList()
            : [];
        var mayWrite = staff is null
            ? careIsActive
            : MessagingRule.MayReply(basis, staff.Role, staff.Id, staff.TeamId, careTeam, careIsActive, named, [.. covering.Select(c => c.CoveringPractitionerId)]);
        if (auditRead)
            await audit.WriteReadAsync("Conversation", id.ToString(), id.Value, BreakGlassNote(basis), ct);
        return new ConversationAccess(id, name, careTeam, team.Name, ReadingHours.Parse(team.MessageReadingHours, UkTime.Zone), team.MessageReplyWithinHours,
            careIsActive, basis, reader, mayWrite, responders);
    }

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
