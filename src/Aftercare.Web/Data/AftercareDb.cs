using System.Text.Json;
using Aftercare.Domain.Access;
using Aftercare.Domain.Assessments;
using Aftercare.Domain.Common;
using Aftercare.Domain.Directory;
using Aftercare.Domain.Messaging;
using Aftercare.Domain.Narratives;
using Aftercare.Domain.Organisation;
using Aftercare.Domain.Pathways;
using Aftercare.Domain.Patients;
using Aftercare.Domain.Presentations;
using Aftercare.Domain.Referrals;
using Aftercare.Domain.SafetyPlans;
using Aftercare.Domain.Sessions;
using Aftercare.Domain.Staff;
using Aftercare.Domain.Supervision;
using Aftercare.Web.Jobs;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Aftercare.Web.Data;

public sealed class AftercareDb(DbContextOptions<AftercareDb> options) : IdentityUserContext<UserAccount, Guid>(options)
{
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<Presentation> Presentations => Set<Presentation>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<BreakGlassGrant> BreakGlassGrants => Set<BreakGlassGrant>();
    public DbSet<StaffInvitation> StaffInvitations => Set<StaffInvitation>();
    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<NarrativeInterview> Narratives => Set<NarrativeInterview>();
    public DbSet<SafetyPlan> SafetyPlans => Set<SafetyPlan>();
    public DbSet<SafetyPlanVersion> SafetyPlanVersions => Set<SafetyPlanVersion>();
    public DbSet<ShareLink> ShareLinks => Set<ShareLink>();
    public DbSet<PatientInvitation> PatientInvitations => Set<PatientInvitation>();
    public DbSet<Pathway> Pathways => Set<Pathway>();
    public DbSet<PlannedContact> PlannedContacts => Set<PlannedContact>();
    public DbSet<PathwayCover> PathwayCovers => Set<PathwayCover>();
    public DbSet<CareSession> CareSessions => Set<CareSession>();
    public DbSet<AftercareLetter> Letters => Set<AftercareLetter>();
    public DbSet<DueWork> DueWork => Set<DueWork>();
    public DbSet<AftercareService> Services => Set<AftercareService>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<ConversationRead> ConversationReads => Set<ConversationRead>();
    public DbSet<DutyShift> DutyShifts => Set<DutyShift>();
    public DbSet<TeamCrisisRule> TeamCrisisRules => Set<TeamCrisisRule>();
    public DbSet<DutyAlert> DutyAlerts => Set<DutyAlert>();
    public DbSet<SupervisorNote> SupervisorNotes => Set<SupervisorNote>();
    public DbSet<SupervisionSession> SupervisionSessions => Set<SupervisionSession>();
    public DbSet<SupervisionAction> SupervisionActions => Set<SupervisionAction>();
    public DbSet<SupervisionAddendum> SupervisionAddenda => Set<SupervisionAddendum>();
    public DbSet<TrainingModule> TrainingModules => Set<TrainingModule>();
    public DbSet<TrainingRecord> TrainingRecords => Set<TrainingRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<PersonId>().HaveConversion<PersonIdConverter>();
        builder.Properties<PresentationId>().HaveConversion<PresentationIdConverter>();
        builder.Properties<SiteId>().HaveConversion<SiteIdConverter>();
        builder.Properties<TeamId>().HaveConversion<TeamIdConverter>();
        builder.Properties<StaffId>().HaveConversion<StaffIdConverter>();
        builder.Properties<AssessmentId>().HaveConversion<AssessmentIdConverter>();
        builder.Properties<NarrativeId>().HaveConversion<NarrativeIdConverter>();
        builder.Properties<SafetyPlanId>().HaveConversion<SafetyPlanIdConverter>();
        builder.Properties<PathwayId>().HaveConversion<PathwayIdConverter>();
        builder.Properties<PlannedContactId>().HaveConversion<PlannedContactIdConverter>();
        builder.Properties<CareSessionId>().HaveConversion<CareSessionIdConverter>();
        builder.Properties<LetterId>().HaveConversion<LetterIdConverter>();
        builder.Properties<ServiceId>().HaveConversion<ServiceIdConverter>();
        builder.Properties<ReferralId>().HaveConversion<ReferralIdConverter>();
        builder.Properties<ServiceUserId>().HaveConversion<ServiceUserIdConverter>();
        builder.Properties<ConversationId>().HaveConversion<ConversationIdConverter>();
        builder.Properties<MessageId>().HaveConversion<MessageIdConverter>();
        builder.Properties<DutyShiftId>().HaveConversion<DutyShiftIdConverter>();
        builder.Properties<DutyAlertId>().HaveConversion<DutyAlertIdConverter>();
        builder.Properties<SupervisorNoteId>().HaveConversion<SupervisorNoteIdConverter>();
        builder.Properties<SupervisionSessionId>().HaveConversion<SupervisionSessionIdConverter>();
        builder.Properties<SupervisionActionId>().HaveConversion<SupervisionActionIdConverter>();
        builder.Properties<TrainingModuleId>().HaveConversion<TrainingModuleIdConverter>();
        builder.Properties<TrainingRecordId>().HaveConversion<TrainingRecordIdConverter>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<UserAccount>(e =>
        {
            e.ToTable("user_accounts");
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.HasIndex(u => u.TeamId);
            // One account per patient: their record is theirs alone.
            e.HasIndex(u => u.PersonId).IsUnique();
            e.HasOne<Person>().WithMany().HasForeignKey(u => u.PersonId).OnDelete(DeleteBehavior.Restrict);
            // A receiving service's users, listed for administrators on the service's page.
            e.HasIndex(u => u.ServiceId);
            e.HasOne<AftercareService>().WithMany().HasForeignKey(u => u.ServiceId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("user_account_claims");
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("user_account_logins");
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("user_account_tokens");

        b.Entity<Site>(e =>
        {
            e.ToTable("sites");
            e.Property(s => s.Name).HasMaxLength(200);
            e.Property(s => s.OdsCode).HasMaxLength(20);
            e.HasIndex(s => s.Name);
        });
        b.Entity<Team>(e =>
        {
            e.ToTable("teams");
            e.Property(t => t.Name).HasMaxLength(200);
            e.Property(t => t.VideoLink).HasMaxLength(500);
            // Defaults (Monday to Friday 9 to 5, a reply within 16 reading hours) are in migration 0018.
            e.Property(t => t.MessageReadingHours).HasMaxLength(200);
            e.HasOne<Site>().WithMany().HasForeignKey(t => t.SiteId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Person>(e =>
        {
            e.ToTable("persons");
            e.Property(p => p.NhsNumber).HasMaxLength(10);
            e.Property(p => p.GivenName).HasMaxLength(100);
            e.Property(p => p.FamilyName).HasMaxLength(100);
            e.Property(p => p.PreferredName).HasMaxLength(100);
            e.Property(p => p.Pronouns).HasMaxLength(50);
            e.Property(p => p.GenderIdentity).HasMaxLength(100);
            e.Property(p => p.EthnicCategory).HasMaxLength(1);
            e.Property(p => p.Postcode).HasMaxLength(10);
            e.Property(p => p.GpPractice).HasMaxLength(200);
            e.Property(p => p.Phone).HasMaxLength(40);
            e.Property(p => p.Email).HasMaxLength(254);
            e.Property(p => p.Contacts).HasColumnType("jsonb").HasConversion(
                new ValueConverter<List<PersonContact>, string>(
                    v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                    v => JsonSerializer.Deserialize<List<PersonContact>>(v, JsonSerializerOptions.Default) ?? new List<PersonContact>()),
                new ValueComparer<List<PersonContact>>(
                    (a, c) => (a ?? new List<PersonContact>()).SequenceEqual(c ?? new List<PersonContact>()),
                    v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x.GetHashCode())),
                    v => v.ToList()));
            e.Property<uint>("xmin").IsRowVersion();
            e.HasIndex(p => p.NhsNumber);
            e.HasIndex(p => new { p.CareTeamId, p.RegisteredAt });
            e.HasOne<Team>().WithMany().HasForeignKey(p => p.CareTeamId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Presentation>(e =>
        {
            e.ToTable("presentations");
            e.HasIndex(p => new { p.PersonId, p.ArrivedAt });
            e.HasIndex(p => new { p.TeamId, p.ArrivedAt });
            e.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Site>().WithMany().HasForeignKey(p => p.SiteId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Team>().WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<AuditEvent>(e =>
        {
            e.ToTable("audit_events");
            e.Property(a => a.Id).UseIdentityAlwaysColumn();
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.EntityType).HasMaxLength(40);
            e.Property(a => a.EntityId).HasMaxLength(64);
            e.Property(a => a.ActorName).HasMaxLength(200);
            e.Property(a => a.ActorRole).HasMaxLength(40);
            e.Property(a => a.IpAddress).HasMaxLength(64);
            e.Property(a => a.UserAgent).HasMaxLength(300);
            e.HasIndex(a => new { a.PersonId, a.OccurredAt });
            e.HasIndex(a => new { a.ActorId, a.OccurredAt });
        });

        b.Entity<BreakGlassGrant>(e =>
        {
            e.ToTable("break_glass_grants");
            e.HasIndex(g => new { g.StaffId, g.PersonId, g.ExpiresAt });
            e.HasIndex(g => new { g.RecordTeamId, g.GrantedAt });
        });

        b.Entity<StaffInvitation>(e =>
        {
            e.ToTable("staff_invitations");
            e.Property(i => i.CodeHash).HasMaxLength(64);
            e.HasIndex(i => i.CodeHash).IsUnique();
        });

        b.Entity<AuthSession>(e =>
        {
            e.ToTable("auth_sessions");
            e.HasIndex(s => s.UserId);
        });

        b.Entity<Assessment>(e =>
        {
            e.ToTable("assessments");
            e.Property(a => a.Sections).HasColumnType("jsonb").HasConversion(JsonColumn(AssessmentSections.Empty));
            e.Property<uint>("xmin").IsRowVersion();
            // One assessment per presentation: a second attendance gets its own.
            e.HasIndex(a => a.PresentationId).IsUnique();
            e.HasIndex(a => a.PersonId);
            e.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Presentation>().WithMany().HasForeignKey(a => a.PresentationId).OnDelete(DeleteBehavior.Restrict);
            e.OwnsMany(a => a.Addenda, o =>
            {
                o.ToTable("assessment_addenda");
                o.WithOwner().HasForeignKey("AssessmentId");
                o.HasKey(x => x.Id);
                o.Property(x => x.Id).ValueGeneratedNever();
                o.Property(x => x.AddedByName).HasMaxLength(200);
            });
        });

        b.Entity<NarrativeInterview>(e =>
        {
            e.ToTable("narrative_interviews");
            e.HasIndex(n => new { n.PersonId, n.RecordedAt });
            e.HasOne<Person>().WithMany().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<SafetyPlan>(e =>
        {
            e.ToTable("safety_plans");
            e.Property(p => p.CurrentContent).HasColumnType("jsonb").HasConversion(JsonColumn(SafetyPlanContent.Empty));
            e.ComplexProperty(p => p.UpdatedBy, AuthorColumns);
            e.Property<uint>("xmin").IsRowVersion();
            // One plan per person: it is revised, never replaced.
            e.HasIndex(p => p.PersonId).IsUnique();
            e.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<SafetyPlanVersion>(e =>
        {
            e.ToTable("safety_plan_versions");
            e.Property(v => v.Id).ValueGeneratedNever();
            e.Property(v => v.Content).HasColumnType("jsonb").HasConversion(JsonColumn(SafetyPlanContent.Empty));
            e.ComplexProperty(v => v.SavedBy, AuthorColumns);
            // Two saves of the same version number can never both land, whatever the application does.
            e.HasIndex(v => new { v.SafetyPlanId, v.Number }).IsUnique();
            e.HasOne<SafetyPlan>().WithMany().HasForeignKey(v => v.SafetyPlanId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<ShareLink>(e =>
        {
            e.ToTable("share_links");
            e.Property(l => l.Id).ValueGeneratedNever();
            e.Property(l => l.TokenHash).HasMaxLength(64);
            e.Property(l => l.RecipientName).HasMaxLength(ShareLink.MaxRecipientNameLength);
            e.ComplexProperty(l => l.CreatedBy, AuthorColumns);
            e.HasIndex(l => l.TokenHash).IsUnique();
            e.HasIndex(l => new { l.PersonId, l.CreatedAt });
            e.HasOne<SafetyPlan>().WithMany().HasForeignKey(l => l.SafetyPlanId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(l => l.PersonId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<PatientInvitation>(e =>
        {
            e.ToTable("patient_invitations");
            e.Property(i => i.Id).ValueGeneratedNever();
            e.Property(i => i.CodeHash).HasMaxLength(64);
            e.HasIndex(i => i.CodeHash).IsUnique();
            e.HasIndex(i => new { i.PersonId, i.CreatedAt });
            e.HasOne<Person>().WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Restrict);
        });

        MapPathways(b);
        MapDirectory(b);
        MapReferrals(b);
        MapMessaging(b);
        MapSupervision(b);
        SnakeCaseNames.Apply(b);
    }

    private static void MapPathways(ModelBuilder b)
    {
        b.Entity<Pathway>(e =>
        {
            e.ToTable("pathways");
            e.Property(p => p.DefinitionCode).HasMaxLength(40);
            e.Property(p => p.DefinitionName).HasMaxLength(200);
            e.Ignore(p => p.OpenContacts);
            e.Property<uint>("xmin").IsRowVersion();
            // One pathway per assessment: signing off twice can never start two clocks.
            e.HasIndex(p => p.AssessmentId).IsUnique();
            e.HasIndex(p => new { p.PersonId, p.StartedAt });
            e.HasIndex(p => new { p.NamedPractitionerId, p.Status });
            e.HasIndex(p => new { p.TeamId, p.Status });
            // The people a practitioner is named for now, from the index alone: the header's count of
            // conversations with unread messages and "my work" start here on every page.
            e.HasIndex(p => p.NamedPractitionerId, "ix_pathways_active_by_named_practitioner").HasFilter("status = 1").IncludeProperties(p => p.PersonId);
            // Caseloads against the team's limit on the dashboards: the active pathways of a team, by practitioner.
            e.HasIndex(p => new { p.TeamId, p.NamedPractitionerId }, "ix_pathways_active_by_team").HasFilter("status = 1");
            e.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Team>().WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Assessment>().WithMany().HasForeignKey(p => p.AssessmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(p => p.Contacts).WithOne().HasForeignKey(c => c.PathwayId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(p => p.Covers).WithOne().HasForeignKey(c => c.PathwayId).OnDelete(DeleteBehavior.Restrict);
            e.OwnsMany(p => p.PractitionerChanges, o =>
            {
                o.ToTable("pathway_practitioner_changes");
                o.WithOwner().HasForeignKey("PathwayId");
                o.HasKey(x => x.Id);
                o.Property(x => x.Id).ValueGeneratedNever();
                o.Property(x => x.Reason).HasMaxLength(Pathway.MaxReasonLength);
            });
        });

        b.Entity<PlannedContact>(e =>
        {
            e.ToTable("planned_contacts");
            e.Property(c => c.Key).HasMaxLength(40);
            e.Property(c => c.Label).HasMaxLength(200);
            e.Property(c => c.ClosedReason).HasMaxLength(Pathway.MaxReasonLength);
            // Two people recording or closing the same contact at once: the second is told, never silently wins.
            e.Property<uint>("xmin").IsRowVersion();
            e.HasIndex(c => new { c.PathwayId, c.Sequence }).IsUnique();
            e.HasIndex(c => new { c.PersonId, c.DueAt });
            // The worklists read only open contacts, by practitioner or by team, in due order. Each
            // carries what its worklist shows, so that a page is read from the index alone and stops
            // at its last row (migration 0025).
            e.HasIndex(c => new { c.PractitionerId, c.DueAt, c.Id }).HasFilter("status = 1").HasDatabaseName("ix_planned_contacts_open_by_practitioner")
                .IncludeProperties(c => new { c.OpensAt, c.PathwayId, c.PersonId, c.Kind, c.Label });
            e.HasIndex(c => new { c.TeamId, c.DueAt, c.Id }).HasFilter("status = 1").HasDatabaseName("ix_planned_contacts_open_by_team")
                .IncludeProperties(c => new { c.OpensAt, c.PathwayId, c.PersonId, c.PractitionerId, c.Kind, c.Label });
            // ... and by when they open, for how many open or fall due within the worklists' 14
            // days: counted from the keys (and the due time, "my work" counting only the rest).
            e.HasIndex(c => new { c.PractitionerId, c.OpensAt }).HasFilter("status = 1").HasDatabaseName("ix_planned_contacts_open_by_practitioner_opening")
                .IncludeProperties(c => new { c.DueAt });
            e.HasIndex(c => new { c.TeamId, c.OpensAt }).HasFilter("status = 1").HasDatabaseName("ix_planned_contacts_open_by_team_opening");
        });

        b.Entity<DutyShift>(e =>
        {
            e.ToTable("duty_shifts", t => t.HasCheckConstraint("ck_duty_shifts_ends_after_start", "ends_at > starts_at"));
            e.Property(s => s.Id).ValueGeneratedNever();
            e.HasIndex(s => new { s.TeamId, s.EndsAt });
            e.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Restrict);
            e.Ignore(s => s.Until);
        });

        b.Entity<TeamCrisisRule>(e =>
        {
            e.ToTable("team_crisis_rules");
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.RuleId).HasMaxLength(CrisisRule.MaxIdLength);
            e.Property(r => r.Name).HasMaxLength(CrisisRule.MaxNameLength);
            e.Property(r => r.Reason).HasMaxLength(CrisisRule.MaxReasonLength);
            e.Property(r => r.Groups).HasColumnType("jsonb").HasConversion(new ValueConverter<List<List<string>>, string>(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => JsonSerializer.Deserialize<List<List<string>>>(v, JsonSerializerOptions.Default) ?? new List<List<string>>()),
                new ValueComparer<List<List<string>>>((a, b) => JsonSerializer.Serialize(a, JsonSerializerOptions.Default) == JsonSerializer.Serialize(b, JsonSerializerOptions.Default),
                    v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default).GetHashCode(), v => v.Select(g => g.ToList()).ToList()));
            e.HasIndex(r => new { r.TeamId, r.RuleId }).IsUnique();
            e.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Restrict);
            e.Ignore(r => r.IsInForce);
        });

        b.Entity<PathwayCover>(e =>
        {
            e.ToTable("pathway_covers");
            e.Property(c => c.Id).ValueGeneratedNever();
            e.Property(c => c.Reason).HasMaxLength(Pathway.MaxReasonLength);
            e.HasIndex(c => new { c.CoveringPractitionerId, c.EndsAt }).HasFilter("ended_at IS NULL")
                .IncludeProperties(c => new { c.StartsAt, c.PathwayId, c.CoveredPractitionerId });
        });

        b.Entity<CareSession>(e =>
        {
            e.ToTable("care_sessions");
            e.Property(s => s.PractitionerName).HasMaxLength(200);
            e.ComplexProperty(s => s.SolutionFocused);
            e.Property(s => s.Alliance).HasColumnType("jsonb").HasConversion(new ValueConverter<AllianceRating?, string?>(
                v => v == null ? null : JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => v == null ? null : JsonSerializer.Deserialize<AllianceRating>(v, JsonSerializerOptions.Default)));
            e.Property(s => s.ReEngagement).HasColumnType("jsonb").HasConversion(
                new ValueConverter<List<ReEngagementAttempt>, string>(
                    v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                    v => JsonSerializer.Deserialize<List<ReEngagementAttempt>>(v, JsonSerializerOptions.Default) ?? new List<ReEngagementAttempt>()),
                new ValueComparer<List<ReEngagementAttempt>>(
                    (a, c) => (a ?? new List<ReEngagementAttempt>()).SequenceEqual(c ?? new List<ReEngagementAttempt>()),
                    v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x.GetHashCode())),
                    v => v.ToList()));
            e.Property<uint>("xmin").IsRowVersion();
            e.HasIndex(s => new { s.PersonId, s.OccurredAt });
            e.HasIndex(s => s.PlannedContactId);
            e.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Pathway>().WithMany().HasForeignKey(s => s.PathwayId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<AftercareLetter>(e =>
        {
            e.ToTable("aftercare_letters");
            e.Property(l => l.Body).HasMaxLength(AftercareLetter.MaxBodyLength);
            e.Property(l => l.ApprovedByName).HasMaxLength(200);
            e.Property<uint>("xmin").IsRowVersion();
            // One letter for each letter of the pathway, however often the timer or a person asks for it.
            e.HasIndex(l => l.PlannedContactId).IsUnique();
            e.HasIndex(l => l.PersonId);
            e.HasOne<PlannedContact>().WithMany().HasForeignKey(l => l.PlannedContactId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Pathway>().WithMany().HasForeignKey(l => l.PathwayId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<DueWork>(e =>
        {
            e.ToTable("due_work");
            e.Property(w => w.Id).UseIdentityAlwaysColumn();
            e.Property(w => w.Kind).HasMaxLength(40);
            e.Property(w => w.FiredBy).HasMaxLength(100);
            e.Property(w => w.LastError).HasMaxLength(2000);
            // Each thing is scheduled once.
            e.HasIndex(w => new { w.Kind, w.SubjectId }).IsUnique();
            e.HasIndex(w => w.DueAt).HasFilter("fired_at IS NULL").HasDatabaseName("ix_due_work_waiting");
        });
    }

    private static void MapDirectory(ModelBuilder b)
    {
        b.Entity<AftercareService>(e =>
        {
            e.ToTable("aftercare_services");
            e.Property(s => s.OpenReferralId).HasMaxLength(AftercareService.MaxOpenReferralIdLength);
            e.Property(s => s.Name).HasMaxLength(AftercareService.MaxNameLength);
            e.Property(s => s.Provider).HasMaxLength(AftercareService.MaxProviderLength);
            e.Property(s => s.Description).HasMaxLength(AftercareService.MaxDescriptionLength);
            e.Property(s => s.HowToRefer).HasMaxLength(AftercareService.MaxHowToReferLength);
            e.Property(s => s.UpdatedByName).HasMaxLength(200);
            e.ComplexProperty(s => s.Contacts, c =>
            {
                c.Property(x => x.Phone).HasMaxLength(40);
                c.Property(x => x.Email).HasMaxLength(254);
                c.Property(x => x.Website).HasMaxLength(500);
                c.Property(x => x.AddressLine1).HasMaxLength(200);
                c.Property(x => x.AddressLine2).HasMaxLength(200);
                c.Property(x => x.Town).HasMaxLength(100);
                c.Property(x => x.Postcode).HasMaxLength(10);
            });
            e.Property(s => s.Hours).HasColumnType("jsonb").HasConversion(JsonColumn(OpeningHours.NotRecorded));
            // Two administrators editing the same service: the second is told, never silently wins.
            e.Property<uint>("xmin").IsRowVersion();
            // Importing the same published directory again updates its services instead of adding them twice.
            e.HasIndex(s => s.OpenReferralId).IsUnique();
            // A search by area or by need asks "does this array hold any of these?": GIN answers that from the index.
            e.HasIndex(s => s.AreaKeys).HasMethod("gin");
            e.HasIndex(s => s.Needs).HasMethod("gin");
            e.HasIndex(s => new { s.IsActive, s.Name });
            // "Covering the area, or national": the national services from an index of their own, so both halves come from indexes.
            e.HasIndex(s => s.IsNational).HasFilter("is_national").HasDatabaseName("ix_aftercare_services_national");
        });
    }

    private static void MapReferrals(ModelBuilder b)
    {
        b.Entity<Referral>(e =>
        {
            e.ToTable("referrals");
            e.Property(r => r.ServiceName).HasMaxLength(Referral.MaxServiceNameLength);
            e.Property(r => r.ReferrerName).HasMaxLength(200);
            e.Property(r => r.SentByName).HasMaxLength(200);
            e.Property(r => r.DeclineExplanation).HasMaxLength(Referral.MaxExplanationLength);
            e.Property(r => r.DeclineAlternativeService).HasMaxLength(Referral.MaxServiceNameLength);
            e.Property(r => r.DeclinedByName).HasMaxLength(200);
            e.Property(r => r.ClosureDetail).HasMaxLength(Referral.MaxDetailLength);
            // The letter is one document, changed section by section and fixed once sent: kept whole, as the safety plan's content is.
            e.Property(r => r.Letter).HasColumnType("jsonb").HasConversion(new ValueConverter<ReferralLetter, string>(
                v => ReferralLetterJson.Write(v), v => ReferralLetterJson.Read(v)));
            e.Ignore(r => r.OpenEscalation);
            e.Ignore(r => r.ContributorsStillToAdd);
            // Two people changing the same referral (a colleague adding their part as it is sent, two people recording the
            // service's answer): the second is told, never silently wins. Every change of the aggregate updates this row.
            e.Property<uint>("xmin").IsRowVersion();
            e.HasIndex(r => new { r.PersonId, r.DraftedAt });
            // The receiving service's inbox: what has been sent to it, by where it stands. Drafts are the referrer's alone.
            e.HasIndex(r => new { r.ServiceId, r.Status, r.SentAt }).HasFilter("sent_at IS NOT NULL").HasDatabaseName("ix_referrals_sent_by_service");
            // Its answered ones (declined, seen, closed), most recently sent first, a page at a time.
            e.HasIndex(r => new { r.ServiceId, r.SentAt }).IsDescending(false, true).HasFilter("sent_at IS NOT NULL AND status IN (4, 7, 8)")
                .HasDatabaseName("ix_referrals_answered_by_service");
            // The team's standing declines contrary to NICE NG225: few at any time, read on every team worklist, so a small
            // index holding what the worklist shows.
            e.HasIndex(r => new { r.TeamId, r.DeclinedAt }).HasFilter("status = 4 AND is_contrary_to_guidance").HasDatabaseName("ix_referrals_declined_contrary_to_guidance")
                .IncludeProperties(r => new { r.Id, r.PersonId, r.ServiceName, r.DeclineReason });
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Presentation>().WithMany().HasForeignKey(r => r.PresentationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AftercareService>().WithMany().HasForeignKey(r => r.ServiceId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Restrict);
            e.OwnsMany(r => r.Contributors, o =>
            {
                o.ToTable("referral_contributors");
                o.WithOwner().HasForeignKey(x => x.ReferralId);
                o.HasKey(x => x.Id);
                o.Property(x => x.Id).ValueGeneratedNever();
                o.Property(x => x.Name).HasMaxLength(ReferralContributor.MaxNameLength);
                o.Property(x => x.Role).HasMaxLength(ReferralContributor.MaxNameLength);
                o.Property(x => x.Part).HasMaxLength(ReferralContributor.MaxPartLength);
                o.Property(x => x.PartWrittenByName).HasMaxLength(200);
                o.Property(x => x.RemovalReason).HasMaxLength(Referral.MaxDetailLength);
                // A colleague's list of letters waiting for their part.
                o.HasIndex(x => x.StaffId).HasFilter("part IS NULL AND removed_at IS NULL").HasDatabaseName("ix_referral_contributors_waiting_by_staff");
            });
            e.OwnsMany(r => r.Escalations, o =>
            {
                o.ToTable("referral_escalations");
                o.WithOwner().HasForeignKey(x => x.ReferralId);
                o.HasKey(x => x.Id);
                o.Property(x => x.Id).ValueGeneratedNever();
                o.Property(x => x.SeniorClinicianName).HasMaxLength(200);
                o.Property(x => x.Note).HasMaxLength(ReferralEscalation.MaxTextLength);
                o.Property(x => x.EscalatedByName).HasMaxLength(200);
                o.Property(x => x.OutcomeDetail).HasMaxLength(ReferralEscalation.MaxTextLength);
                o.Property(x => x.OutcomeRecordedByName).HasMaxLength(200);
            });
            e.OwnsMany(r => r.History, o =>
            {
                o.ToTable("referral_history");
                o.WithOwner().HasForeignKey(x => x.ReferralId);
                o.HasKey(x => x.Id);
                o.Property(x => x.Id).ValueGeneratedNever();
                o.Property(x => x.ByName).HasMaxLength(200);
                // Staff (by) or someone of the receiving service (by_service_user), exactly one: a CHECK in migration 0014.
                o.Ignore(x => x.IsByTheService);
                // Two saves appending the same step can never both land, whatever the application does.
                o.HasIndex(x => new { x.ReferralId, x.Sequence }).IsUnique();
            });
        });
    }

    private static void MapMessaging(ModelBuilder b)
    {
        b.Entity<Conversation>(e =>
        {
            e.ToTable("conversations");
            // One conversation per person. Carrying what the header and "my work" ask of it (is there
            // anything new from the person, are they waiting) lets them read it from the index alone.
            e.HasIndex(c => c.PersonId).IsUnique().IncludeProperties(c => new { c.Id, c.LastPatientSequence, c.AwaitingReplySince });
            e.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Message>(e =>
        {
            e.ToTable("messages");
            e.Property(m => m.SenderName).HasMaxLength(200);
            // Two messages can never take the same place, whatever the application does; the transcript
            // is read a page at a time from here, newest first.
            e.HasIndex(m => new { m.ConversationId, m.Sequence }).IsUnique();
            e.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<ConversationRead>(e =>
        {
            e.ToTable("conversation_reads");
            e.HasKey(r => new { r.ConversationId, r.UserId });
            e.HasOne<Conversation>().WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<UserAccount>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<DutyAlert>(e =>
        {
            // A flagged message without its alert is refused at commit, and the reverse by the key (migration 0020).
            e.ToTable("duty_alerts");
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.Reasons).HasColumnType("jsonb").HasConversion(new ValueConverter<IReadOnlyList<DutyAlertReason>, string>(
                    v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                    v => JsonSerializer.Deserialize<List<DutyAlertReason>>(v, JsonSerializerOptions.Default) ?? new List<DutyAlertReason>()),
                new ValueComparer<IReadOnlyList<DutyAlertReason>>(
                    (a, c) => JsonSerializer.Serialize(a, JsonSerializerOptions.Default) == JsonSerializer.Serialize(c, JsonSerializerOptions.Default),
                    v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default).GetHashCode(), v => v.ToList()));
            e.Property(a => a.ResponseNote).HasMaxLength(DutyAlert.MaxNoteLength);
            // Two people taking it on or responding at once, or an escalation at that moment: the second is told.
            e.Property<uint>("xmin").IsRowVersion();
            e.HasIndex(a => a.MessageId).IsUnique();
            e.HasIndex(a => new { a.TeamId, a.RaisedAt }).HasFilter("responded_at IS NULL").HasDatabaseName("ix_duty_alerts_open_by_team")
                .IncludeProperties(a => new { a.Id, a.DutyPractitionerId, a.AcknowledgedBy, a.EscalatedAt });
            e.HasIndex(a => new { a.TeamId, a.RaisedAt });
            e.HasIndex(a => a.PersonId);
            e.HasOne<Team>().WithMany().HasForeignKey(a => a.TeamId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Message>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Restrict);
            e.Ignore(a => a.IsOpen);
            e.Ignore(a => a.IsAcknowledged);
            e.Ignore(a => a.IsEscalated);
        });
        b.Entity<SupervisorNote>(e =>
        {
            // Append-only: the database refuses a change or a removal (migration 0020).
            e.ToTable("supervisor_notes");
            e.Property(n => n.Id).ValueGeneratedNever();
            e.Property(n => n.WrittenByName).HasMaxLength(200);
            e.Property(n => n.Body).HasMaxLength(SupervisorNote.MaxBodyLength);
            e.HasIndex(n => new { n.PersonId, n.WrittenAt });
            e.HasOne<Person>().WithMany().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    private static void MapSupervision(ModelBuilder b)
    {
        // Kept as recorded: the database refuses a change or removal of a session, its cases,
        // reviews and addenda, an action's history and a training record; an action changes once,
        // from open to closed, and is never removed (migration 0021).
        b.Entity<SupervisionSession>(e =>
        {
            e.ToTable("supervision_sessions");
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.SupervisorName).HasMaxLength(200);
            e.Property(s => s.PractitionerName).HasMaxLength(200);
            e.Property(s => s.RecordedByName).HasMaxLength(200);
            e.Property(s => s.Covered).HasMaxLength(SupervisionSession.MaxCoveredLength);
            e.HasIndex(s => new { s.PractitionerId, s.HeldOn });
            e.HasIndex(s => new { s.TeamId, s.HeldOn });
            e.HasOne<Team>().WithMany().HasForeignKey(s => s.TeamId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(s => s.Actions).WithOne().HasForeignKey(a => a.SupervisionSessionId).OnDelete(DeleteBehavior.Restrict);
            e.OwnsMany(s => s.Cases, o =>
            {
                o.ToTable("supervision_cases");
                o.WithOwner().HasForeignKey("SupervisionSessionId");
                o.HasKey(x => x.Id);
                o.Property(x => x.Id).ValueGeneratedNever();
                o.Property(x => x.Discussed).HasMaxLength(SupervisionSession.MaxDiscussedLength);
                o.HasIndex(x => x.PersonId);
                o.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
            });
            e.OwnsMany(s => s.Reviews, o =>
            {
                o.ToTable("supervision_reviews");
                o.WithOwner().HasForeignKey("SupervisionSessionId");
                o.HasKey(x => x.Id);
                o.Property(x => x.Id).ValueGeneratedNever();
                o.HasIndex(x => x.PersonId);
                o.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
                o.HasOne<CareSession>().WithMany().HasForeignKey(x => x.CareSessionId).OnDelete(DeleteBehavior.Restrict);
            });
        });
        b.Entity<SupervisionAction>(e =>
        {
            e.ToTable("supervision_actions");
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.Text).HasMaxLength(SupervisionAction.MaxTextLength);
            e.Property(a => a.ClosedByName).HasMaxLength(200);
            e.Property(a => a.ClosedNote).HasMaxLength(SupervisionAction.MaxNoteLength);
            e.Ignore(a => a.IsOpen);
            // The practitioner and the supervisor closing the same action at once: the second is told.
            e.Property<uint>("xmin").IsRowVersion();
            e.HasIndex(a => new { a.SupervisionSessionId, a.Position }).IsUnique();
            // Open actions by whoever carries them: "my supervision" and the line on "my work".
            e.HasIndex(a => new { a.OwnerId, a.DueOn }).HasFilter("status = 1").HasDatabaseName("ix_supervision_actions_open_by_owner");
            // The team's open actions for each practitioner: the supervisor's list and the dashboards.
            e.HasIndex(a => new { a.TeamId, a.PractitionerId }).HasFilter("status = 1").HasDatabaseName("ix_supervision_actions_open_by_team");
            e.HasIndex(a => new { a.PractitionerId, a.AgreedOn });
            e.HasOne<Team>().WithMany().HasForeignKey(a => a.TeamId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(a => a.AboutPersonId).OnDelete(DeleteBehavior.Restrict);
            e.OwnsMany(a => a.History, o =>
            {
                o.ToTable("supervision_action_history");
                o.WithOwner().HasForeignKey("SupervisionActionId");
                o.HasKey(x => x.Id);
                o.Property(x => x.Id).ValueGeneratedNever();
                o.Property(x => x.ByName).HasMaxLength(200);
                o.Property(x => x.Note).HasMaxLength(SupervisionAction.MaxNoteLength);
            });
        });
        b.Entity<SupervisionAddendum>(e =>
        {
            e.ToTable("supervision_addenda");
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.Text).HasMaxLength(SupervisionAddendum.MaxTextLength);
            e.Property(a => a.AddedByName).HasMaxLength(200);
            e.HasIndex(a => new { a.SupervisionSessionId, a.AddedAt });
            e.HasOne<SupervisionSession>().WithMany().HasForeignKey(a => a.SupervisionSessionId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<TrainingModule>(e =>
        {
            e.ToTable("training_modules");
            e.Property(m => m.Id).ValueGeneratedNever();
            e.Property(m => m.Code).HasMaxLength(TrainingModule.MaxCodeLength);
            e.Property(m => m.Name).HasMaxLength(TrainingModule.MaxNameLength);
            e.Property(m => m.Description).HasMaxLength(TrainingModule.MaxDescriptionLength);
            e.Ignore(m => m.IsRetired);
            e.HasIndex(m => m.Code).IsUnique();
        });
        b.Entity<TrainingRecord>(e =>
        {
            e.ToTable("training_records");
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.RecordedByName).HasMaxLength(200);
            e.Property(r => r.Evidence).HasMaxLength(TrainingRecord.MaxEvidenceLength);
            // A person's latest completion of each module, from the index alone.
            e.HasIndex(r => new { r.StaffId, r.TrainingModuleId, r.CompletedOn }).IsDescending(false, false, true);
            e.HasIndex(r => r.TrainingModuleId);
            e.HasOne<TrainingModule>().WithMany().HasForeignKey(r => r.TrainingModuleId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    /// <summary>Who saved: their id, their name at the time (for the history) and whether staff or the patient.</summary>
    private static void AuthorColumns(ComplexPropertyBuilder<Author> a)
    {
        a.Property(x => x.Name).HasMaxLength(200);
    }

    /// <summary>A value kept as one jsonb column; an unreadable or null document reads as <paramref name="empty"/>.</summary>
    private static ValueConverter<T, string> JsonColumn<T>(T empty) where T : class => new(
        v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
        v => JsonSerializer.Deserialize<T>(v, JsonSerializerOptions.Default) ?? empty);

    private sealed class PersonIdConverter() : ValueConverter<PersonId, Guid>(v => v.Value, v => new PersonId(v));
    private sealed class PresentationIdConverter() : ValueConverter<PresentationId, Guid>(v => v.Value, v => new PresentationId(v));
    private sealed class SiteIdConverter() : ValueConverter<SiteId, Guid>(v => v.Value, v => new SiteId(v));
    private sealed class TeamIdConverter() : ValueConverter<TeamId, Guid>(v => v.Value, v => new TeamId(v));
    private sealed class AssessmentIdConverter() : ValueConverter<AssessmentId, Guid>(v => v.Value, v => new AssessmentId(v));
    private sealed class NarrativeIdConverter() : ValueConverter<NarrativeId, Guid>(v => v.Value, v => new NarrativeId(v));
    private sealed class SafetyPlanIdConverter() : ValueConverter<SafetyPlanId, Guid>(v => v.Value, v => new SafetyPlanId(v));
    private sealed class DutyShiftIdConverter() : ValueConverter<DutyShiftId, Guid>(v => v.Value, v => new DutyShiftId(v));
    private sealed class PathwayIdConverter() : ValueConverter<PathwayId, Guid>(v => v.Value, v => new PathwayId(v));
    private sealed class PlannedContactIdConverter() : ValueConverter<PlannedContactId, Guid>(v => v.Value, v => new PlannedContactId(v));
    private sealed class CareSessionIdConverter() : ValueConverter<CareSessionId, Guid>(v => v.Value, v => new CareSessionId(v));
    private sealed class LetterIdConverter() : ValueConverter<LetterId, Guid>(v => v.Value, v => new LetterId(v));
    private sealed class ReferralIdConverter() : ValueConverter<ReferralId, Guid>(v => v.Value, v => new ReferralId(v));
    private sealed class ServiceIdConverter() : ValueConverter<ServiceId, Guid>(v => v.Value, v => new ServiceId(v));
    private sealed class ServiceUserIdConverter() : ValueConverter<ServiceUserId, Guid>(v => v.Value, v => new ServiceUserId(v));
    private sealed class ConversationIdConverter() : ValueConverter<ConversationId, Guid>(v => v.Value, v => new ConversationId(v));
    private sealed class MessageIdConverter() : ValueConverter<MessageId, Guid>(v => v.Value, v => new MessageId(v));
    private sealed class DutyAlertIdConverter() : ValueConverter<DutyAlertId, Guid>(v => v.Value, v => new DutyAlertId(v));
    private sealed class SupervisorNoteIdConverter() : ValueConverter<SupervisorNoteId, Guid>(v => v.Value, v => new SupervisorNoteId(v));
    private sealed class SupervisionSessionIdConverter() : ValueConverter<SupervisionSessionId, Guid>(v => v.Value, v => new SupervisionSessionId(v));
    private sealed class SupervisionActionIdConverter() : ValueConverter<SupervisionActionId, Guid>(v => v.Value, v => new SupervisionActionId(v));
    private sealed class TrainingModuleIdConverter() : ValueConverter<TrainingModuleId, Guid>(v => v.Value, v => new TrainingModuleId(v));
    private sealed class TrainingRecordIdConverter() : ValueConverter<TrainingRecordId, Guid>(v => v.Value, v => new TrainingRecordId(v));
    private sealed class StaffIdConverter() : ValueConverter<StaffId, Guid>(v => v.Value, v => new StaffId(v));
}
