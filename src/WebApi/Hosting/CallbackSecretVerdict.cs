namespace Shield.WebApi.Hosting;

/// <summary>
/// A request feature: whether the secret segment of a callback path matched an accepted secret. Set by
/// <see cref="CallbackPathRedaction"/> before the secret is replaced in the path; absent on every other request.
/// </summary>
internal sealed class CallbackSecretVerdict
{
    private static readonly CallbackSecretVerdict MatchedVerdict = new(true);
    private static readonly CallbackSecretVerdict NotMatchedVerdict = new(false);

    private CallbackSecretVerdict(bool matched) => Matched = matched;

    public bool Matched { get; }

    public static CallbackSecretVerdict Of(bool matched) => matched ? MatchedVerdict : NotMatchedVerdict;
}
