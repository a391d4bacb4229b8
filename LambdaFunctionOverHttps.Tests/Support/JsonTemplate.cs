using System.Globalization;

namespace LambdaFunctionOverHttps.Tests.Support;

/// <summary>
/// Fills <c>{name}</c> slots in a JSON text; raw JSON full of braces reads better this way than as
/// an interpolated string.
/// </summary>
internal static class JsonTemplate
{
    public static string With(this string template, string name, object value) =>
        template.Replace($"{{{name}}}", Convert.ToString(value, CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
