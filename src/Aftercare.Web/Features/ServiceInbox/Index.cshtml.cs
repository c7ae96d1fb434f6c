using Aftercare.Domain.Common;
using Aftercare.Domain.Referrals;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace Aftercare.Web.Features.ServiceInbox;

/// <summary>
/// Where someone of a receiving service works from: the referrals addressed to their service, in
/// the groups a receiving team triages by. Waiting for an answer comes first, oldest first with
/// how long each has waited, so nobody waits unseen; then the waiting list, the accepted, and the
/// answered ones a page at a time. The service is the one their account belongs to, never one
/// named in the address, so no service can see another's; drafts are the referrer's alone. A
/// retired service still sees what was sent to it. Read in one round trip from the service's
/// indexes; every referral listed is audited as read by them.
/// </summary>
public sealed class IndexModel(NpgsqlDataSource dataSource, AuditTrail audit, TimeProvider clock) : PageModel
{
    public const int AnsweredPerPage = 20;

    public sealed record Row(Guid Id, Guid PersonId, string PersonName, DateOnly DateOfBirth, string? NhsNumber, string TeamName, DateTimeOffset SentAt,
        ReferralStatus Status, DateTimeOffset? FirstAppointmentAt, bool FollowsOurDecline, DateTimeOffset? AnsweredAt, ReferralClosure? Closure);

    public Guid ServiceId { get; private set; }
    public string ServiceName { get; private set; } = "";
    public bool IsRetired { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public List<Row> Waiting { get; } = [];
    public List<Row> OnWaitingList { get; } = [];
    public List<Row> Accepted { get; } = [];
    public List<Row> Answered { get; } = [];
    public int AnsweredCount { get; private set; }
    public int AnsweredPage { get; private set; } = 1;
    public int AnsweredPages => Math.Max(1, (AnsweredCount + AnsweredPerPage - 1) / AnsweredPerPage);
    public bool HasAny => Waiting.Count + OnWaitingList.Count + Accepted.Count + AnsweredCount > 0;

    private const string Columns = """
        r.id, r.person_id, p.given_name || ' ' || p.family_name AS person_name, p.date_of_birth, p.nhs_number, t.name AS team_name, r.sent_at, r.status,
        r.first_appointment_at, (earlier.decline_reason IS NOT NULL) AS follows_our_decline, COALESCE(r.closed_at, r.first_contact_at, r.declined_at) AS answered_at, r.closure
        FROM referrals r
        JOIN persons p ON p.id = r.person_id
        JOIN teams t ON t.id = r.team_id
        LEFT JOIN referrals earlier ON earlier.id = r.resubmission_of AND earlier.service_id = r.service_id
        """;

    /// <param name="answered">The page of answered referrals to show, from 1.</param>
    public async Task<IActionResult> OnGetAsync(int? answered, CancellationToken ct)
    {
        var me = CurrentServiceUser.From(User);
        if (me is null) return NotFound();
        AnsweredPage = Math.Max(1, answered ?? 1);
        Now = clock.GetUtcNow();

        await using var batch = dataSource.CreateBatch();
        void Add(string sql, params object[] values)
        {
            var statement = new NpgsqlBatchCommand(sql);
            statement.Parameters.Add(new() { Value = me.ServiceId.Value });
            foreach (var value in values) statement.Parameters.Add(new() { Value = value });
            batch.BatchCommands.Add(statement);
        }
        // The name as the directory has it now, which may have changed since they signed in.
        Add("SELECT name, is_active FROM aftercare_services WHERE id = $1");
        Add($"""
            SELECT {Columns}
            WHERE r.service_id = $1 AND r.sent_at IS NOT NULL
              AND r.status IN ({(int)ReferralStatus.Sent}, {(int)ReferralStatus.WaitingList}, {(int)ReferralStatus.Accepted}, {(int)ReferralStatus.FirstAppointmentOffered})
            ORDER BY r.sent_at, r.id
            """);
        const string answeredWhere = "r.service_id = $1 AND r.sent_at IS NOT NULL AND r.status IN (4, 7, 8)";
        Add($"SELECT count(*) FROM referrals r WHERE {answeredWhere}");
        Add($"""
            SELECT {Columns}
            WHERE {answeredWhere}
            ORDER BY r.sent_at DESC, r.id DESC
            LIMIT {AnsweredPerPage} OFFSET $2
            """, (AnsweredPage - 1) * AnsweredPerPage);

        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) return NotFound();
            ServiceId = me.ServiceId.Value;
            ServiceName = reader.GetString(0);
            IsRetired = !reader.GetBoolean(1);
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var row = Read(reader);
                (row.Status switch
                {
                    ReferralStatus.Sent => Waiting,
                    ReferralStatus.WaitingList => OnWaitingList,
                    _ => Accepted,
                }).Add(row);
            }
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            AnsweredCount = (int)reader.GetInt64(0);
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct)) Answered.Add(Read(reader));
        }

        var listed = Waiting.Concat(OnWaitingList).Concat(Accepted).Concat(Answered).ToList();
        await audit.WriteReadsAsync([.. listed.Select(r => new AuditedRead(AuditActions.View, "Referral", r.Id.ToString(), r.PersonId, "Listed in the service's referrals"))], ct);
        return Page();
    }

    /// <summary>A post that names no answer changes nothing and shows nothing.</summary>
    public IActionResult OnPost() => NotFound();

    private static Row Read(NpgsqlDataReader r)
    {
        T? Maybe<T>(string column) where T : struct
        {
            var at = r.GetOrdinal(column);
            return r.IsDBNull(at) ? null : r.GetFieldValue<T>(at);
        }
        var nhs = r.GetOrdinal("nhs_number");
        return new Row(r.GetGuid(r.GetOrdinal("id")), r.GetGuid(r.GetOrdinal("person_id")), r.GetString(r.GetOrdinal("person_name")),
            r.GetFieldValue<DateOnly>(r.GetOrdinal("date_of_birth")), r.IsDBNull(nhs) ? null : r.GetString(nhs), r.GetString(r.GetOrdinal("team_name")),
            r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("sent_at")), (ReferralStatus)r.GetInt32(r.GetOrdinal("status")), Maybe<DateTimeOffset>("first_appointment_at"),
            r.GetBoolean(r.GetOrdinal("follows_our_decline")), Maybe<DateTimeOffset>("answered_at"), (ReferralClosure?)Maybe<int>("closure"));
    }
}

/// <summary>What the last column of a group of the inbox says: how long it has waited, its appointment, or how it was answered.</summary>
public enum InboxColumn
{
    Waited,
    Appointment,
    Answered,
}

/// <summary>One group of the inbox as a table.</summary>
public sealed record InboxTable(string TestId, string Caption, IReadOnlyList<IndexModel.Row> Rows, DateTimeOffset Now, InboxColumn Last);
