using Aftercare.Domain.Access;
using Aftercare.Domain.Common;
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
public sealed class ConversationModel(CareAccess access, Conversations conversations) : PageModel
{
    [BindProperty(Name = "Form")] public MessageForm Form { get; set; } = new();
    public ConversationAccess Access { get; private set; } = null!;
    public TranscriptPage? Transcript { get; private set; }
    public SearchResults? Results { get; private set; }
    public string? Query { get; private set; }
    [TempData] public string? Notice { get; set; }

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
        if (Transcript is { IsLatest: true, Conversation: { } c })
            await conversations.MarkRead(c.Id, found.Reader.Id, c.LastSequence, ct);
        return Page();
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
            return Page();
        }
    }

    public bool IsBreakGlass => Access.Basis == AccessBasis.BreakGlass;

    public TranscriptView View(IEnumerable<MessageView> messages, bool live, string? highlight = null) =>
        new([.. messages], ForPatient: false, Access.PersonId.Value, Transcript?.LastSequence ?? 0, live, highlight);

    public string Address => $"/persons/{Access.PersonId}/messages";
}
