namespace Shield.IntegrationTests.Infrastructure;

/// <summary>Tests that take a shared resource away (the database server) run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial";
}
