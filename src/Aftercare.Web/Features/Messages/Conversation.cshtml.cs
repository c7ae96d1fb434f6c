using Aftercare.Domain.Access;
using Aftercare.Domain.Common;
using Aftercare.Domain.Messaging;
using Aftercare.Domain.Staff;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aftercare.Web.Features.Messages;

/// <summary>
/// A person's messages with their care team, as staff read them: the transcript a page at a time
/// (newest at the bottom, live while the latest page is open), each of the person's messages with
/// when it was sent and whether out of hours, a search within the transcript, and the reply form
/// for those who answer (the named practitioner, whoever covers now, the team's supervisor);
/// anyone else who may read the record reads it here too, and is told who replies. Opening the
/// latest page marks the conversation read for this member of staff.
/// </summary>
/// <para>
/// A message that raised a duty alert links to it. The team's clinicians read the supervisor's
/// notes on the transcript here, and the supervisor adds them (never shown to the person, H54).
/// </para>
public sealed class ConversationModel(CareAccess access, Conversations conversations) : PageModel
{
    [BindProperty(Name = "Form")] public MessageForm Form { get; set; } = new();
    public ConversationAccess Access { get; private set; } = null!;
    public TranscriptPage? Transcript { get; private set; }
    public SearchResults? Results { get; private set; }
    public string? Query { get; private set; }
    [TempData] public string? Notice { get; set; }
    public NoteForm Note { get; set; } = new();
    public List<SupervisorNote> Notes { get; private set; } = [];
    public Dictionary<int, Guid> Alerts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, int? before, string? q, int? p, CancellationToken ct)
    {
        var found = await access.Conversation(new PersonId(id), User, auditRead: true, ct);
        if (found is null) return NotFound();
        Access = found;
        Query = Text.Clean(q);
        if (Query is not null)
        {
            Results = await conversations.Search(found.PersonId, Query[..Math.Min(Query.Length, 200)], p ?? 1, ct);
            return Page();
        }
        Transcript = await conversations.Read(found.PersonId, before, ct);
        await LoadAround(ct);
        if (Transcript is { IsLatest: true, Conversation: { } c })
            await conversations.MarkRead(c.Id, found.Reader.Id, c.LastSequence, ct);
        return Page();
    }

    /// <summary>The supervisor adds a note on the transcript, optionally about one message.</summary>
    public async Task<IActionResult> OnPostNoteAsync(Guid id, [Bind(Prefix = nameof(Note))] NoteForm note, CancellationToken ct)
    {
        var found = await access.Conversation(new PersonId(id), User, auditRead: false, ct);
        // Only the team's own supervisor writes one; anyone else is answered not found, as for a form they do not have.
        if (found is null || CurrentStaff.From(User) is not { } staff || !MayWriteNotes(found, staff)) return NotFound();
        Note = note;
        ModelState.Clear();
        int? about = null;
        if (Text.Clean(note.AboutMessage) is { } given)
        {
            if (int.TryParse(given.TrimStart('#'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)) about = n;
            else ModelState.AddModelError("Note.AboutMessage", "Enter the message's number, such as 12, or leave it empty for the whole transcript");
        }
        if (ModelState.IsValid)
        {
            try
            {
                await conversations.AddNote(found, staff, note.Body, about, ct);
                Notice = "Your supervision note has been added. The team can read it here; the person never sees it.";
                return Redirect($"/persons/{id}/messages#notes");
            }
            catch (ClinicalRuleException e)
            {
                ModelState.AddModelError(e.Field == nameof(SupervisorNote.AboutSequence) ? "Note.AboutMessage" : "Note.Body", e.Message);
            }
        }
        Access = found;
        Transcript = await conversations.Read(found.PersonId, null, ct);
        await LoadAround(ct);
        return Page();
    }

    /// <summary>The team's own clinicians read the notes; a practitioner reading under break-glass does not.</summary>
    public bool MaySeeNotes => Access.Basis == AccessBasis.CareTeam && !Access.IsPatient;

    public bool MayWriteNotes(ConversationAccess found, CurrentStaff staff) =>
        found.Basis == AccessBasis.CareTeam && staff.Role == StaffRole.Supervisor && staff.TeamId == found.TeamId;

    public bool ShowNoteForm => CurrentStaff.From(User) is { } staff && MayWriteNotes(Access, staff);

    private async Task LoadAround(CancellationToken ct)
    {
        if (Transcript is { Messages.Count: > 0 } t)
            Alerts = await conversations.AlertsOn(Access.PersonId, t.Messages[0].Sequence, t.Messages[^1].Sequence, ct);
        if (MaySeeNotes) Notes = await conversations.Notes(Access.PersonId, ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var found = await access.Conversation(new PersonId(id), User, auditRead: false, ct);
        // Only those who answer may post: anyone else is answered not found, as for a page they cannot use.
        if (found is null || !found.MayWrite) return NotFound();
        try
        {
            await conversations.Send(found, Form.Body, ct);
            Notice = "Your reply has been sent.";
            return Redirect($"/persons/{id}/messages#latest");
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError("Form.Body", e.Message);
            Access = found;
            Transcript = await conversations.Read(found.PersonId, null, ct);
            await LoadAround(ct);
            return Page();
        }
    }

    public bool IsBreakGlass => Access.Basis == AccessBasis.BreakGlass;

    public TranscriptView View(IEnumerable<MessageView> messages, bool live, string? highlight = null) =>
        new([.. messages], ForPatient: false, Access.PersonId.Value, Transcript?.LastSequence ?? 0, live, highlight) { Alerts = Alerts };

    public string Address => $"/persons/{Access.PersonId}/messages";

    public sealed class NoteForm
    {
        public string? Body { get; set; }
        public string? AboutMessage { get; set; }
    }
}
