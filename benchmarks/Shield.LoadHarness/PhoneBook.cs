using System.Globalization;

namespace Shield.LoadHarness;

/// <summary>
/// Phones ending in 0000: the simulator accepts the push and never calls back ("pays, callback lost"), so every
/// payment stays pending until the harness sends its callback. One push may be in flight per phone, so each payment
/// gets its own number: 2547NNNN0000 then 2541NNNN0000.
/// </summary>
internal static class PhoneBook
{
    public const int Capacity = 20_000;

    public static string Phone(int index) => index switch
    {
        < 0 or >= Capacity => throw new ArgumentOutOfRangeException(nameof(index)),
        < 10_000 => string.Create(CultureInfo.InvariantCulture, $"2547{index:D4}0000"),
        _ => string.Create(CultureInfo.InvariantCulture, $"2541{index - 10_000:D4}0000"),
    };
}
