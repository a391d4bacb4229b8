using System.Reflection;
using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace LambdaFunctionOverHttps.Tests.Support;

/// <summary>
/// The categories a project's fixtures are picked by (<c>dotnet test --filter TestCategory=…</c>):
/// finds the fixtures, as NUnit finds them, that a category filter would silently leave out.
/// </summary>
internal static class FixtureCategories
{
    /// <summary>
    /// Each fixture of <paramref name="assembly"/> that carries none of <paramref name="categories"/>, or,
    /// in a folder named after one (<c>{namespaceRoot}.{category}</c>), not that one.
    /// </summary>
    public static IEnumerable<string> Missing(Assembly assembly, string namespaceRoot, params string[] categories) =>
        from type in assembly.GetTypes()
        where IsFixture(type)
        let carried = type.GetCustomAttributes<CategoryAttribute>(inherit: true).Select(category => category.Name).ToHashSet()
        let folder = categories.FirstOrDefault(category => type.Namespace is { } name
            && (name == $"{namespaceRoot}.{category}" || name.StartsWith($"{namespaceRoot}.{category}.", StringComparison.Ordinal)))
        where folder is null ? !carried.Overlaps(categories) : !carried.Contains(folder)
        select $"{type.FullName} needs [Category(\"{folder ?? string.Join("\")] or [Category(\"", categories)}\")]";

    private static bool IsFixture(Type type) =>
        type is { IsClass: true, IsAbstract: false }
        && !type.IsDefined(typeof(SetUpFixtureAttribute))
        && (type.GetCustomAttributes(inherit: true).OfType<IFixtureBuilder>().Any()
            || type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
                .Any(method => method.GetCustomAttributes(inherit: true).Any(attribute => attribute is ITestBuilder or ISimpleTestBuilder)));
}
