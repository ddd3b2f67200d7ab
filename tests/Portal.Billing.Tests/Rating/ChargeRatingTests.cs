using System.Globalization;
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

    [Fact]
    public void Adjustment_Markup_RaisesUsageAndFees_CreditsRefundsAndDiscountsUnchanged()
    {
        var charges = Rate_([Line("Usage", 100m), Line("RIFee", 10m), Line("Credit", -20m), Line("Refund", -5m), Line("EdpDiscount", -3m), Line("SppDiscount", -4m)], [Usd()],
            [Rule(RuleKind.Adjustment, percent: 12.5m)]);

        Assert.Equal(112.5m, charges.Single(c => c.LineItemType == "Usage").Amount);
        Assert.Equal(11.25m, charges.Single(c => c.LineItemType == "RIFee").Amount);
        Assert.Equal(-20m, charges.Single(c => c.LineItemType == "Credit").Amount);
        Assert.Equal(-5m, charges.Single(c => c.LineItemType == "Refund").Amount);
        Assert.Equal(-3m, charges.Single(c => c.LineItemType == "EdpDiscount").Amount);
        Assert.DoesNotContain(charges, c => c.LineItemType == "SppDiscount");
    }

    [Fact]
    public void Treatment_FirstMatchingRuleInOrderWins()
    {
        var accountRetains = Rule(RuleKind.Treatment, RuleScopeKind.Account, "111111111111", order: 1, lineItemType: "Credit", treatment: LineTreatment.Retain);
        var everyonePasses = Rule(RuleKind.Treatment, order: 2, lineItemType: "Credit", treatment: LineTreatment.PassThrough);
        var facts = new[] { Line("Credit", -2m), Line("Credit", -3m, account: "111111111112") };

        var specificFirst = Rate_(facts, [Usd(), Usd("111111111112")], [accountRetains, everyonePasses]);
        var generalFirst = Rate_(facts, [Usd(), Usd("111111111112")], [accountRetains with { Order = 3 }, everyonePasses]);

        Assert.Equal(["111111111112"], specificFirst.Select(c => c.AccountId));
        Assert.Equal(-5m, generalFirst.Sum(c => c.Amount));
    }

    [Theory]
    [InlineData("2026-11-01", null, true)]
    [InlineData("2026-01-01", "2026-11-01", true)]
    [InlineData("2026-01-01", "2026-10-01", false)]
    [InlineData("2026-12-01", null, false)]
    public void Rules_EffectiveMonths_IncludeTheirFirstAndLastMonth(string from, string? until, bool applies)
    {
        var rule = Rule(RuleKind.Adjustment, percent: -10m, from: DateOnly.Parse(from, CultureInfo.InvariantCulture),
            until: until is null ? null : DateOnly.Parse(until, CultureInfo.InvariantCulture));

        var charge = Rate_([Line("Usage", 100m)], [Usd()], [rule]).Single();

        Assert.Equal(applies ? 90m : 100m, charge.Amount);
    }

    /// <summary>
    /// Transfers take effect from the first day of a month (ProjectAssignment): the same account is rated under its old
    /// project in October and its new one in November, with each project's own rules and fees.
    /// </summary>
    [Fact]
    public void ProjectTransfer_MidYear_EachMonthUsesItsProjectsRulesAndFees()
    {
        var october = new DateOnly(2026, 10, 1);
        var rules = new[]
        {
            Rule(RuleKind.Adjustment, RuleScopeKind.Project, ProjectUsd.ToString(), percent: -10m),
            Rule(RuleKind.PercentageFee, RuleScopeKind.Project, ProjectJpy.ToString(), percent: 10m),
        };
        FactLine Fact(DateOnly month) => new("111111111111", month.AddDays(4), "AmazonEC2", "BoxUsage:t3.micro", "Usage", "", 100m, 100m);

        var before = ChargeRating.Rate(new RatingInput(october, [Fact(october)], [Usd()], rules, Rate with { Month = october }));
        var after = ChargeRating.Rate(new RatingInput(November, [Fact(November)], [Jpy("111111111111")], rules, Rate));

        Assert.Equal((ProjectUsd, 90m), (before.Single().ProjectId, before.Single().Amount));
        Assert.All(after, c => Assert.Equal(ProjectJpy, c.ProjectId));
        Assert.Equal(15000m, after.Single(c => c.NameEn is null).Amount);
        Assert.Equal(1500m, after.Single(c => c.NameEn == "Support").Amount);
    }

    [Fact]
    public void ReRateCommitments_ScopedToAnAccount_LeavesOtherAccountsAtCommitmentPrices()
    {
        var facts = new[]
        {
            Line("DiscountedUsage", 0m, onDemand: 8m), Line("RIFee", 4m),
            Line("DiscountedUsage", 0m, account: "111111111112", onDemand: 8m), Line("RIFee", 4m, account: "111111111112"),
        };

        var charges = Rate_(facts, [Usd(), Usd("111111111112")], [Rule(RuleKind.ReRateCommitments, RuleScopeKind.Account, "111111111111")]);

        Assert.Equal(8m, charges.Where(c => c.AccountId == "111111111111").Sum(c => c.Amount));
        Assert.Equal(4m, charges.Where(c => c.AccountId == "111111111112").Sum(c => c.Amount));
    }

    [Fact]
    public void ReRateCommitments_SavingsPlanUpfrontFeeIsRetainedToo()
    {
        var charges = Rate_([Line("SavingsPlanCoveredUsage", 3m, onDemand: 5m), Line("SavingsPlanUpfrontFee", 100m)], [Usd()], [Rule(RuleKind.ReRateCommitments)]);

        Assert.Equal(5m, charges.Sum(c => c.Amount));
    }

    [Fact]
    public void FlatFee_InDollarsOnAJpyProject_ConvertsAtTheMonthsRate_OncePerProject()
    {
        var rules = new[] { Rule(RuleKind.FlatFee, RuleScopeKind.Project, ProjectJpy.ToString(), amount: 100m, currency: Currency.Usd) };

        var fees = Rate_([Line("Usage", 1m, account: "222222222222"), Line("Usage", 1m, account: "222222222223")], [Jpy(), Jpy("222222222223")], rules)
            .Where(c => c.NameJa == "サポート").ToList();

        Assert.Equal((100m, 15000m, ""), (fees.Single().Usd, fees.Single().Amount, fees.Single().AccountId));
    }

    [Fact]
    public void PercentageFee_OnAnAccount_CountsOnlyThatAccountsRatedUsage()
    {
        var rules = new[] { Rule(RuleKind.PercentageFee, RuleScopeKind.Account, "111111111112", percent: 20m) };

        var fee = Rate_([Line("Usage", 100m), Line("Usage", 50m, account: "111111111112"), Line("Fee", 30m, account: "111111111112")], [Usd(), Usd("111111111112")], rules)
            .Single(c => c.NameEn == "Support");

        Assert.Equal(("111111111112", 10m), (fee.AccountId, fee.Amount));
    }

    [Fact]
    public void CreditsAndRefunds_ReduceTheTotal_AndKeepTheirCategory()
    {
        var charges = Rate_([Line("Usage", 50m), Line("Credit", -60m), Line("Refund", -5m)], [Usd()], [Rule(RuleKind.Adjustment, percent: -10m)]);

        Assert.Equal(-20m, charges.Sum(c => c.Amount));
        Assert.All(charges.Where(c => c.LineItemType is "Credit" or "Refund"), c => Assert.Equal(ChargeCategory.Credit, c.Category));
    }

    [Fact]
    public void YenRounding_OfAJpyMonth_IsOnTheSumOfItsLines()
    {
        var charges = Rate_(Enumerable.Range(1, 3).Select(day => Line("Usage", 0.0033m, account: "222222222222", day: day)), [Jpy()]);

        Assert.Equal(1.485m, charges.Sum(c => c.Amount));
        Assert.Equal(1m, YenRounding.ToWholeYen(charges.Sum(c => c.Amount)));
        Assert.Equal(0m, charges.Sum(c => YenRounding.ToWholeYen(c.Amount)));
    }
}
