using Microsoft.AspNetCore.Http;

namespace Shield.DarajaSimulator.Endpoints;

/// <summary>The errors the simulator answers with, worded as Daraja words them (REFERENCE.md §1.5, §2.6, §2.7).</summary>
internal static class DarajaRejections
{
    public static readonly DarajaRejection InvalidAuthentication =
        new(StatusCodes.Status400BadRequest, "400.008.01", "Invalid Authentication passed");

    public static readonly DarajaRejection InvalidGrantType =
        new(StatusCodes.Status400BadRequest, "400.008.02", "Invalid grant type passed");

    public static readonly DarajaRejection InvalidAuthenticationHeader =
        new(StatusCodes.Status404NotFound, "404.001.04", "Invalid Authentication Header");

    public static readonly DarajaRejection InvalidAccessToken =
        new(StatusCodes.Status404NotFound, "404.001.03", "Invalid Access Token");

    public static readonly DarajaRejection InvalidPayload =
        new(StatusCodes.Status400BadRequest, "400.002.05", "Invalid Request Payload");

    public static readonly DarajaRejection WrongCredentials =
        new(StatusCodes.Status500InternalServerError, "500.001.1001", "Wrong credentials");

    public static readonly DarajaRejection SubscriberLocked =
        new(StatusCodes.Status500InternalServerError, "500.001.1001", "Unable to lock subscriber, a transaction is already in process for the current subscriber");

    public static readonly DarajaRejection TransactionDoesNotExist =
        new(StatusCodes.Status500InternalServerError, "500.001.1001", "The transaction does not Exist");

    /// <summary><c>400.002.02 Bad Request - Invalid {field}</c>.</summary>
    public static DarajaRejection InvalidField(string field) =>
        new(StatusCodes.Status400BadRequest, "400.002.02", "Bad Request - Invalid " + field);
}
