using CsCheck;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.UnitTests.Domain.Properties;

/// <summary>
/// Every Safaricom number (7XXXXXXXX or 1XXXXXXXX) in every form a customer types parses to the same 12 digits; every
/// string that is not one of those forms is refused; the masked form never shows the middle of the number.
/// </summary>
public sealed class MsisdnPropertyTests
{
    private static readonly Gen<string> Digits8 = Gen.String[Gen.Char['0', '9'], 8, 8];

    /// <summary>The nine national digits of a Safaricom mobile number.</summary>
    private static readonly Gen<string> National = Gen.Select(Gen.Char["71"], Digits8, (first, rest) => first + rest);

    /// <summary>Characters a phone number never holds: letters, punctuation, digits of other scripts (not space, dash, plus).</summary>
    private static readonly Gen<char> Foreign = Gen.OneOf<char>(
        Gen.Char['a', 'z'], Gen.Char['A', 'Z'], Gen.Char[".,()/_#*oOlI"], Gen.Char['\u0660', '\u0669'], Gen.Char['\uFF10', '\uFF19'], Gen.Char["²³¹"]);

    /// <summary>A leading digit that is not 7 or 1.</summary>
    private static readonly Gen<char> NotSafaricom = Gen.Char["02345689"];

    /// <summary>Country codes of other countries (three digits that are not 254, and a few shorter ones).</summary>
    private static readonly Gen<string> OtherCountry = Gen.OneOf<string>(
        Gen.OneOf("255", "256", "250", "257", "251", "252", "253", "211", "260", "27", "1", "44"),
        Gen.Int[200, 299].Where(code => code != 254).Select(code => code.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Parse_EveryAcceptedFormOfANationalNumber_Gives254AndTheNationalDigits() =>
        Gen.Select(National, Gen.OneOf("", " ", "-").Array[9, 9]).Sample((national, gaps) =>
        {
            var expected = "254" + national;
            var local = "0" + national;
            var separated = string.Concat(local.Select((digit, i) => i < gaps.Length ? digit + gaps[i] : digit.ToString()));
            foreach (var form in new[] { local, national, "254" + national, "+254" + national, separated })
            {
                Assert.True(Msisdn.TryParse(form, out var msisdn), $"'{form}' was refused");
                Assert.Equal(expected, msisdn.Value);
                Assert.Equal(msisdn, Msisdn.Parse(form));
                Assert.True(Msisdn.IsValid(form));
            }
        }, iter: 2000);

    [Fact]
    public void Parse_ItsOwnValue_RoundTrips() =>
        National.Select(n => Msisdn.Parse("0" + n)).Sample(msisdn =>
        {
            var again = Msisdn.Parse(msisdn.Value);

            Assert.Equal(msisdn.Value, again.Value);
            Assert.Equal(msisdn, again);
            Assert.Equal(msisdn.Value, Msisdn.Parse(again.Value).Value);
        }, iter: 2000);

    [Fact]
    public void TryParse_AnythingButTheAcceptedForms_IsRefused() =>
        Refusable().Sample(candidate =>
        {
            Assert.False(Msisdn.TryParse(candidate.Input, out var msisdn), $"{candidate.Kind}: '{candidate.Input}' parsed as {msisdn?.Value}");
            Assert.Null(msisdn);
            Assert.False(Msisdn.IsValid(candidate.Input));
            Assert.Throws<DomainException>(() => Msisdn.Parse(candidate.Input));
        }, iter: 5000, print: candidate => $"{candidate.Kind}: \"{candidate.Input}\"");

    [Fact]
    public void Masked_AnyNumber_KeepsFirstFourAndLastTwoAndHidesTheRest() =>
        National.Select(n => Msisdn.Parse(n)).Sample(msisdn =>
        {
            var value = msisdn.Value;
            var masked = msisdn.Masked;

            Assert.Equal(value.Length, masked.Length);
            Assert.Equal(value[..4], masked[..4]);
            Assert.Equal(value[^2..], masked[^2..]);
            Assert.All(masked[4..^2], c => Assert.Equal('*', c));
            Assert.Equal(masked, msisdn.ToString());
            Assert.DoesNotContain(value[4..^2], masked, StringComparison.Ordinal);
        }, iter: 2000);

    [Fact]
    public void Mask_AnyString_KeepsFirstFourAndLastTwoOrHidesAllWhenShort() =>
        Gen.String[0, 30].Sample(text =>
        {
            var masked = Msisdn.Mask(text);

            if (text.Length < 7)
            {
                Assert.Equal("****", masked); // showing 4 + 2 of a short string would show all of it
                return;
            }

            Assert.Equal(text.Length, masked.Length);
            Assert.Equal(text[..4], masked[..4]);
            Assert.Equal(text[^2..], masked[^2..]);
            Assert.All(masked[4..^2], c => Assert.Equal('*', c));
        }, iter: 2000);

    /// <summary>Strings that are not a Safaricom number in an accepted form, each with the reason it is not.</summary>
    private static Gen<(string Kind, string Input)> Refusable()
    {
        Gen<string> DigitsOtherThan(int excludedLength, int max) =>
            Gen.Int[0, max].Where(n => n != excludedLength).SelectMany(n => Gen.String[Gen.Char['0', '9'], n, n]);

        var accepted = Gen.Select(National, Gen.Int[0, 3], (n, form) => form switch
        {
            0 => "0" + n,
            1 => n,
            2 => "254" + n,
            _ => "+254" + n,
        });

        return Gen.OneOf<(string Kind, string Input)>(
            Gen.Select(Gen.Char["71"], DigitsOtherThan(8, 14), (first, rest) => ("national number of the wrong length", first + rest)),
            Gen.Select(Gen.Char["71"], DigitsOtherThan(8, 14), (first, rest) => ("0 + number of the wrong length", "0" + first + rest)),
            Gen.Select(Gen.OneOf("254", "+254"), Gen.Char["71"], DigitsOtherThan(8, 12),
                (code, first, rest) => ("254 + number of the wrong length", code + first + rest)),
            Gen.Select(NotSafaricom, Digits8, (first, rest) => ("national number not starting 7 or 1", first + rest)),
            Gen.Select(NotSafaricom, Digits8, (first, rest) => ("0 + number not starting 7 or 1", "0" + first + rest)),
            Gen.Select(Gen.OneOf("254", "+254"), NotSafaricom, Digits8, (code, first, rest) => ("254 + number not starting 7 or 1", code + first + rest)),
            Gen.Select(Gen.OneOf("", "+"), OtherCountry, National, (plus, code, n) => ("another country's code", plus + code + n)),
            Gen.Select(Gen.OneOf("+", "+0", "+ "), National, (prefix, n) => ("'+' before a national number", prefix + n)),
            Gen.Select(accepted, Foreign, Gen.Int[0, 20], Gen.Bool, (input, c, at, replace) =>
            {
                var i = Math.Min(at, input.Length - 1);
                return ("a character no phone number has", replace ? input[..i] + c + input[(i + 1)..] : input.Insert(Math.Min(at, input.Length), c.ToString()));
            }),
            Gen.Select(accepted, Gen.Int[1, 20], (input, at) => ("'+' not first", input.Insert(Math.Min(at, input.Length), "+"))),
            Gen.String.AlphaNumeric.Where(s => s.Any(char.IsAsciiLetter)).Select(s => ("letters", s)),
            Gen.OneOf("", " ", "   ", "\t", "+", "-", "--", "+254", "254", "0").Select(s => ("nothing to parse", s)));
    }
}
