using System.Net;
using Microsoft.Extensions.Logging;
using Shield.Application.Refunds.Ports;
using Shield.Domain.Payments;
using Shield.Domain.Refunds;
using Shield.Infrastructure.Mpesa.Wire;

namespace Shield.Infrastructure.Mpesa;

/// <summary>
/// Reversal (REFERENCE.md §11) and Transaction Status about a reversal (§11.6): both asynchronous; Daraja posts the
/// result to ResultURL (or a notice to QueueTimeOutURL) later. A reversal is posted once: the HttpClient has no retry
/// policy, and the only second post is the one after Daraja calls the token invalid, when nothing was processed (as
/// for an STK push).
/// </summary>
internal sealed partial class DarajaClient : IReversalGateway
{
    public const string ReversalResultPath = "api/v1/daraja/reversal/result";
    public const string ReversalTimeoutPath = "api/v1/daraja/reversal/timeout";
    public const string ReversalStatusResultPath = "api/v1/daraja/reversal-status/result";
    public const string ReversalStatusTimeoutPath = "api/v1/daraja/reversal-status/timeout";

    private const string ReversalCommandId = "TransactionReversal";
    private const int MaxRemarksLength = 100;

    /// <summary>
    /// Sends <c>TransactionReversal</c> for the payment's receipt. ReceiverParty is the shortcode that received the
    /// payment: <see cref="MpesaOptions.EffectivePartyB"/> (the paybill, or the till for Buy Goods). For till payments,
    /// whether Daraja wants the till or the store/HO number here is unconfirmed (REFERENCE.md §11.5).
    /// </summary>
    public async Task<ReversalSubmission> RequestReversalAsync(ReversalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        if (NotConfiguredForInitiatorCalls(settings) is { } notConfigured)
        {
            LogReversal(logger, request.RefundId.Value, nameof(ReversalSubmission.Rejected), notConfigured.ErrorCode);
            return notConfigured;
        }

        if (Credential(settings) is not { } credential)
        {
            LogReversal(logger, request.RefundId.Value, nameof(ReversalSubmission.Rejected), CredentialUnusable.ErrorCode);
            return CredentialUnusable;
        }

        var body = new ReversalRequestBody(
            settings.Initiator!,
            credential,
            ReversalCommandId,
            request.ReceiptNumber,
            request.Amount,
            settings.EffectivePartyB,
            settings.ReversalReceiverIdentifierType,
            DarajaUrls.Combine(addresses.CallbackBaseUrl, $"{ReversalResultPath}/{settings.CallbackSecret}").AbsoluteUri,
            DarajaUrls.Combine(addresses.CallbackBaseUrl, $"{ReversalTimeoutPath}/{settings.CallbackSecret}").AbsoluteUri,
            TextLimits.Clean(request.Remarks, MaxRemarksLength) ?? string.Empty);

        var reply = await SendAsync(DarajaUrls.Reversal, body, DarajaJsonContext.Default.ReversalRequestBody, cancellationToken);
        var outcome = ToSubmission(reply);
        var detail = Detail(outcome);
        LogReversal(logger, request.RefundId.Value, outcome.GetType().Name, detail);

        return outcome;
    }

    /// <summary>
    /// Transaction Status by <c>OriginalConversationID</c> (the reversal acknowledgement's OriginatorConversationID), no
    /// TransactionID; IdentifierType "4" is Transaction Status's own, not the reversal's. Moves no money, so a caller may
    /// ask again; this method itself posts once, as the payments' Transaction Status does.
    /// </summary>
    public async Task<ReversalSubmission> RequestReversalStatusAsync(ReversalStatusRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value;
        if (NotConfiguredForInitiatorCalls(settings) is { } notConfigured)
        {
            LogReversalStatus(logger, request.RefundId.Value, nameof(ReversalSubmission.Rejected), notConfigured.ErrorCode);
            return notConfigured;
        }

        if (Credential(settings) is not { } credential)
        {
            LogReversalStatus(logger, request.RefundId.Value, nameof(ReversalSubmission.Rejected), CredentialUnusable.ErrorCode);
            return CredentialUnusable;
        }

        var body = new ReversalStatusRequestBody(
            settings.Initiator!,
            credential,
            "TransactionStatusQuery",
            request.OriginatorConversationId,
            settings.BusinessShortCode,
            "4",
            DarajaUrls.Combine(addresses.CallbackBaseUrl, $"{ReversalStatusResultPath}/{settings.CallbackSecret}").AbsoluteUri,
            DarajaUrls.Combine(addresses.CallbackBaseUrl, $"{ReversalStatusTimeoutPath}/{settings.CallbackSecret}").AbsoluteUri,
            "Shield refund verification",
            request.RefundId.Value.ToString("N"));

        var reply = await SendAsync(DarajaUrls.TransactionStatus, body, DarajaJsonContext.Default.ReversalStatusRequestBody, cancellationToken);
        var outcome = ToSubmission(reply);
        var detail = Detail(outcome);
        LogReversalStatus(logger, request.RefundId.Value, outcome.GetType().Name, detail);

        return outcome;
    }

