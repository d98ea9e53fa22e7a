using Microsoft.AspNetCore.Http;
using Shield.DarajaSimulator.Wire;

namespace Shield.DarajaSimulator.Endpoints;

/// <summary>A synchronous Daraja error: HTTP status plus <c>errorCode</c>/<c>errorMessage</c>. Each answer gets a fresh requestId.</summary>
internal sealed record DarajaRejection(int StatusCode, string ErrorCode, string ErrorMessage)
{
    public IResult ToResult() =>
        Results.Json(
            new DarajaError(RandomIds.RequestId(), ErrorCode, ErrorMessage),
            SimulatorJsonContext.Default.DarajaError,
            contentType: null,
            statusCode: StatusCode);
}
