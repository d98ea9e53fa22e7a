using Microsoft.AspNetCore.WebUtilities;

namespace Shield.WebApi.OperatorConsole.Display;

/// <summary>Previous / next links that keep the page's filters.</summary>
public sealed record PagerModel(int Page, int PageSize, int Total, string? QueryString)
{
    public int Pages => Math.Max(1, (int)Math.Ceiling(Total / (double)Math.Max(1, PageSize)));

    public string Link(int page)
    {
        var query = QueryHelpers.ParseQuery(QueryString).Where(q => q.Key != "page").SelectMany(q => q.Value.Select(v => (Name: q.Key, Value: v ?? string.Empty)))
            .Append((Name: "page", Value: page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return "?" + string.Join('&', query.Select(q => $"{Uri.EscapeDataString(q.Name)}={Uri.EscapeDataString(q.Value)}"));
    }
}
