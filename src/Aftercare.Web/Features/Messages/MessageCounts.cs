namespace Aftercare.Web.Features.Messages;

/// <summary>
/// SQL shared by the header (read with the session check on every page, Worklists), "my work" and
/// the live listener, so all three count the same thing: conversations of the people a member of
/// staff answers now (named practitioner or covering, on an active pathway) with a message from
/// the person newer than what that member of staff has read. Each part is an index lookup:
/// ix_pathways_active_by_named_practitioner, ix_pathway_covers_covering_practitioner_id_ends_at,
/// ix_conversations_person_id (carrying last_patient_sequence) and the read marker's key.
/// </summary>
public static class MessageCounts
{
    /// <summary>The people <paramref name="staff"/> answers at <paramref name="now"/> (SQL expressions), as a set of person_id.</summary>
    public static string PeopleAnsweredBy(string staff, string now) =>
        $"""
        SELECT a.person_id FROM pathways a WHERE a.named_practitioner_id = {staff} AND a.status = 1
        UNION
        SELECT a.person_id FROM pathway_covers v JOIN pathways a ON a.id = v.pathway_id
        WHERE v.covering_practitioner_id = {staff} AND v.ended_at IS NULL AND v.starts_at <= {now} AND v.ends_at > {now} AND a.status = 1
        """;

    /// <summary>A scalar subquery: how many of those conversations have something unread from the person.</summary>
    public static string Unread(string staff, string now) =>
        $"""
        (SELECT count(*) FROM conversations c
         WHERE c.person_id IN ({PeopleAnsweredBy(staff, now)})
           AND c.last_patient_sequence > coalesce((SELECT r.last_read_sequence FROM conversation_reads r WHERE r.conversation_id = c.id AND r.user_id = {staff}), 0))
        """;
}
