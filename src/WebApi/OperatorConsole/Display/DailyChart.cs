using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Shield.WebApi.OperatorConsole.Display;

/// <summary>One day of the Overview's chart.</summary>
public sealed record DailyBar(DateOnly Day, int Completed, int Failed, long Collected);

/// <summary>
/// The Overview's daily chart, drawn as SVG on the server (no script, nothing fetched): for each day a green bar of
/// completed payments and a red bar of failed ones, on one scale, with each bar's figures as its accessible title.
/// </summary>
public static class DailyChart
{
    private const int Height = 180;
    private const int Top = 12;
    private const int Bottom = 28;
    private const int Left = 36;

    public static IHtmlContent Render(IReadOnlyList<DailyBar> days, string title)
    {
        ArgumentNullException.ThrowIfNull(days);
        var slot = days.Count <= 10 ? 48 : 24;
        var width = Left + (Math.Max(1, days.Count) * slot) + 8;
        var max = Math.Max(1, days.Count == 0 ? 1 : days.Max(d => Math.Max(d.Completed, d.Failed)));
        var plot = Height - Top - Bottom;
        var svg = new StringBuilder();
        var encoder = HtmlEncoder.Default;
        svg.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-labelledby=\"chart-title\" viewBox=\"0 0 {width} {Height}\" width=\"100%\" style=\"max-width:{width}px\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"chart-title\">{encoder.Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plot}\" x2=\"{width}\" y2=\"{Top + plot}\" stroke=\"#8c959f\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 4}\" y=\"{Top + 4}\" text-anchor=\"end\">{max}</text><text x=\"{Left - 4}\" y=\"{Top + plot}\" text-anchor=\"end\">0</text>");
        var bar = (slot - 8) / 2;
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            var x = Left + (i * slot) + 4;
            var completed = (int)Math.Round(plot * (day.Completed / (double)max));
            var failed = (int)Math.Round(plot * (day.Failed / (double)max));
            var label = day.Day.ToString("d MMM", CultureInfo.InvariantCulture);
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{x}\" y=\"{Top + plot - completed}\" width=\"{bar}\" height=\"{completed}\" fill=\"#1a7f37\"><title>{label}: {day.Completed} completed, {encoder.Encode(ConsoleText.Kes(day.Collected))} collected</title></rect>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{x + bar}\" y=\"{Top + plot - failed}\" width=\"{bar}\" height=\"{failed}\" fill=\"#b42318\"><title>{label}: {day.Failed} failed</title></rect>");
            if (days.Count <= 10 || i % 3 == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + bar}\" y=\"{Height - 10}\" text-anchor=\"middle\">{label}</text>");
            }
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
