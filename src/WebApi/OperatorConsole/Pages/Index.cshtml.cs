namespace Shield.WebApi.OperatorConsole.Pages;

public sealed class IndexModel : ConsolePage
{
    public void OnGet()
    {
    }
}
