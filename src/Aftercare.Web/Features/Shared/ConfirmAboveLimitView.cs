namespace Aftercare.Web.Features.Shared;

/// <summary>The "above the caseload limit" confirmation of a handover form: its field name, the team's limit and whether it was ticked.</summary>
public sealed record ConfirmAboveLimitView(string Name, int Limit, bool Checked);
