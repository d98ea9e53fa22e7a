using Shield.Domain.Common;
using Shield.Domain.Refunds;

namespace Shield.UnitTests.Domain.Refunds;

/// <summary>The client's reason, sent to M-Pesa as the reversal's Remarks (2 to 100 characters, REFERENCE.md §11.1).</summary>
public sealed class RefundReasonTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(100)]
    public void IsValid_OneToHundredCharacters_IsTrue(int length)
    {
        Assert.True(RefundReason.IsValid(new string('a', length)));
        Assert.Equal(length, RefundReason.From(new string('a', length)).Value.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void IsValid_NothingToSay_IsFalse(string? reason)
    {
        Assert.False(RefundReason.IsValid(reason));
    }

    [Fact]
    public void IsValid_HundredAndOneCharacters_IsFalse()
    {
        Assert.False(RefundReason.IsValid(new string('a', 101)));
        Assert.Throws<DomainException>(() => RefundReason.From(new string('a', 101)));
    }

    [Theory]
    [InlineData("Paid\ntwice")]
    [InlineData("Paid\ttwice")]
    [InlineData("Paid\u0000twice")]
    [InlineData("Paid\u007ftwice")]
    public void IsValid_ControlCharacters_IsFalse(string reason)
    {
        Assert.False(RefundReason.IsValid(reason));
        Assert.Throws<DomainException>(() => RefundReason.From(reason));
    }

    [Fact]
    public void From_SurroundingSpaces_AreTrimmed()
    {
        Assert.Equal("Paid twice", RefundReason.From("  Paid twice  ").Value);
    }

    [Fact]
    public void IsValid_HundredCharactersInsideSpaces_IsTrueAsItIsTrimmed()
    {
        Assert.True(RefundReason.IsValid($"  {new string('a', 100)}  "));
    }

    [Fact]
    public void Remarks_OneCharacterReason_IsPrefixedToTwoToHundredCharacters()
    {
        var remarks = RefundReason.From("x").Remarks;

        Assert.InRange(remarks.Length, 2, 100);
        Assert.EndsWith("x", remarks, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(100)]
    public void Remarks_ReasonOfTwoOrMoreCharacters_IsTheReason(int length)
    {
        var reason = new string('r', length);

        Assert.Equal(reason, RefundReason.From(reason).Remarks);
    }
}
