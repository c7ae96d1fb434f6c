namespace Aftercare.Web.Features.Messages;

/// <summary>
/// SQL shared by the header (read with the session check on every page, Worklists), "my work" and
/// the live listener, so all three count the same thing: conversations of the people a member of
/// staff answers now (named practitioner or covering, on an active pathway) with a message from
/// the person newer than what that member of staff has read.
/// <para>
/// The named practitioner's part is read from named_practitioner_inbox, kept by the database as
/// pathways, messages and read marks change (migration 0024, ADR 0015): only the rows with something
/// waiting are in its index, so the count reads a handful of index entries however large the
/// caseload. Cover starts and ends by the clock alone, so the covering part is worked out live from
/// the few covers in force, starting from the rows of whose work is covered where the person has written (<see cref="Covered"/>).
/// </para>
/// </summary>
public static class MessageCounts
{
    /// <summary>
    /// A cover in force at <paramref name="now"/> given by <paramref name="staff"/>, over
    /// pathway_covers as "v": arranged, not ended, started and not yet over. The one test of who
    /// covers now, wherever what they cover is read, and wherever the banner asks whether they cover
    /// anyone (hazard H61).
    /// </summary>
    public static string CoverInForce(string staff, string now) =>
        $"v.covering_practitioner_id = {staff} AND v.ended_at IS NULL AND v.starts_at <= {now} AND v.ends_at > {now}";

    /// <summary>
    /// A FROM item, <paramref name="alias"/>: the rows of <paramref name="table"/> (open contacts, or
    /// named_practitioner_inbox's rows of active pathways: a pathway and its named practitioner in
    /// each) that meet <paramref name="where"/>, on the pathways <paramref name="staff"/> covers now,
    /// with <paramref name="columns"/> (the pathway's among them). They are read from whose work is
    /// covered, through one range of that colleague's own index (however many pathways are
    /// covered), then kept if their pathway is covered: while a cover is in place, its pathway's named
    /// practitioner is the one it covers and holds every open contact (Pathway.HandOver ends the
    /// cover otherwise; hazard H61). OFFSET 0 keeps the planner from reading them pathway by pathway
    /// instead, which its estimate of a few covers a practitioner would make look cheaper.
    /// </summary>
    public static string Covered(string table, string alias, string columns, string where, string staff, string now) =>
        $"""
        (SELECT * FROM (SELECT {columns} FROM {table} {alias}
                        WHERE {alias}.practitioner_id IN (SELECT v.covered_practitioner_id FROM pathway_covers v WHERE {CoverInForce(staff, now)})
                          AND {where} OFFSET 0) {alias}
         WHERE {alias}.pathway_id IN (SELECT v.pathway_id FROM pathway_covers v WHERE {CoverInForce(staff, now)})) {alias}
        """;

    /// <summary>The rows of named_practitioner_inbox whose person has written (the predicate of its index of them).</summary>
    private const string Written = "(i.last_patient_sequence > 0 OR i.awaiting_reply_since IS NOT NULL)";

    /// <summary>The rows of named_practitioner_inbox in its waiting index (the index's own predicate, so the planner uses it).</summary>
    private const string Waiting = "(i.last_patient_sequence > i.last_read_sequence OR i.awaiting_reply_since IS NOT NULL)";

    /// <summary>
    /// The conversations that wait on <paramref name="staff"/> at <paramref name="now"/> (SQL
    /// expressions), of the people they answer: the person waiting for a reply, or something unread.
    /// Rows of (person_id, awaiting_reply_since, unread). The named practitioner's part is the kept
    /// rows alone (their waiting index, then the row); only the covering part reads conversations.
    /// A person answered both ways (or named on two of their pathways) gives the same row twice,
    /// which UNION (DISTINCT) makes one. Without <paramref name="covering"/>, the named
    /// practitioner's part alone: for someone known to cover nothing now, a plan without the
    /// covering part's joins.
    /// </summary>
    public static string WaitingOn(string staff, string now, bool covering = true) =>
        $"""
        SELECT {(covering ? "" : "DISTINCT ")}i.person_id, i.awaiting_reply_since, i.last_patient_sequence > i.last_read_sequence AS unread
        FROM named_practitioner_inbox i WHERE i.practitioner_id = {staff} AND {Waiting}
        """ + (covering ? WaitingCovered(staff, now) : "");

    private static string WaitingCovered(string staff, string now) =>
        $"""

        UNION
        SELECT c.person_id, c.awaiting_reply_since, c.last_patient_sequence > coalesce(r.last_read_sequence, 0)
        FROM {Covered("named_practitioner_inbox", "i", "i.pathway_id, i.person_id", Written, staff, now)}
        JOIN conversations c ON c.person_id = i.person_id
        LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = {staff}
        WHERE (c.awaiting_reply_since IS NOT NULL OR c.last_patient_sequence > coalesce(r.last_read_sequence, 0))
        """;

    /// <summary>
    /// A FROM item, <paramref name="alias"/>, of one row: how many conversations waiting on
    /// <paramref name="staff"/> have something unread (<c>unread</c>, the count <see cref="Unread"/>
    /// gives), and the first <paramref name="shown"/> of them, longest waiting first, as arrays in
    /// that order: the person (<c>person_ids</c>), their name (<c>names</c>), since when they wait
    /// (<c>since</c>) and whether it is unread (<c>unread_each</c>). One pass for the count and the
    /// list, so "my work" reads both in the banner's row. The order is total over the rows
    /// (<see cref="WaitingOn"/> makes them distinct), so the four arrays line up. Without
    /// <paramref name="covering"/>, the named practitioner's conversations alone.
    /// </summary>
    public static string WaitingInOneRow(string staff, string now, int shown, string alias, bool covering = true)
    {
        const string order = "ORDER BY w.awaiting_reply_since NULLS LAST, w.person_id, w.unread";
        return $"""
            (SELECT count(DISTINCT w.person_id) FILTER (WHERE w.unread) AS unread,
                    (array_agg(w.person_id {order}))[1:{shown}] AS person_ids,
                    (array_agg(coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name {order}))[1:{shown}] AS names,
                    (array_agg(w.awaiting_reply_since {order}))[1:{shown}] AS since,
                    (array_agg(w.unread {order}))[1:{shown}] AS unread_each
             FROM ({WaitingOn(staff, now, covering)}) w JOIN persons p ON p.id = w.person_id) {alias}
            """;
    }

    /// <summary>
    /// A scalar subquery: how many conversations of the people they answer have something unread
    /// from the person. Without <paramref name="covering"/>, of the people of their own pathways alone.
    /// </summary>
    public static string Unread(string staff, string now, bool covering = true) => covering
        ? $"""
        (SELECT count(*) FROM (
            SELECT i.person_id FROM named_practitioner_inbox i
            WHERE i.practitioner_id = {staff} AND {Waiting} AND i.last_patient_sequence > i.last_read_sequence
            UNION
            SELECT c.person_id FROM {Covered("named_practitioner_inbox", "i", "i.pathway_id, i.person_id", Written, staff, now)}
            JOIN conversations c ON c.person_id = i.person_id
            WHERE c.last_patient_sequence > coalesce((SELECT r.last_read_sequence FROM conversation_reads r WHERE r.conversation_id = c.id AND r.user_id = {staff}), 0)
         ) unread)
        """
        : $"""
        (SELECT count(DISTINCT i.person_id) FROM named_practitioner_inbox i
         WHERE i.practitioner_id = {staff} AND {Waiting} AND i.last_patient_sequence > i.last_read_sequence)
        """;
}
