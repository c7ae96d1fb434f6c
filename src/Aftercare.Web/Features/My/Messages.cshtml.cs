using Aftercare.Domain.Common;
using Aftercare.Web.Features.Messages;
using Aftercare.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Aftercare.Web.Features.My;

/// <summary>
/// The person's conversation with their care team, on their own phone: the latest messages (newest
/// at the bottom), the form to write, and, before they write, the truth about when it will be read:
/// when the team is not reading now, a notice says when it will be, with the crisis lines; once
/// they have written, when to expect a reply. When their care has ended nobody is reading, and
/// they are told so plainly instead of being offered the form.
/// </summary>
public sealed class MessagesModel(CareAccess access, Conversations conversations, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "Form")] public MessageForm Form { get; set; } = new();
    public ConversationAccess Access { get; private set; } = null!;
    public TranscriptPage Transcript { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }
    /// <summary>When a message sent now will be read, in words; null while the team is reading.</summary>
    public string? ReadFrom { get; private set; }
    public string? ExpectedReply { get; private set; }
    public bool ReplyIsLate { get; private set; }
    [TempData] public string? Notice { get; set; }
    /// <summary>Set after a message the crisis rules flagged: who has been told, in honest words (never a promised call back).</summary>
    [TempData] public string? CrisisHelp { get; set; }

    public const string OnDuty = "Your message has been sent, and because of what you wrote it was also shown straight away to the member of your care team on duty for urgent messages. We cannot promise when, or whether, they will be able to contact you.";
    public const string NobodyOnDuty = "Your message has been sent, and because of what you wrote it was also shown straight away to your care team. Nobody may be working at this time, so we cannot promise when, or whether, anyone will be able to contact you.";

    public async Task<IActionResult> OnGetAsync(int? before, CancellationToken ct)
    {
        var found = await access.Conversation(null, User, auditRead: true, ct);
        if (found is null) return NotFound();
        await Load(found, before, ct);
        if (Transcript is { IsLatest: true, Conversation: { } c })
            await conversations.MarkRead(c.Id, found.Reader.Id, c.LastSequence, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var found = await access.Conversation(null, User, auditRead: false, ct);
        if (found is null) return NotFound();
        try
        {
            var sent = await conversations.Send(found, Form.Body, ct);
            if (sent.Message.RaisedAlert)
            {
                // Whatever the hour, the next thing they see is where to get help now, not a promise.
                CrisisHelp = sent.Alert?.DutyPractitionerId is null ? NobodyOnDuty : OnDuty;
                return Redirect("/my/messages#help-now");
            }
            Notice = sent.AutomaticReply is null ? "Your message has been sent." : "Your message has been sent. Read the automatic reply below: it says when your message will be read.";
            return Redirect("/my/messages#latest");
        }
        catch (ClinicalRuleException e)
        {
            ModelState.AddModelError("Form.Body", e.Message);
            await Load(found, null, ct);
            return Page();
        }
    }

    private async Task Load(ConversationAccess found, int? before, CancellationToken ct)
    {
        Access = found;
        Now = clock.GetUtcNow();
        Transcript = await conversations.Read(found.PersonId, before, ct);
        if (!found.CareIsActive) return;
        if (!found.Hours.IsOpen(Now)) ReadFrom = found.Hours.DescribeMoment(found.Hours.NextOpening(Now), Now);
        if (Transcript.Conversation?.ExpectedReplyBy(found.Hours, found.ReplyWithinHours) is { } by)
        {
            ExpectedReply = found.Hours.DescribeMoment(by, Now);
            ReplyIsLate = by < Now;
        }
    }

    public TranscriptView View => new(Transcript.Messages, ForPatient: true, Access.PersonId.Value, Transcript.LastSequence, Live: Transcript.IsLatest);
}
