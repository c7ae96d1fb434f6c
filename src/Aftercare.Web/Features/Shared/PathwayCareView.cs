using Aftercare.Domain.Common;
using Aftercare.Domain.Pathways;

namespace Aftercare.Web.Features.Shared;

/// <summary>What the pathway page's "who does the work" part needs: the pathway with its covers, and staff names.</summary>
public sealed record PathwayCareView(Guid PersonId, Pathway Pathway, DateTimeOffset Now, Func<StaffId, string> NameOf);
