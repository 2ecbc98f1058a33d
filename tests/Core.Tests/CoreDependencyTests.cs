using RiskGrid.Core.Models;

namespace RiskGrid.Core.Tests;

public sealed class CoreDependencyTests
{
    [Fact]
    public void Core_references_the_runtime_and_MathNet_only()
    {
        var references = typeof(ModelCatalog).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        var foreign = references.Where(n => !(n.StartsWith("System", StringComparison.Ordinal) ||
                                              n.StartsWith("Microsoft.", StringComparison.Ordinal) ||
                                              n == "netstandard" || n == "MathNet.Numerics")).ToArray();
        Assert.Empty(foreign);
        Assert.DoesNotContain(references, n => n.Contains("Torch", StringComparison.OrdinalIgnoreCase) || n.Contains("Orleans", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_registration_the_catalogue_has_no_lstm_and_names_the_models_it_knows()
    {
        // Core.Tests never loads RiskGrid.Models.Lstm, so nothing here registered it.
        Assert.DoesNotContain("lstm", ModelCatalog.Names);
        var ex = Assert.Throws<ArgumentException>(() => ModelCatalog.Create("lstm"));
        Assert.Contains("unknown model 'lstm'", ex.Message);
        Assert.Contains("garch-t", ex.Message);
    }
}
