using System.Globalization;
using System.Text.Json;
using Shield.DarajaSimulator.Pushes;
using Shield.DarajaSimulator.Wire;

namespace Shield.DarajaSimulator.Callbacks;

/// <summary>Builds the callback body exactly as REFERENCE.md §3.3 (success) and §3.4 (failure) show it.</summary>
internal static class CallbackPayloadFactory
{
    public static byte[] Create(SimulatedPush push)
    {
        var scenario = push.Scenario;
        var metadata = scenario.IsSuccess ? SuccessMetadata(push) : null;
        var callback = new StkCallback(push.MerchantRequestId, push.CheckoutRequestId, scenario.ResultCode, scenario.CallbackResultDesc, metadata);
        return JsonSerializer.SerializeToUtf8Bytes(
            new StkCallbackEnvelope(new StkCallbackBody(callback)),
            SimulatorJsonContext.Default.StkCallbackEnvelope);
    }

    private static StkCallbackMetadata SuccessMetadata(SimulatedPush push)
    {
        var context = SimulatorJsonContext.Default;

        // decimal keeps its scale: 100 * 1.00m is written as 100.00, like Daraja's "Value":1.00.
        var amount = JsonSerializer.SerializeToElement(push.Amount * 1.00m, context.Decimal);
        var receipt = JsonSerializer.SerializeToElement(push.ReceiptNumber ?? "", context.String);
        var transactionDate = JsonSerializer.SerializeToElement(
            long.Parse(EastAfricaTime.Format(push.FinalAt, EastAfricaTime.TimestampFormat), CultureInfo.InvariantCulture),
            context.Int64);
        var phone = JsonSerializer.SerializeToElement(long.Parse(push.PhoneNumber, CultureInfo.InvariantCulture), context.Int64);

        return new StkCallbackMetadata(
        [
            new StkCallbackItem("Amount", amount),
            new StkCallbackItem("MpesaReceiptNumber", receipt),
            new StkCallbackItem("Balance", null),
            new StkCallbackItem("TransactionDate", transactionDate),
            new StkCallbackItem("PhoneNumber", phone),
        ]);
    }
}
