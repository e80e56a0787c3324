using System.Reflection;
using System.Reflection.Emit;

namespace Traefik.GitOps.Tests.Architecture;

/// <summary>
/// The layering of <c>Traefik.GitOps</c>: it never depends on the MCP server above it, and only the types of its
/// <c>Git</c> folder talk to libgit2, so the rest of the package reads as plans, branches and pull requests.
/// </summary>
public sealed class ArchitectureTests
{
    private const string GitNamespace = "Traefik.GitOps.Git";

    private static readonly Assembly GitOps = typeof(GitOpsRepository).Assembly;

    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    [Fact]
    public void GitOps_ReferencesNeitherTheMcpServerNorItsSdk()
    {
        var referenced = GitOps.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.Contains("Traefik.Manifests", referenced);
        Assert.DoesNotContain(referenced, r => r.StartsWith("Traefik.Mcp", StringComparison.Ordinal) || r.StartsWith("ModelContextProtocol", StringComparison.Ordinal));
    }

    [Fact]
    public void LibGit2Sharp_IsUsedOnlyByTheGitFolder()
    {
        var offenders = new SortedSet<string>(StringComparer.Ordinal);
        var checkedTypes = 0;
        foreach (var type in GitOps.GetTypes().Where(t => !InGitFolder(t)))
        {
            checkedTypes++;
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            if (type.BaseType is { } baseType && IsLibGit(baseType))
            {
                offenders.Add($"{type.FullName}: derives from {baseType}");
            }

            foreach (var field in type.GetFields(all).Where(f => IsLibGit(f.FieldType)))
            {
                offenders.Add($"{type.FullName}.{field.Name}: field of type {field.FieldType}");
            }

            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                foreach (var used in Signature(method).Concat(BodyReferences(method)).Where(IsLibGit))
                {
                    offenders.Add($"{type.FullName}.{method.Name}: uses {used}");
                }
            }
        }

        Assert.True(checkedTypes > 50, $"only {checkedTypes} types were checked");
        Assert.Empty(offenders);
    }

    [Fact]
    public void LibGit2Sharp_IsUsedByTheGitFolder()
    {
        // The scan above is only meaningful if it can see a use: the Git folder's session must be found using libgit2.
        var session = GitOps.GetTypes().Single(t => t.FullName == GitNamespace + ".GitSession");
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        Assert.Contains(session.GetMethods(all).Cast<MethodBase>().Concat(session.GetConstructors(all)), m => BodyReferences(m).Any(IsLibGit));
    }

    /// <summary>True for the Git folder's types and the types the compiler nests in them (closures, iterators).</summary>
    private static bool InGitFolder(Type type)
    {
        var outer = type;
        while (outer.DeclaringType is { } declaring)
        {
            outer = declaring;
        }

        return outer.Namespace == GitNamespace;
    }

    private static bool IsLibGit(Type type) =>
        type.Assembly.GetName().Name == "LibGit2Sharp"
        || (type.HasElementType && IsLibGit(type.GetElementType()!))
        || (type.IsGenericType && !type.IsGenericTypeDefinition && type.GetGenericArguments().Any(IsLibGit));

    private static IEnumerable<Type> Signature(MethodBase method) =>
        method.GetParameters().Select(p => p.ParameterType).Concat(method is MethodInfo info ? [info.ReturnType] : []);

    /// <summary>The types every method, field and type token in the method's IL refers to.</summary>
    private static IEnumerable<Type> BodyReferences(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            short code = il[position++];
            if (code == 0xFE)
            {
                code = (short)(0xFE00 | il[position++]);
            }

            var operand = Operands[code];
            if (operand is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var member = method.Module.ResolveMember(BitConverter.ToInt32(il, position), typeArguments, methodArguments);
                switch (member)
                {
                    case Type type:
                        yield return type;
                        break;
                    case FieldInfo field:
                        yield return field.DeclaringType!;
                        yield return field.FieldType;
                        break;
                    case MethodBase called:
                        yield return called.DeclaringType!;
                        foreach (var type in Signature(called).Concat(called.IsGenericMethod ? called.GetGenericArguments() : []))
                        {
                            yield return type;
                        }

                        break;
                }
            }

            position += operand switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
                _ => 4,
            };
        }
    }
}
