using Portal.Billing.Rating;
using Portal.Core.Projects;

namespace Portal.Billing.Tests.Rating;

public sealed class ChargeRatingTests
{
    private static readonly DateOnly November = new(2026, 11, 1);
    private static readonly Guid Org = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid ProjectUsd = Guid.Parse("00000000-0000-0000-0000-0000000000b1");
    private static readonly Guid ProjectJpy = Guid.Parse("00000000-0000-0000-0000-0000000000b2");
    private static readonly ExchangeRate Rate = new(November, 150.00m, "MUFG TTM", new DateOnly(2026, 10, 31));

    private static AccountAssignment Usd(string account = "111111111111", DateOnly? joined = null) => new(account, Org, ProjectUsd, Currency.Usd, joined ?? new DateOnly(2020, 1, 1));

    private static AccountAssignment Jpy(string account = "222222222222") => new(account, Org, ProjectJpy, Currency.Jpy, new DateOnly(2020, 1, 1));

    private static FactLine Line(string type, decimal cost, string account = "111111111111", string service = "AmazonEC2", string usageType = "BoxUsage:t3.micro", int day = 3, decimal onDemand = 0, string tag = "") =>
        new(account, new DateOnly(2026, 11, day), service, usageType, type, tag, cost, onDemand);

    private static RatingRule Rule(RuleKind kind, RuleScopeKind scope = RuleScopeKind.All, string? value = null, int order = 0, decimal percent = 0,
        decimal amount = 0, Currency currency = Currency.Usd, string? lineItemType = null, LineTreatment treatment = LineTreatment.PassThrough, DateOnly? from = null, DateOnly? until = null) =>
        new(Guid.NewGuid(), kind, scope, value, from ?? new DateOnly(2026, 1, 1), until, order, percent, amount, currency, lineItemType, treatment, "サポート", "Support");

    private static IReadOnlyList<Charge> Rate_(IEnumerable<FactLine> facts, IEnumerable<AccountAssignment> assignments, IEnumerable<RatingRule>? rules = null, ExchangeRate? rate = null) =>
        ChargeRating.Rate(new RatingInput(November, facts.ToList(), assignments.ToList(), (rules ?? []).ToList(), rate ?? Rate));

    [Fact]
    public void NoRules_UsageCreditsAndRefundsPassThrough_TaxAndSppDiscountAreRetained()
    {
        var charges = Rate_([Line("Usage", 10m), Line("Credit", -2m), Line("Refund", -1m), Line("Tax", 1.5m), Line("SppDiscount", -0.3m), Line("EdpDiscount", -0.5m)], [Usd()]);

        Assert.Equal(6.5m, charges.Sum(c => c.Amount));
        Assert.Equal(10m, charges.Where(c => c.Category == ChargeCategory.Usage).Sum(c => c.Amount));
        Assert.Equal(-3m, charges.Where(c => c.Category == ChargeCategory.Credit).Sum(c => c.Amount));
        Assert.Equal(-0.5m, charges.Where(c => c.Category == ChargeCategory.Discount).Sum(c => c.Amount));
        Assert.DoesNotContain(charges, c => c.LineItemType is "Tax" or "SppDiscount");
    }

    [Fact]
    public void Adjustment_DiscountAppliesToUsageAndFeesOnly()
    {
        var charges = Rate_([Line("Usage", 100m), Line("Fee", 20m), Line("Credit", -10m)], [Usd()], [Rule(RuleKind.Adjustment, percent: -5m)]);

        Assert.Equal(95m, charges.Single(c => c.LineItemType == "Usage").Amount);
        Assert.Equal(19m, charges.Single(c => c.LineItemType == "Fee").Amount);
        Assert.Equal(-10m, charges.Single(c => c.LineItemType == "Credit").Amount);
    }

    [Fact]
    public void Adjustment_FirstMatchingRuleInOrderWins()
    {
        var rules = new[]
        {
            Rule(RuleKind.Adjustment, percent: -5m, order: 2),
            Rule(RuleKind.Adjustment, RuleScopeKind.Service, "AmazonS3", percent: 10m, order: 1),
        };

        var charges = Rate_([Line("Usage", 100m, service: "AmazonEC2"), Line("Usage", 100m, service: "AmazonS3")], [Usd()], rules);

        Assert.Equal(95m, charges.Single(c => c.ProductCode == "AmazonEC2").Amount);
        Assert.Equal(110m, charges.Single(c => c.ProductCode == "AmazonS3").Amount);
    }

