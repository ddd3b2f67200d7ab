using Portal.Billing.Invoicing;
using Portal.Billing.Rating;
using Portal.Core.Projects;

namespace Portal.Billing.Tests.Invoicing;

public sealed class InvoiceCalculationTests
{
    [Fact]
    public void Tax_ComputedOnceOnTheSubtotal_DiffersFromPerLineRounding()
    {
        // Three lines of ¥105: per-line tax would be 3 × floor(10.5) = ¥30; once on ¥315 it is floor(31.5) = ¥31.
        var lines = new[]
        {
            new InvoiceLineInput("111111111111", "prod", ChargeCategory.Usage, 104.6m),
            new InvoiceLineInput("222222222222", "stg", ChargeCategory.Usage, 105.4m),
            new InvoiceLineInput("333333333333", "dev", ChargeCategory.Usage, 105m),
        };

        var amounts = InvoiceCalculation.Calculate(lines, Currency.Jpy, 150m);

        Assert.Equal([105m, 105m, 105m], amounts.Lines.Select(l => l.Amount));
        Assert.Equal(30m, amounts.Lines.Sum(l => InvoiceCalculation.TaxOn(l.Amount, Currency.Jpy)));
        Assert.Equal((315m, 31m, 346m), (amounts.Subtotal, amounts.Tax, amounts.Total));
        Assert.Null(amounts.TaxYen);
    }

    [Fact]
    public void Lines_PerAccountAndCategory_RoundedOnceHalfAwayFromZero_TaxLinesAndZeroLinesDropped()
    {
        var lines = new[]
        {
            new InvoiceLineInput("111111111111", "prod", ChargeCategory.Usage, 1000.5m),
            new InvoiceLineInput("111111111111", "prod", ChargeCategory.Credit, -200.5m),
            new InvoiceLineInput("111111111111", "prod", ChargeCategory.Discount, -0.4m),
            new InvoiceLineInput("111111111111", "prod", ChargeCategory.Tax, 80m),
            new InvoiceLineInput("", "", ChargeCategory.Fee, 5000m, "保守費", "Support fee"),
        };

        var amounts = InvoiceCalculation.Calculate(lines, Currency.Jpy, 150m);

        Assert.Equal([(ChargeCategory.Usage, 1001m), (ChargeCategory.Credit, -201m), (ChargeCategory.Fee, 5000m)], amounts.Lines.Select(l => (l.Category, l.Amount)));
        Assert.Equal("Support fee", amounts.Lines[^1].NameEn);
        Assert.Equal((5800m, 580m, 6380m), (amounts.Subtotal, amounts.Tax, amounts.Total));
    }

    [Fact]
    public void UsdInvoice_TaxInDollarsRoundedDownToCents_AndStatedInYenAtTheRate()
    {
        var lines = new[]
        {
            new InvoiceLineInput("111111111111", "prod", ChargeCategory.Usage, 1234.565m),
            new InvoiceLineInput("111111111111", "prod", ChargeCategory.Credit, -0.004m),
        };

        var amounts = InvoiceCalculation.Calculate(lines, Currency.Usd, 151.37m);

        Assert.Equal([1234.57m], amounts.Lines.Select(l => l.Amount));
        Assert.Equal(123.45m, amounts.Tax); // 123.457 rounded down
        Assert.Equal(1358.02m, amounts.Total);
        Assert.Equal(18687m, amounts.TaxYen); // floor(1234.57 × 151.37 × 10%) = floor(18687.68)
    }

    [Fact]
    public void UsdInvoice_WithoutRate_Refused() =>
        Assert.Throws<RatingException>(() => InvoiceCalculation.Calculate([new InvoiceLineInput("1", "", ChargeCategory.Usage, 1m)], Currency.Usd, null));

    [Fact]
    public void CreditNote_NegativeSubtotal_TaxRoundsTowardZero()
    {
        var amounts = InvoiceCalculation.Calculate([new InvoiceLineInput("", "", ChargeCategory.Credit, -1005m, "返金", "Refund")], Currency.Jpy, null);

        Assert.Equal((-1005m, -100m, -1105m), (amounts.Subtotal, amounts.Tax, amounts.Total));
    }

    [Theory]
    [InlineData("T6011001106696", true)] // AWS Japan
    [InlineData("T7011001106696", false)] // check digit changed
    [InlineData("T6011001106697", false)] // last digit changed
    [InlineData("T6011001106686", false)] // a middle digit changed
    [InlineData("6011001106696", false)]
    [InlineData("T601100110669", false)]
    [InlineData("T60110011066960", false)]
    [InlineData("t6011001106696", false)]
    [InlineData("T601100110669a", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void RegistrationNumber_CheckDigit(string? value, bool valid) => Assert.Equal(valid, RegistrationNumber.IsValid(value));

    [Fact]
    public void RegistrationNumber_Normalize_AcceptsTypedSpacesAndHyphens() =>
        Assert.True(RegistrationNumber.IsValid(RegistrationNumber.Normalize(" t 6011-0011-06696 ")));
}
