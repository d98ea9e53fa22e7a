using FluentValidation.TestHelper;
using Shield.Application.Refunds.RequestRefund;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Refunds.RequestRefund;

public sealed class RequestRefundCommandValidatorTests
{
    private readonly RequestRefundCommandValidator _validator = new();

    private static RequestRefundCommand Command(long? amount = null, string? reason = TestRefunds.Reason, string? key = TestRefunds.Key) =>
        new(TestRefunds.Client, TestRefunds.PaymentId, amount, reason, key);

    [Fact]
    public void Validate_WholePaymentWithReasonAndKey_HasNoErrors()
    {
        _validator.TestValidate(Command()).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(2_147_483_647L)]
    public void Validate_AmountOfAtLeastOneKes_HasNoErrors(long amount)
    {
        _validator.TestValidate(Command(amount: amount)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    [InlineData(2_147_483_648L)]
    public void Validate_AmountBelowOneOrPastWholeKesRange_NamesAmount(long amount)
    {
        _validator.TestValidate(Command(amount: amount)).ShouldHaveValidationErrorFor(c => c.Amount).Only();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Paid\ntwice")]
    public void Validate_MissingBlankOrControlCharacterReason_NamesReason(string? reason)
    {
        _validator.TestValidate(Command(reason: reason)).ShouldHaveValidationErrorFor(c => c.Reason).Only()
            .WithErrorMessage("Give the reason in 1 to 100 characters (no control characters).");
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void Validate_ReasonLength_IsOneToHundred(int length, bool valid)
    {
        var result = _validator.TestValidate(Command(reason: new string('r', length)));

        if (valid)
        {
            result.ShouldNotHaveAnyValidationErrors();
        }
        else
        {
            result.ShouldHaveValidationErrorFor(c => c.Reason).Only();
        }
    }

    [Fact]
    public void Validate_NoIdempotencyKey_HasNoErrors()
    {
        _validator.TestValidate(Command(key: null)).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Validate_IdempotencyKeyOf255PrintableCharacters_HasNoErrors()
    {
        _validator.TestValidate(Command(key: new string('k', 254) + "~")).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("")]
    [InlineData("key\u00e9")]
    [InlineData("key\t1")]
    [InlineData("key\u007f")]
    public void Validate_EmptyOrNonPrintableAsciiIdempotencyKey_NamesIt(string key)
    {
        _validator.TestValidate(Command(key: key)).ShouldHaveValidationErrorFor(c => c.IdempotencyKey).Only();
    }

    [Fact]
    public void Validate_IdempotencyKeyOf256Characters_NamesIt()
    {
        _validator.TestValidate(Command(key: new string('k', 256))).ShouldHaveValidationErrorFor(c => c.IdempotencyKey).Only();
    }
}
