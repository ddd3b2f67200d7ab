using Portal.Core.Projects;

namespace Portal.Web.Tests.Features.Accounts;

/// <summary>The pure rules behind the recipient and notification forms, case by case.</summary>
public sealed class AddressRulesTests
{
    [Theory]
    [InlineData("03-1234-5678", true)]
    [InlineData("090-1234-5678", true)]
    [InlineData("+81 90 1234 5678", true)]
    [InlineData("(03) 1234-5678", true)]
    [InlineData("0312345678", true)]
    [InlineData("123456789", false)]
    [InlineData("+1234567890123456", false)]
    [InlineData("03-1234-567a", false)]
    [InlineData("call me", false)]
    [InlineData("-0312345678", false)]
    [InlineData("", false)]
    public void IsValidPhone_TenToFifteenDigitsWithSeparators(string phone, bool expected) =>
        Assert.Equal(expected, AccountNotificationSettings.IsValidPhone(phone));

    [Theory]
    [InlineData("a@example.com", true)]
    [InlineData("first.last+tag@sub.example.co.jp", true)]
    [InlineData("a@example", false)]
    [InlineData("Name <a@example.com>", false)]
    [InlineData("a b@example.com", false)]
    [InlineData("@example.com", false)]
    public void IsValid_PlainAddressesOnly(string address, bool expected) => Assert.Equal(expected, AddressList.IsValid(address));

    [Fact]
    public void Parse_SplitsLinesCommasAndSemicolons_DropsBlanks() =>
        Assert.Equal(["a@x.example", "b@x.example", "c@x.example", "d@x.example"], AddressList.Parse(" a@x.example\r\n\nb@x.example, c@x.example;d@x.example "));

    [Fact]
    public void Check_CountsBoundsThenAddresses()
    {
        var six = Enumerable.Range(1, 6).Select(i => $"u{i}@x.example").ToList();

        Assert.Equal(AddressListError.TooFew, AddressList.Check([], 1, 6).Error);
        Assert.Equal(AddressListError.None, AddressList.Check([], 0, 6).Error);
        Assert.Equal(AddressListError.None, AddressList.Check(six, 0, 6).Error);
        Assert.Equal(AddressListError.TooMany, AddressList.Check([.. six, "u7@x.example"], 0, 6).Error);
        Assert.Equal((AddressListError.Invalid, "bad"), AddressList.Check(["ok@x.example", "bad"], 1, 6));
    }

    [Fact]
    public void FirstDuplicate_IgnoresCaseAcrossLists()
    {
        Assert.Equal("A@x.example", AddressList.FirstDuplicate(["a@x.example"], ["A@x.example"]));
        Assert.Null(AddressList.FirstDuplicate(["a@x.example"], ["b@x.example"]));
    }
}
