using System.Net;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>What the console does: sends the operators' queries and commands through the host's own mediator, in a scope of its services.</summary>
public static class OperatorQueries
{
    public static async Task<T> QueryAsync<T>(this ShieldApp app, IQuery<T> query)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    public static async Task<T> CommandAsync<T>(this ShieldApp app, ICommand<T> command)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    /// <summary>Every element of a stream, enumerated inside the scope that created it (as a response body written row by row is).</summary>
    public static async Task<List<T>> StreamAsync<T>(this ShieldApp app, IStreamQuery<T> query)
    {
        await using var scope = app.Scope();
        var rows = new List<T>();
        await foreach (var row in scope.ServiceProvider.GetRequiredService<ISender>().CreateStream(query))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// A payment whose push Daraja never answered usably (a 502 HTML page: the push may have gone out), so its attempt is
    /// Unknown without a CheckoutRequestID. The host must use <paramref name="daraja"/> as Daraja.
    /// </summary>
    public static async Task<Guid> LostPushAnswerAsync(this HttpClient client, FakeDaraja daraja, string phone, decimal amount)
    {
        ArgumentNullException.ThrowIfNull(daraja);
        daraja.Push = (context, _, _) => FakeDaraja.Html(context, HttpStatusCode.BadGateway);
        using var response = await client.PostPaymentAsync(phone, amount);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("paymentId").GetGuid();
    }

    /// <summary>A receipt number no other test uses.</summary>
    public static string NewReceipt() => "T" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();
}
