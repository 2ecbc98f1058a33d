using System.Runtime.CompilerServices;
using RiskGrid.Models.Lstm;

namespace RiskGrid.Grid.Tests.TestSupport;

/// <summary>Registers the models outside Core (the LSTM) before any test runs, as the CLI and silo do at start:
/// tests create models from the catalogue before (or without) configuring a silo in this process.</summary>
internal static class CatalogRegistration
{
#pragma warning disable CA2255 // a test assembly's one start-up hook, not a library's
    [ModuleInitializer]
    internal static void Register() => LstmCatalog.Register();
#pragma warning restore CA2255
}