    [Theory]
    [InlineData(RuleScopeKind.Organization, "00000000-0000-0000-0000-0000000000a1", 90)]
    [InlineData(RuleScopeKind.Project, "00000000-0000-0000-0000-0000000000b1", 90)]
    [InlineData(RuleScopeKind.Project, "00000000-0000-0000-0000-0000000000b2", 100)]
    [InlineData(RuleScopeKind.Account, "111111111111", 90)]
    [InlineData(RuleScopeKind.Account, "999999999999", 100)]
    [InlineData(RuleScopeKind.Service, "amazonec2", 90)]
    [InlineData(RuleScopeKind.UsageTypePattern, "BoxUsage:*", 90)]
    [InlineData(RuleScopeKind.UsageTypePattern, "DataTransfer*", 100)]
    public void Adjustment_Scope_MatchesOnlyItsLines(RuleScopeKind scope, string value, int expected)
    {
        var charges = Rate_([Line("Usage", 100m)], [Usd()], [Rule(RuleKind.Adjustment, scope, value, percent: -10m)]);

        Assert.Equal(expected, charges.Single().Amount);
    }

    [Fact]
    public void Rules_OutsideTheirEffectiveMonths_DoNotApply()
    {
        var rules = new[]
        {
            Rule(RuleKind.Adjustment, percent: -50m, from: new DateOnly(2026, 12, 1)),
            Rule(RuleKind.Adjustment, percent: -40m, from: new DateOnly(2026, 1, 1), until: new DateOnly(2026, 10, 1)),
            Rule(RuleKind.Adjustment, percent: -10m, from: new DateOnly(2026, 11, 1), order: 5),
        };

        Assert.Equal(90m, Rate_([Line("Usage", 100m)], [Usd()], rules).Single().Amount);
    }

    [Fact]
    public void Treatment_RuleOverridesTheDefault()
    {
        var rules = new[]
        {
            Rule(RuleKind.Treatment, lineItemType: "SppDiscount", treatment: LineTreatment.PassThrough),
            Rule(RuleKind.Treatment, lineItemType: "Credit", treatment: LineTreatment.Retain),
        };

        var charges = Rate_([Line("Usage", 10m), Line("SppDiscount", -1m), Line("Credit", -2m)], [Usd()], rules);

        Assert.Equal(9m, charges.Sum(c => c.Amount));
        Assert.Contains(charges, c => c.LineItemType == "SppDiscount");
        Assert.DoesNotContain(charges, c => c.LineItemType == "Credit");
    }

    [Fact]
    public void ReRateCommitments_CoveredUsageAtOnDemand_CommitmentFeesRetained()
    {
        var facts = new[]
        {
            Line("DiscountedUsage", 0m, onDemand: 8m),
            Line("SavingsPlanCoveredUsage", 3m, onDemand: 5m),
            Line("RIFee", 4m),
            Line("SavingsPlanRecurringFee", 2m),
            Line("SavingsPlanNegation", -3m),
            Line("Usage", 1m, onDemand: 1m),
        };

        var passThrough = Rate_(facts, [Usd()]);
        var reRated = Rate_(facts, [Usd()], [Rule(RuleKind.ReRateCommitments)]);

        Assert.Equal(7m, passThrough.Sum(c => c.Amount));
        Assert.Equal(14m, reRated.Sum(c => c.Amount));
        Assert.DoesNotContain(reRated, c => c.LineItemType is "RIFee" or "SavingsPlanRecurringFee" or "SavingsPlanNegation");
    }

    [Fact]
    public void FactsBeforeTheJoinedDate_AreNotCharged()
    {
        var charges = Rate_([Line("Usage", 5m, day: 9), Line("Usage", 7m, day: 10), Line("Usage", 11m, day: 11)], [Usd(joined: new DateOnly(2026, 11, 10))]);

        Assert.Equal(18m, charges.Sum(c => c.Amount));
    }

