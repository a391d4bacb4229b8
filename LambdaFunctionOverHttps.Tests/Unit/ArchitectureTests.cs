using System.Reflection;
using System.Reflection.Emit;
using FluentAssertions;
using LambdaFunctionOverHttps.DynamoDb;
using LambdaFunctionOverHttps.Hosts.CustomRuntime;
using LambdaFunctionOverHttps.Hosts.ManagedRuntime;
using LambdaFunctionOverHttps.Invocation;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// The core knows no host: no type outside <c>Hosts/</c> (and the managed handler <c>Function</c>)
/// may use a host type, or anything of the local stack in <c>deploy/</c>. Checked on the compiled
/// assembly, method bodies included, so a fully qualified name in code cannot slip past.
/// </summary>
public class ArchitectureTests
{
    private static readonly Assembly Function = typeof(Invoker).Assembly;

    [Test]
    public void No_core_type_depends_on_a_host_type()
    {
        var violations = Function.GetTypes()
            .Where(type => !IsHost(type) && type.Namespace?.StartsWith("LambdaFunctionOverHttps", StringComparison.Ordinal) == true)
            .SelectMany(type => Dependencies(type).Where(IsHost).Select(host => $"{type.FullName} uses {host.FullName}"))
            .Distinct()
            .ToList();

        violations.Should().BeEmpty("the core must stay usable by every host; move the shared part into the core");
    }

    [Test]
    public void The_function_does_not_reference_the_local_stack_or_anything_else_in_deploy()
    {
        Function.GetReferencedAssemblies().Select(reference => reference.Name)
            .Should().NotContain(name => name!.StartsWith("DynamoDbManager", StringComparison.Ordinal));
    }

    [Test]
    public void The_dependency_scan_sees_signatures_and_method_bodies()
    {
        // Guards the check above against passing because it sees nothing.
        Dependencies(typeof(Function)).Should().Contain(typeof(Invoker)).And.Contain(typeof(FunctionError));
        Dependencies(typeof(RuntimeApiClient)).Should().Contain(typeof(RuntimeInvocation));
        Dependencies(typeof(RuntimeLoop)).Should().Contain(typeof(CryptoWarmUp), "RuntimeLoop calls it only inside an async method body");
    }

    private static bool IsHost(Type type) =>
        Outermost(type) == typeof(Function)
        || type.Namespace?.StartsWith("LambdaFunctionOverHttps.Hosts", StringComparison.Ordinal) == true
        || type.Assembly.GetName().Name?.StartsWith("DynamoDbManager", StringComparison.Ordinal) == true;

    private static Type Outermost(Type type) => type.DeclaringType is { } declaring ? Outermost(declaring) : type;

    /// <summary>Every type <paramref name="type"/> names: in its declaration, its members' signatures, and the IL of its methods, nested types (async state machines, lambdas) included.</summary>
    private static HashSet<Type> Dependencies(Type type)
    {
        var found = new HashSet<Type>();
        foreach (var each in new[] { type }.Concat(NestedTypes(type)))
        {
            Add(found, each.BaseType);
            foreach (var contract in each.GetInterfaces())
            {
                Add(found, contract);
            }

            foreach (var member in each.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                AddSignature(found, member);
                if (member is MethodBase method)
                {
                    foreach (var used in MembersUsedBy(method))
                    {
                        AddSignature(found, used);
                        Add(found, used as Type ?? used.DeclaringType);
                    }
                }
            }
        }

        return found;
    }

    private static IEnumerable<Type> NestedTypes(Type type) =>
        type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(nested => new[] { nested }.Concat(NestedTypes(nested)));

    private static void AddSignature(HashSet<Type> found, MemberInfo member)
    {
        switch (member)
        {
            case FieldInfo field:
                Add(found, field.FieldType);
                break;
            case PropertyInfo property:
                Add(found, property.PropertyType);
                break;
            case MethodInfo method:
                Add(found, method.ReturnType);
                AddParameters(found, method);
                break;
            case ConstructorInfo constructor:
                AddParameters(found, constructor);
                break;
            case Type nested:
                Add(found, nested);
                break;
        }
    }

    private static void AddParameters(HashSet<Type> found, MethodBase method)
    {
        foreach (var parameter in method.GetParameters())
        {
            Add(found, parameter.ParameterType);
        }
    }

    private static void Add(HashSet<Type> found, Type? type)
    {
        if (type is null || !found.Add(type))
        {
            return;
        }

        if (type.HasElementType)
        {
            Add(found, type.GetElementType());
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Add(found, argument);
            }
        }
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    /// <summary>The types, methods and fields a method's IL refers to by token.</summary>
    private static IEnumerable<MemberInfo> MembersUsedBy(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            var code = OpCodesByValue[value];
            at += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    yield return method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments)!;
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                default:
                    at += OperandSize(code.OperandType);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };
}