    private static readonly ReversalSubmission.Rejected CredentialUnusable = new("shield.credential_unusable",
        "Mpesa:CertificatePath could not be read as a certificate to encrypt the initiator password with, so nothing was sent.");

    /// <summary>The SecurityCredential, or null when the certificate cannot be used (nothing is sent then: the refund fails, not Unknown).</summary>
    private static string? Credential(MpesaOptions settings)
    {
        try
        {
            using var certificate = SecurityCredential.LoadCertificate(settings.CertificatePath!);
            return SecurityCredential.Create(settings.InitiatorPassword!, certificate);
        }
        catch (Exception exception) when (exception is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException
            or ArgumentException)
        {
            return null;
        }
    }

    private static ReversalSubmission.Rejected? NotConfiguredForInitiatorCalls(MpesaOptions settings) =>
        settings is { Initiator.Length: > 0, InitiatorPassword.Length: > 0, CertificatePath.Length: > 0 }
            ? null
            : new ReversalSubmission.Rejected("shield.not_configured",
                "Reversal needs Mpesa:Initiator, Mpesa:InitiatorPassword and Mpesa:CertificatePath.");

    /// <summary>
    /// REFERENCE.md §11.2's build rule: 200 with ResponseCode "0" and a ConversationID is queued; a 4xx with Daraja's error
    /// body was not sent; a 5xx (with or without an error body), anything unreadable, a timeout or a failed connection may
    /// have been sent.
    /// </summary>
    private static ReversalSubmission ToSubmission((DarajaReply? Reply, NoAnswerReason? NoAnswer, bool Posted) reply) => reply switch
    {
        { Posted: false } => new ReversalSubmission.Rejected("shield.token_unavailable", "Daraja gave no OAuth token, so nothing was sent."),
        { NoAnswer: NoAnswerReason.TimedOut } => new ReversalSubmission.NoAnswer(ReversalNoAnswer.TimedOut),
        { NoAnswer: not null } => new ReversalSubmission.NoAnswer(ReversalNoAnswer.Unreachable),
        { Reply: var r } when r!.IsSuccessStatus && r.Read(DarajaJsonContext.Default.ReversalResponseBody) is
            { ConversationId.Length: > 0 } accepted && ReadCode(accepted.ResponseCode) == "0" =>
            new ReversalSubmission.Accepted(accepted.ConversationId!, string.IsNullOrWhiteSpace(accepted.OriginatorConversationId) ? null : accepted.OriginatorConversationId),
        { Reply: { Status: var status, Error: { } error } } when (int)status is >= 400 and < 500 =>
            new ReversalSubmission.Rejected(error.ErrorCode!, error.ErrorMessage ?? string.Empty),
        { Reply.Status: var status } when status >= HttpStatusCode.InternalServerError =>
            new ReversalSubmission.NoAnswer(ReversalNoAnswer.ServerError),
        _ => new ReversalSubmission.NoAnswer(ReversalNoAnswer.Unreadable),
    };

    /// <summary>What a log line may say about an outcome: Daraja's error code or the kind of silence, never ids or text.</summary>
    private static string Detail(ReversalSubmission outcome) => outcome switch
    {
        ReversalSubmission.Rejected rejected => rejected.ErrorCode,
        ReversalSubmission.NoAnswer noAnswer => noAnswer.Reason.ToString(),
        _ => "queued",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Reversal for refund {RefundId}: {Outcome} ({Detail})")]
    private static partial void LogReversal(ILogger logger, Guid refundId, string outcome, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transaction Status of the reversal for refund {RefundId}: {Outcome} ({Detail})")]
    private static partial void LogReversalStatus(ILogger logger, Guid refundId, string outcome, string detail);
}
