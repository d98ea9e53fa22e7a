namespace Shield.Application.Payments.Ports;

/// <summary>Safaricom's M-Pesa Express, in Shield's words. The Daraja adapter implements it.</summary>
public interface IMpesaGateway
{
    /// <summary>Sends one STK push. Never retried: a second push could prompt the customer twice.</summary>
    Task<StkPushOutcome> SendStkPushAsync(StkPushRequest request, CancellationToken cancellationToken);

    /// <summary>Asks Safaricom for the outcome of a push (STK Push Query). Safe to retry.</summary>
    Task<StkQueryOutcome> QueryStkPushAsync(string checkoutRequestId, CancellationToken cancellationToken);

    /// <summary>Asks Safaricom, by receipt, what it recorded for a completed payment (Transaction Status). The result arrives later.</summary>
    Task<TransactionStatusOutcome> RequestTransactionStatusAsync(TransactionStatusRequest request, CancellationToken cancellationToken);
}
