namespace RiskGrid.Grid.Tests.TestSupport;

[CollectionDefinition(Name)]
public sealed class GridCollection : ICollectionFixture<GridFixture>
{
    public const string Name = "grid";
}
