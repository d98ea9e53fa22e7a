using Shield.Application.Payments.Ports;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Common;

/// <summary>How the write pipeline finds the payment to change, tracked, in each round (<see cref="PaymentWriter"/>).</summary>
public abstract record PaymentLookup
{
    private PaymentLookup()
    {
    }

    /// <summary>A client's payment: another client's is not found.</summary>
    public static PaymentLookup ForClient(ClientId clientId, PaymentId paymentId) => new ById(paymentId, clientId);

    /// <summary>Any payment, by id: for Shield's own work (the reconciler, recording Daraja's answers).</summary>
    public static PaymentLookup Of(PaymentId paymentId) => new ById(paymentId, null);

    /// <summary>A payment already loaded (tracked) for this change: used as it is in the first round, read again after a conflict.</summary>
    public static PaymentLookup Loaded(Payment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return new Instance(payment);
    }

    /// <summary>The payment's id (a payment that is not found is named by it).</summary>
    public abstract PaymentId PaymentId { get; }

    internal abstract Task<Payment?> LoadAsync(IPaymentRepository payments, int round, CancellationToken cancellationToken);

    private sealed record ById(PaymentId Id, ClientId? ClientId) : PaymentLookup
    {
        public override PaymentId PaymentId => Id;

        internal override Task<Payment?> LoadAsync(IPaymentRepository payments, int round, CancellationToken cancellationToken) =>
            payments.FindAsync(Id, ClientId, cancellationToken);
    }

    private sealed record Instance(Payment Payment) : PaymentLookup
    {
        public override PaymentId PaymentId => Payment.Id;

        internal override Task<Payment?> LoadAsync(IPaymentRepository payments, int round, CancellationToken cancellationToken) =>
            round == 1 ? Task.FromResult<Payment?>(Payment) : payments.FindAsync(Payment.Id, null, cancellationToken);
    }
}