    [Fact]
    public void AccountWithoutAProjectThisMonth_IsNotCharged()
    {
        Assert.Empty(Rate_([Line("Usage", 5m, account: "333333333333")], [Usd()]));
    }

    [Fact]
    public void ProjectTransfer_ChargesFollowTheMonthsAssignment()
    {
        var facts = new[] { Line("Usage", 10m) };

        var october = ChargeRating.Rate(new RatingInput(November, facts, [Usd()], [], Rate));
        var afterTransfer = ChargeRating.Rate(new RatingInput(November, facts, [Jpy("111111111111")], [], Rate));

        Assert.Equal(ProjectUsd, october.Single().ProjectId);
        Assert.Equal(ProjectJpy, afterTransfer.Single().ProjectId);
        Assert.Equal(1500m, afterTransfer.Single().Amount);
    }

    [Fact]
    public void JpyProject_ConvertsAtTheMonthsRate_WithoutRounding()
    {
        var charge = Rate_([Line("Usage", 0.123456789m, account: "222222222222")], [Jpy()]).Single();

        Assert.Equal(Currency.Jpy, charge.Currency);
        Assert.Equal(0.123456789m, charge.Usd);
        Assert.Equal(18.51851835m, charge.Amount);
    }

    [Fact]
    public void JpyProject_WithoutARate_IsRefusedWithAClearMessage()
    {
        var error = Assert.Throws<RatingException>(() => ChargeRating.Rate(new RatingInput(November, [Line("Usage", 1m, account: "222222222222")], [Jpy()], [], null)));

        Assert.Contains("exchange rate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100.4, 100)]
    [InlineData(100.5, 101)]
    [InlineData(-100.5, -101)]
    [InlineData(0.49999, 0)]
    public void YenRounding_HalfAwayFromZero(decimal yen, decimal expected) => Assert.Equal(expected, YenRounding.ToWholeYen(yen));

    [Fact]
    public void YenRounding_OncePerLine_DiffersFromRoundingEachRow()
    {
        var rows = Enumerable.Repeat(0.004m, 3).Select(usd => usd * 150m).ToList();

        Assert.Equal(2m, YenRounding.ToWholeYen(rows.Sum()));
        Assert.Equal(3m, rows.Sum(YenRounding.ToWholeYen));
    }

    [Fact]
    public void PercentageFee_IsAShareOfTheRatedUsageOfItsProject()
    {
        var rules = new[] { Rule(RuleKind.Adjustment, percent: -10m), Rule(RuleKind.PercentageFee, RuleScopeKind.Project, ProjectUsd.ToString(), percent: 10m) };

        var charges = Rate_([Line("Usage", 100m), Line("Usage", 100m, account: "111111111112"), Line("Credit", -50m)], [Usd(), Usd("111111111112")], rules);

        var fee = charges.Single(c => c.NameEn == "Support");
        Assert.Equal(18m, fee.Amount);
        Assert.Equal(ChargeCategory.Fee, fee.Category);
        Assert.Equal("", fee.AccountId);
    }

    [Fact]
    public void FlatFee_InYenOnAJpyAccount_KeepsItsExactAmount()
    {
        var rules = new[] { Rule(RuleKind.FlatFee, RuleScopeKind.Account, "222222222222", amount: 5000m, currency: Currency.Jpy) };

        var fee = Rate_([Line("Usage", 1m, account: "222222222222")], [Jpy()], rules).Single(c => c.NameJa == "サポート");

        Assert.Equal(5000m, fee.Amount);
        Assert.Equal(5000m / 150m, fee.Usd);
        Assert.Equal("222222222222", fee.AccountId);
    }

    [Fact]
    public void Charges_KeepTheirTagAndDay()
    {
        var charges = Rate_([Line("Usage", 1m, tag: "production", day: 1), Line("Usage", 2m, tag: "production", day: 1), Line("Usage", 4m, tag: "", day: 2)], [Usd()]);

        Assert.Equal(3m, charges.Single(c => c.TagValue == "production").Amount);
        Assert.Equal(4m, charges.Single(c => c.TagValue == "").Amount);
    }
}
