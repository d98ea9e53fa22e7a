using System.Text;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Hosting;

/// <summary>Bodies Safaricom posts to the callback routes, each for something Shield does not know (stored, acknowledged).</summary>
internal static class CallbackRequests
{
    /// <summary>An STK callback (a cancellation) for an unknown CheckoutRequestID.</summary>
    public static StringContent Stk() =>
        Json(StkCallbacks.Failure("ws_CO_" + Guid.NewGuid().ToString("N")[..20], 1032, "Request cancelled by user"));

    /// <summary>A Transaction Status answer (a queue timeout's shape) for an unknown conversation.</summary>
    public static StringContent TransactionStatus() =>
        Json($$$"""{"Result":{"ResultType":1,"ResultCode":1,"ResultDesc":"The service request timed out.","OriginatorConversationID":"o-1","ConversationID":"AG_{{{Guid.NewGuid():N}}}","TransactionID":"x"}}""");

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
