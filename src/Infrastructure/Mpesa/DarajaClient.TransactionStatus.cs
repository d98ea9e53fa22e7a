using Microsoft.Extensions.Logging;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;
using Shield.Infrastructure.Mpesa.Wire;

namespace Shield.Infrastructure.Mpesa;

/// <summary>Transaction Status (REFERENCE.md §5): asynchronous; Daraja answers to ResultURL or QueueTimeOutURL later.</summary>
internal sealed partial class DarajaClient
{
    public const string TransactionStatusResultPath = "api/v1/daraja/transaction-status/result";
    public const string TransactionStatusTimeoutPath = "api/v1/daraja/transaction-status/timeout";

    public async Task<TransactionStatusOutcome> RequestTransactionStatusAsync(TransactionStatusRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        if (settings is not { Initiator.Length: > 0, InitiatorPassword.Length: > 0, CertificatePath.Length: > 0 })
        {
            return new TransactionStatusOutcome.Rejected("shield.not_configured",
                "Transaction Status needs Mpesa:Initiator, Mpesa:InitiatorPassword and Mpesa:CertificatePath.");
        }

        using var certificate = SecurityCredential.LoadCertificate(settings.CertificatePath);
        var body = new TransactionStatusRequestBody(
            settings.Initiator,
            SecurityCredential.Create(settings.InitiatorPassword, certificate),
            "TransactionStatusQuery",
            request.ReceiptNumber,
            settings.BusinessShortCode,
            "4",
            DarajaUrls.Combine(addresses.CallbackBaseUrl, $"{TransactionStatusResultPath}/{settings.CallbackSecret}").AbsoluteUri,
            DarajaUrls.Combine(addresses.CallbackBaseUrl, $"{TransactionStatusTimeoutPath}/{settings.CallbackSecret}").AbsoluteUri,
            "Shield verification",
            request.PaymentId.Value.ToString("N"));

        var reply = await SendAsync(DarajaUrls.TransactionStatus, body, DarajaJsonContext.Default.TransactionStatusRequestBody, cancellationToken);
        TransactionStatusOutcome outcome = reply switch
        {
            { NoAnswer: { } reason } => new TransactionStatusOutcome.NoAnswer(reason),
            { Reply: var r } when r!.IsSuccessStatus && r.Read(DarajaJsonContext.Default.TransactionStatusResponseBody) is
                { ResponseCode: "0", ConversationId.Length: > 0 } accepted =>
                new TransactionStatusOutcome.Accepted(accepted.ConversationId!, accepted.OriginatorConversationId ?? string.Empty),
            { Reply.Error: { } error } => new TransactionStatusOutcome.Rejected(error.ErrorCode!, error.ErrorMessage ?? string.Empty),
            _ => new TransactionStatusOutcome.NoAnswer(NoAnswerReason.Unreachable),
        };
        LogTransactionStatus(logger, request.PaymentId.Value, outcome.GetType().Name);
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Transaction Status for payment {PaymentId}: {Outcome}")]
    private static partial void LogTransactionStatus(ILogger logger, Guid paymentId, string outcome);
}
