using System.Reflection;
using System.Runtime.CompilerServices;
using Traefik.Manifests.Mirroring;
using Traefik.Manifests.Routing;

namespace Traefik.Manifests.Tests.Architecture;

public sealed class ImmutabilityTests
{
    [Fact]
    public void PublicTypes_HaveNoPublicSettersOrMutableCollections()
    {
        var offenders = new List<string>();
        foreach (var type in typeof(ManifestYaml).Assembly.GetExportedTypes().Where(t => !t.IsEnum))
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var setter = property.SetMethod;
                if (setter is { IsPublic: true } && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
                {
                    offenders.Add($"{type.Name}.{property.Name} has a public setter");
                }

                var t = property.PropertyType;
                if (t.IsArray || (t.IsGenericType && t.GetGenericTypeDefinition() is var g && (g == typeof(List<>) || g == typeof(Dictionary<,>) || g == typeof(IList<>) || g == typeof(IDictionary<,>))))
                {
                    offenders.Add($"{type.Name}.{property.Name} exposes a mutable collection");
                }
            }

            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (!field.IsInitOnly && !field.IsLiteral)
                {
                    offenders.Add($"{type.Name}.{field.Name} is a mutable public field");
                }
            }
        }

        Assert.Empty(offenders);
    }

    [Fact]
    public void Defaults_ArePinned()
    {
        Assert.Equal(
            ("-wrr", "-mirror", 80, "web", "websecure", "true", 56),
            (RoutingDefaults.WeightedSuffix, RoutingDefaults.MirrorSuffix, RoutingDefaults.Port, RoutingDefaults.HttpEntryPoint, RoutingDefaults.HttpsEntryPoint, RoutingDefaults.HeaderValue, RoutingDefaults.MaxRouteNameLength));
        Assert.Equal((20, "-stable", "-staging"), (MirroringDefaults.Percent, MirroringDefaults.MainSuffix, MirroringDefaults.MirrorSuffix));
    }
}
