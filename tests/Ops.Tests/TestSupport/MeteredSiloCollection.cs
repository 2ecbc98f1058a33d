namespace RiskGrid.Ops.Tests.TestSupport;

[CollectionDefinition(Name)]
public sealed class MeteredSiloCollection : ICollectionFixture<MeteredSiloFixture>
{
    public const string Name = "metered silo";
}
