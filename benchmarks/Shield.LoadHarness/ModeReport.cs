namespace Shield.LoadHarness;

/// <summary>A mode's Markdown and whether everything it checks held.</summary>
internal sealed record ModeReport(string Markdown, bool Correct);
