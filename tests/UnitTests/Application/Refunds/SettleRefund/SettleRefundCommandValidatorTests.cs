using FluentValidation.TestHelper;
using Shield.Application.Refunds.SettleRefund;
using Shield.Domain.Refunds;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Refunds.SettleRefund;

public sealed class SettleRefundCommandValidatorTests
{
    private readonly SettleRefundCommandValidator _validator = new();

    private static SettleRefundCommand Command(bool? succeeded = true, string? receipt = "OKD61H8ABC", string? note = "Seen on the statement") =>
        new(TestRefunds.Client, RefundId.New(), succeeded, receipt, note, "client:client-a");

    [Fact]
    public void Validate_SucceededWithReceiptAndNote_HasNoErrors()
    {
        _validator.TestValidate(Command()).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Validate_SucceededWithoutReceipt_HasNoErrors()
    {
        _validator.TestValidate(Command(receipt: null)).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Validate_FailedWithoutReceipt_HasNoErrors()
    {
        _validator.TestValidate(Command(succeeded: false, receipt: null)).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Validate_SucceededMissing_NamesSucceeded()
    {
        _validator.TestValidate(Command(succeeded: null, receipt: null)).ShouldHaveValidationErrorFor(c => c.Succeeded).Only();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_NoNote_NamesNote(string? note)
    {
        _validator.TestValidate(Command(note: note)).ShouldHaveValidationErrorFor(c => c.Note).Only();
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(500, true)]
    [InlineData(501, false)]
    public void Validate_NoteLength_IsOneToFiveHundred(int length, bool valid)
    {
        var result = _validator.TestValidate(Command(note: new string('n', length)));

        if (valid)
        {
            result.ShouldNotHaveAnyValidationErrors();
        }
        else
        {
            result.ShouldHaveValidationErrorFor(c => c.Note).Only();
        }
    }

    [Fact]
    public void Validate_FailedWithAReceipt_NamesTheReceipt()
    {
        _validator.TestValidate(Command(succeeded: false, receipt: "OKD61H8ABC")).ShouldHaveValidationErrorFor(c => c.ReversalReceiptNumber).Only()
            .WithErrorMessage("A refund that did not happen has no reversal receipt.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("OKD61H8-ABC")]
    [InlineData("OKD61H8 ABC")]
    [InlineData("OKD61H8ABC\u00e9")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456")]
    public void Validate_ReceiptNotUpTo32LettersAndDigits_NamesTheReceipt(string receipt)
    {
        _validator.TestValidate(Command(receipt: receipt)).ShouldHaveValidationErrorFor(c => c.ReversalReceiptNumber).Only();
    }

    [Fact]
    public void Validate_ReceiptOf32LettersAndDigits_HasNoErrors()
    {
        _validator.TestValidate(Command(receipt: "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")).ShouldNotHaveAnyValidationErrors();
    }
}
