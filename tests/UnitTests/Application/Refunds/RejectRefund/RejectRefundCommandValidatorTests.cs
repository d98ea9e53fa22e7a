using FluentValidation.TestHelper;
using Shield.Application.Refunds.ApproveRefund;
using Shield.Application.Refunds.RejectRefund;
using Shield.Domain.Refunds;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Refunds.RejectRefund;

/// <summary>What an approver must give: who they are, and for a rejection why.</summary>
public sealed class RejectRefundCommandValidatorTests
{
    [Fact]
    public void Validate_NameAndNote_HasNoErrors()
    {
        new RejectRefundCommandValidator().TestValidate(new RejectRefundCommand(RefundId.New(), TestRefunds.Checker, "Refunded in cash"))
            .ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_NoNote_HasNoteError(string note)
    {
        new RejectRefundCommandValidator().TestValidate(new RejectRefundCommand(RefundId.New(), TestRefunds.Checker, note))
            .ShouldHaveValidationErrorFor(c => c.Note);
    }

    [Fact]
    public void Validate_NoteTooLong_HasNoteError()
    {
        new RejectRefundCommandValidator().TestValidate(new RejectRefundCommand(RefundId.New(), TestRefunds.Checker, new string('x', Refund.MaxNoteLength + 1)))
            .ShouldHaveValidationErrorFor(c => c.Note);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Validate_NoApprover_HasApprovedByError(string approvedBy)
    {
        new ApproveRefundCommandValidator().TestValidate(new ApproveRefundCommand(RefundId.New(), approvedBy)).ShouldHaveValidationErrorFor(c => c.ApprovedBy);
        new RejectRefundCommandValidator().TestValidate(new RejectRefundCommand(RefundId.New(), approvedBy, "note")).ShouldHaveValidationErrorFor(c => c.RejectedBy);
    }

    [Fact]
    public void Validate_ApproverNameTooLong_HasApprovedByError()
    {
        new ApproveRefundCommandValidator().TestValidate(new ApproveRefundCommand(RefundId.New(), new string('a', Refund.MaxActorLength + 1)))
            .ShouldHaveValidationErrorFor(c => c.ApprovedBy);
    }
}
