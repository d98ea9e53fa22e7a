using Shield.Application.Payments.Common;
using Shield.Domain.Common;

namespace Shield.UnitTests.Application.Payments.Common;

public sealed class MpesaErrorsTests
{
    [Fact]
    public void AnswerNotRecorded_Always_TellsTheClientThePaymentIsKeptAndNotToRetryIt()
    {
        var error = MpesaErrors.AnswerNotRecorded();

        Assert.Equal("push_answer_not_recorded", error.Code);
        Assert.Equal(ErrorType.Unavailable, error.Type);
        Assert.Equal(30, error.RetryAfterSeconds);
        Assert.Equal("M-Pesa answered the payment request, but Shield could not record the answer: its database failed. The payment is kept, and its "
            + "outcome is found by the reconciler; read it again shortly. Do not retry it meanwhile: the customer may have the prompt.", error.Message);
    }
}
