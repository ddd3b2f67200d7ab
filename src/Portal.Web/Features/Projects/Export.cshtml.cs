using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Data;
using Portal.Core.Organizations;
using Portal.Web.Auth.Tenancy;
using Portal.Web.Infrastructure;

namespace Portal.Web.Features.Projects;

/// <summary>
/// The project list as CSV (SPEC F5), with the invoice recipients. UTF-8 with a byte-order mark, because spreadsheet
/// software in Japan reads a CSV without one as Shift_JIS and garbles Japanese names.
/// </summary>
[OrgPermission(Permission.ProjectViewer)]
public sealed class ExportModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public static readonly IReadOnlyList<string> Columns =
        ["project_id", "name", "plan", "payment_method", "service_level", "currency", "aws_accounts", "invoice_to", "invoice_cc"];

    [FromRoute]
    public Guid OrgId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var projects = await db.Projects.AsNoTracking().Where(p => p.OrganizationId == OrgId).OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, p.Plan, p.PaymentMethod, p.ServiceLevel, p.Currency, p.InvoiceTo, p.InvoiceCc, Accounts = p.Accounts.Count })
            .ToListAsync(ct);
        var csv = new StringBuilder();
        Csv.AppendRow(csv, Columns);
        foreach (var p in projects)
        {
            Csv.AppendRow(csv, [p.Id.ToString(), p.Name, p.Plan, p.PaymentMethod, p.ServiceLevel, p.Currency.ToString().ToUpperInvariant(),
                p.Accounts.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join("; ", p.InvoiceTo), string.Join("; ", p.InvoiceCc)]);
        }
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        var fileName = $"projects-{Jst.Today(clock.GetUtcNow()):yyyyMMdd}.csv";
        return File(bytes, "text/csv; charset=utf-8", fileName);
    }
}

/// <summary>RFC 4180 CSV writing, shared by the portal's exports.</summary>
public static class Csv
{
    public static void AppendRow(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.AppendJoin(',', fields.Select(Escape));
        csv.Append("\r\n");
    }

    /// <summary>
    /// Quotes when needed; a field starting with a formula character gets a leading apostrophe so that spreadsheet
    /// software shows it instead of evaluating it (CSV injection; tab and carriage return too, per OWASP, because some
    /// spreadsheets skip them and evaluate what follows).
    /// </summary>
    public static string Escape(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal))
        {
            text = "'" + text;
        }
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
