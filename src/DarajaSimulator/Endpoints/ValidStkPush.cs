namespace Shield.DarajaSimulator.Endpoints;

/// <summary>The parts of a valid STK Push request the simulator keeps.</summary>
internal sealed record ValidStkPush(int Amount, string PhoneNumber, Uri CallbackUrl);
