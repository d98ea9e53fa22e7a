namespace Shield.Baseline.Daraja;

internal enum PushOutcomeKind
{
    Accepted,
    Rejected,
    NoAnswer,
}
