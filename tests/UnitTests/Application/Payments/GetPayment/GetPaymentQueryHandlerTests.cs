using Ardalis.Specification;
using NSubstitute;
using Shield.Application.Payments.GetPayment;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.Specifications;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Payments.GetPayment;

public sealed class GetPaymentQueryHandlerTests
{
    private readonly IPaymentRepository _payments = Substitute.For<IPaymentRepository>();

    [Fact]
    public async Task Handle_KnownPayment_ReturnsItsDetails()
    {
        var payment = TestPayments.AwaitingCustomer();
        _payments.FirstOrDefaultAsync(Arg.Any<ISpecification<Payment>>(), Arg.Any<CancellationToken>()).Returns(payment);

        var result = await new GetPaymentQueryHandler(_payments, Mapping.Create())
            .Handle(new GetPaymentQuery(new ClientId(TestPayments.Client), payment.Id), CancellationToken.None);

        Assert.Equal(payment.Id.Value, result.Value.Id);
        await _payments.Received(1).FirstOrDefaultAsync(Arg.Is<ISpecification<Payment>>(s => s is PaymentByIdSpec && s.AsNoTracking),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_UnknownPayment_ReturnsPaymentNotFound()
    {
        _payments.FirstOrDefaultAsync(Arg.Any<ISpecification<Payment>>(), Arg.Any<CancellationToken>()).Returns((Payment?)null);

        var result = await new GetPaymentQueryHandler(_payments, Mapping.Create())
            .Handle(new GetPaymentQuery(new ClientId(TestPayments.Client), PaymentId.New()), CancellationToken.None);

        Assert.Equal("payment_not_found", result.Error?.Code);
    }
}
