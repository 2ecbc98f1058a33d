namespace RiskGrid.Grid.Tests.TestSupport;

/// <summary>A fact that needs Redis: skipped with the reason locally, run (and failing clearly) under CI.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        Skip = CiEnvironment.SkipReason(RedisEnvironment.Problem);
    }
}
