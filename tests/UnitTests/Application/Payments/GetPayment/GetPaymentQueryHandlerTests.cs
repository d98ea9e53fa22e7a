using NSubstitute;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.GetPayment;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.GetPayment;

public sealed class GetPaymentQueryHandlerTests
{
    private readonly IPaymentDetailsReader _payments = Substitute.For<IPaymentDetailsReader>();

    [Fact]
    public async Task Handle_KnownPayment_ReturnsWhatTheReaderRead()
    {
        var client = new ClientId(TestPayments.Client);
        var details = new PaymentDetails
        {
            Id = Guid.NewGuid(), Status = PaymentStatus.Pending, Amount = 100, Currency = "KES", PhoneNumber = "254708374149",
            AccountReference = "INV-1", Description = "Payment", CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch,
            Attempts = [],
        };
        var id = new PaymentId(details.Id);
        _payments.FindAsync(client, id, Arg.Any<CancellationToken>()).Returns(details);

        var result = await new GetPaymentQueryHandler(_payments).Handle(new GetPaymentQuery(client, id), CancellationToken.None);

        Assert.Same(details, result.Value);
    }

    [Fact]
    public async Task Handle_ReaderFindsNothing_ReturnsPaymentNotFound()
    {
        _payments.FindAsync(Arg.Any<ClientId>(), Arg.Any<PaymentId>(), Arg.Any<CancellationToken>()).Returns((PaymentDetails?)null);

        var result = await new GetPaymentQueryHandler(_payments)
            .Handle(new GetPaymentQuery(new ClientId(TestPayments.Client), PaymentId.New()), CancellationToken.None);

        Assert.Equal("payment_not_found", result.Error?.Code);
    }
}
