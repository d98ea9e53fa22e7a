namespace Shield.DarajaSimulator;

/// <summary>How closely the simulator holds clients to Daraja's documentation (<c>Simulator:Strictness</c>).</summary>
public enum DarajaSimulatorStrictness
{
    /// <summary>
    /// Accepts what real Daraja is known or likely to accept although the documentation forbids it, and notes each
    /// such deviation in <see cref="DarajaSimulatorJournal.Deviations"/> and in its log: a Timestamp in UTC instead
    /// of East Africa Time, an AccountReference of 13 to 15 characters, a TransactionDesc of 14 to 100 characters,
    /// and a Transaction Status IdentifierType of an older documented value (<c>1</c> or <c>2</c>). What Daraja is
    /// known to enforce is refused as in <see cref="Strict"/>.
    /// </summary>
    Documented,

    /// <summary>Refuses everything the documentation forbids, with Daraja's error shape.</summary>
    Strict,
}
