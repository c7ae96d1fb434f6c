using System.Text.Json;
using Aftercare.Domain.Common;

namespace Aftercare.Web.Live;

/// <summary>
/// What one node tells every node through PostgreSQL NOTIFY: ids only, never what anyone wrote.
/// A notice is sent inside the transaction that saves what it announces, so PostgreSQL delivers
/// it only once that commits; each node's <see cref="LiveListener"/> then reads the row itself.
/// </summary>
public static class LiveNotices
{
    public const string Channel = "aftercare_live";

    /// <summary>A message was saved: {"kind":"message","conversation":"…","sequence":3}.</summary>
    public static string MessageSent(ConversationId conversation, int sequence) =>
        JsonSerializer.Serialize(new Notice("message", conversation.Value, sequence));

    /// <summary>
    /// A duty alert was raised, or escalated to the supervisor:
    /// {"kind":"alert","alert":"…","escalated":false}. Ids only: each node reads the alert itself.
    /// </summary>
    public static string AlertRaised(DutyAlertId alert, bool escalated) =>
        JsonSerializer.Serialize(new Notice("alert", Guid.Empty, 0) { Alert = alert.Value, Escalated = escalated });

    public static Notice? Read(string payload)
    {
        try { return JsonSerializer.Deserialize<Notice>(payload); }
        catch (JsonException) { return null; }
    }

    public sealed record Notice(
        [property: System.Text.Json.Serialization.JsonPropertyName("kind")] string Kind,
        [property: System.Text.Json.Serialization.JsonPropertyName("conversation")] Guid Conversation,
        [property: System.Text.Json.Serialization.JsonPropertyName("sequence")] int Sequence)
    {
        [System.Text.Json.Serialization.JsonPropertyName("alert")]
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
        public Guid Alert { get; init; }

        [System.Text.Json.Serialization.JsonPropertyName("escalated")]
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
        public bool Escalated { get; init; }
    }
}
