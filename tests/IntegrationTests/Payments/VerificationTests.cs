using System.Net;
using System.Text.Json;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Payments;

/// <summary>Verify on a completed payment: Transaction Status through the simulator, its asynchronous answer stored and shown.</summary>
public sealed class VerificationTests
{
    private static Dictionary<string, string?> Settings() => new()
    {
        ["Simulator:CallbackDelay"] = "00:00:00.200",
        ["Reconciliation:Enabled"] = "false",
    };

    [Fact]
    public async Task Verify_CompletedPayment_RecordsTheTransactionStatusResult()
    {
        await using var app = new ShieldApp(Settings());
        using var client = app.Client();
        var created = await client.CreatePaymentAsync(Phones.Next(), 130);
        var completed = await client.WaitForAsync(created.Id);
        Assert.Equal(PaymentStatus.Completed, completed.Status);

        using var verify = await client.PostAsync(new Uri($"api/v1/payments/{created.Id}/verify", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Accepted, verify.StatusCode);
        var requested = JsonSerializer.Deserialize<PaymentDetails>(await verify.Content.ReadAsStringAsync(), ShieldApp.Json)!;
        Assert.Equal(VerificationStatus.Requested, requested.Verification!.Status);
        Assert.Null(requested.Verification.Matches);

        var verified = await client.WaitForAsync(created.Id, p => p.Verification?.Status != VerificationStatus.Requested);
        var verification = verified.Verification!;
        Assert.Equal(VerificationStatus.Confirmed, verification.Status);
        Assert.True(verification.Matches);
        Assert.Equal(130, verification.Amount);
        Assert.Equal(completed.MpesaReceiptNumber, verification.ReceiptNumber);
        Assert.Equal("Completed", verification.TransactionStatus);
        Assert.NotNull(verification.CompletedAt);
        Assert.Equal(PaymentStatus.Completed, verified.Status);

        var request = app.Journal.Requests.Last(r => r.Path.EndsWith("transactionstatus/v1/query", StringComparison.Ordinal));
        using var body = JsonDocument.Parse(request.Body!);
        Assert.Equal("TransactionStatusQuery", body.RootElement.GetProperty("CommandID").GetString());
        Assert.Equal(completed.MpesaReceiptNumber, body.RootElement.GetProperty("TransactionID").GetString());
        Assert.Equal("4", body.RootElement.GetProperty("IdentifierType").GetString());
        Assert.Equal("174379", body.RootElement.GetProperty("PartyA").GetString());
        Assert.Equal($"{app.BaseUrl}api/v1/daraja/transaction-status/result/{ShieldApp.CallbackSecret}", body.RootElement.GetProperty("ResultURL").GetString());
        Assert.Equal($"{app.BaseUrl}api/v1/daraja/transaction-status/timeout/{ShieldApp.CallbackSecret}", body.RootElement.GetProperty("QueueTimeOutURL").GetString());
    }

    [Fact]
    public async Task TransactionStatusResult_ThatDiffersFromThePayment_IsAMismatchAndFlagsIt()
    {
        await using var app = new ShieldApp(Settings());
        using var client = app.Client();
        var created = await client.CreatePaymentAsync(Phones.Next(), 130);
        var completed = await client.WaitForAsync(created.Id);
        var receipt = completed.MpesaReceiptNumber!;
        var body = """{"Result":{"ResultType":"0","ResultCode":"0","ResultDesc":"The service request is processed successfully.","OriginatorConversationID":"x-1","ConversationID":"AG_20261127_unrequested","TransactionID":"RECEIPT","ResultParameters":{"ResultParameter":[{"Key":"ReceiptNo","Value":"RECEIPT"},{"Key":"Amount","Value":"13"},{"Key":"TransactionStatus","Value":"Completed"},{"Key":"FinalisedTime","Value":20261127101010},{"Key":"TransactionReason"}]},"ReferenceData":{"ReferenceItem":[{"Key":"Occasion"}]}}}""".Replace("RECEIPT", receipt, StringComparison.Ordinal);

        using var response = await app.Anonymous().PostAsync(
            new Uri($"api/v1/daraja/transaction-status/result/{ShieldApp.CallbackSecret}", UriKind.Relative),
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var payment = await client.GetPaymentAsync(created.Id);
        Assert.Equal(VerificationStatus.Mismatch, payment.Verification!.Status);
        Assert.False(payment.Verification.Matches);
        Assert.Equal(13, payment.Verification.Amount);
        Assert.Equal("verification_mismatch", payment.ReviewReason);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
    }

    [Fact]
    public async Task TransactionStatusTimeout_IsRecordedAsTimedOut()
    {
        await using var app = new ShieldApp(Settings());
        using var client = app.Client();
        var created = await client.CreatePaymentAsync(Phones.Next(), 20);
        await client.WaitForAsync(created.Id);
        using var verify = await client.PostAsync(new Uri($"api/v1/payments/{created.Id}/verify", UriKind.Relative), null);
        var requested = JsonSerializer.Deserialize<PaymentDetails>(await verify.Content.ReadAsStringAsync(), ShieldApp.Json)!;
        await client.WaitForAsync(created.Id, p => p.Verification?.Status != VerificationStatus.Requested);
        var conversation = JsonDocument.Parse(app.Journal.TransactionStatusResults[^1]).RootElement.GetProperty("Result").GetProperty("ConversationID").GetString();
        Assert.NotNull(requested.Verification);

        var timeout = """{"Result":{"ResultType":1,"ResultCode":1,"ResultDesc":"The service request timed out.","OriginatorConversationID":"o-1","ConversationID":"CONVERSATION","TransactionID":"x"}}""".Replace("CONVERSATION", conversation, StringComparison.Ordinal);
        using var response = await app.Anonymous().PostAsync(
            new Uri($"api/v1/daraja/transaction-status/timeout/{ShieldApp.CallbackSecret}", UriKind.Relative),
            new StringContent(timeout, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(VerificationStatus.TimedOut, (await client.GetPaymentAsync(created.Id)).Verification!.Status);
    }

    [Fact]
    public async Task TransactionStatusResult_WithWrongSecret_IsNotFound()
    {
        await using var app = new ShieldApp(Settings());
        using var response = await app.Anonymous().PostAsync(
            new Uri("api/v1/daraja/transaction-status/result/not-the-secret-0001", UriKind.Relative),
            new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
