using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Core.Data;
using Portal.Web.Auth;
using Portal.Web.Features.Common;

namespace Portal.Web.Features.Staff;

/// <summary>Staff see every audit event (SPEC F16).</summary>
[Authorize(Policy = IdentitySetup.StaffPolicy)]
public sealed class AuditModel(PortalDbContext db) : PageModel
{
    public IReadOnlyList<AuditRow> Events { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Events = await AuditRow.QueryAsync(db, _ => true, ct, take: 500);
}
