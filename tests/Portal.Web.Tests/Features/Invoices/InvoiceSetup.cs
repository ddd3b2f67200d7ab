using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Billing.Rating;
using Portal.Core.Billing;
using Portal.Core.Charges;
using Portal.Core.Invoices;
using Portal.Core.Projects;
using Portal.Web.Features.Invoices;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Invoices;

/// <summary>Charges, rates, finality and the issuer for invoice tests; each test bills a month of its own.</summary>
public static class InvoiceSetup
{
    public const string IssuerName = "メンバーズ・リセラー株式会社";
    public const string IssuerNumber = "T6011001106696";

    private static int _months;

    /// <summary>
    /// A month no other test of this run uses, so that closing it touches only this test's projects. The months on
    /// either side stay free too: tests that carry a credit forward or stage an earlier month use them.
    /// </summary>
    public static DateOnly NextMonth() => new DateOnly(2001, 1, 1).AddMonths(3 * Interlocked.Increment(ref _months));

    /// <summary>The one issuer row; parallel tests may race to create it, and every test writes the same values.</summary>
    public static async Task EnsureIssuerAsync(this PortalApp app)
    {
        try
        {
            await app.WithDbAsync(async db =>
            {
                if (!await db.InvoiceIssuers.AnyAsync())
                {
                    db.InvoiceIssuers.Add(new InvoiceIssuer { Name = IssuerName, Address = "東京都千代田区1-1-1", RegistrationNumber = IssuerNumber, UpdatedAt = app.Clock.GetUtcNow() });
                    await db.SaveChangesAsync();
                }
                return 0;
            });
        }
        catch (DbUpdateException)
        {
            // Another test created it first.
        }
    }

    public static Task AddRateAsync(this PortalApp app, DateOnly month, decimal usdToJpy = 150m) =>
        app.WithDbAsync(async db =>
        {
            db.ExchangeRates.Add(new ExchangeRateEntry { Month = month, UsdToJpy = usdToJpy, Source = "三菱UFJ銀行 TTM", RateDate = month.AddMonths(1).AddDays(-1), UpdatedAt = app.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
            return 0;
        });

    /// <summary>Charge lines of one account (amounts in the project's currency, unrounded).</summary>
    public static Task AddChargesAsync(this PortalApp app, string payer, DateOnly month, Guid organizationId, Guid projectId, string account, Currency currency,
        params (ChargeCategory Category, decimal Amount)[] lines) =>
        app.WithDbAsync(async db =>
        {
            // Recorded as RecomputeCharges would: without it the month looks never computed, and a recompute started by
            // another test's rule change (jobs run in the shared test host) would replace these lines with the
            // payer's facts — none — and the invoice under test would lose its charges.
            var computation = await db.ChargeComputations.SingleOrDefaultAsync(c => c.PayerAccountId == payer && c.Month == month);
            if (computation is null)
            {
                computation = new ChargeComputation { PayerAccountId = payer, Month = month };
                db.ChargeComputations.Add(computation);
            }
            computation.ComputedAt = app.Clock.GetUtcNow();
            computation.LineCount += lines.Length;
            computation.Revision++;
            var day = 1;
            db.ChargeLines.AddRange(lines.Select(l => new ChargeLine
            {
                PayerAccountId = payer, Month = month, OrganizationId = organizationId, ProjectId = projectId, AccountNumber = account, Day = month.AddDays(day++ % 28),
                ProductCode = "AmazonEC2", Category = (int)l.Category, LineItemType = l.Category == ChargeCategory.Credit ? "Credit" : "Usage",
                Usd = FixedPoint.FromDecimal(l.Amount), Amount = FixedPoint.FromDecimal(l.Amount), Currency = currency,
            }));
            await db.SaveChangesAsync();
            return 0;
        });

    public static Task SetFinalAsync(this PortalApp app, string payer, DateOnly month, bool final) =>
        app.WithDbAsync(async db =>
        {
            var period = await db.BillingPeriods.SingleOrDefaultAsync(p => p.PayerAccountId == payer && p.Month == month);
            if (period is null)
            {
                period = new BillingPeriod { PayerAccountId = payer, Month = month, SourceId = Guid.NewGuid(), DeliveryId = Guid.NewGuid(), LastAggregatedAt = app.Clock.GetUtcNow() };
                db.BillingPeriods.Add(period);
            }
            period.IsFinal = final;
            await db.SaveChangesAsync();
            return 0;
        });

    public static async Task<CloseMonthResult> CloseAsync(this PortalApp app, DateOnly month, bool force = false, string? reason = null)
    {
        CloseMonthResult? result = null;
        await app.WithServicesAsync(async s => result = await s.GetRequiredService<CloseMonth>().HandleAsync(month, force, reason, null, CancellationToken.None));
        return result!;
    }

    public static async Task<IssueResult> IssueAsync(this PortalApp app, Guid invoiceId)
    {
        IssueResult? result = null;
        await app.WithServicesAsync(async s => result = await s.GetRequiredService<IssueInvoice>().HandleAsync(invoiceId, null, CancellationToken.None));
        return result!;
    }

    public static Task<Invoice> InvoiceOfAsync(this PortalApp app, Guid projectId, DateOnly month, InvoiceStatus? status = null) =>
        app.WithDbAsync(db => db.Invoices.AsNoTracking().Include(i => i.Lines)
            .Where(i => i.ProjectId == projectId && i.Month == month && i.Kind == InvoiceKind.Invoice && (status == null || i.Status == status))
            .OrderByDescending(i => i.CreatedAt).FirstAsync());

    /// <summary>A payer, a final month with a rate, and charges for the world's project: ready to close.</summary>
    public static async Task<(string Payer, DateOnly Month)> BillableMonthAsync(this PortalApp app, TenantWorld world, params (ChargeCategory Category, decimal Amount)[] lines)
    {
        await app.EnsureIssuerAsync();
        var month = NextMonth();
        var payer = Tenants.NewAccountNumber();
        await app.AddRateAsync(month);
        await app.SetFinalAsync(payer, month, final: true);
        await app.AddChargesAsync(payer, month, world.OrgId, world.ProjectId, world.AccountNumber, Currency.Jpy,
            lines.Length > 0 ? lines : [(ChargeCategory.Usage, 12345.6m), (ChargeCategory.Credit, -345.4m)]);
        return (payer, month);
    }

    /// <summary>The text of a PDF as <c>pdftotext</c> reads it.</summary>
    public static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"invoice-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
