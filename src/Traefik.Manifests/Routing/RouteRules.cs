using System.Collections.Immutable;
using System.Globalization;
using Traefik.Manifests.Model;
using Traefik.Manifests.Validation;
using Traefik.Manifests.Values;

namespace Traefik.Manifests.Routing;

/// <summary>Validation and building of the parts every IngressRoute shares: names, entry points, TLS, middlewares, ports.</summary>
internal static class RouteRules
{
    public static void RouteName(string? name, Problems problems, string path = "name")
    {
        var error = Check.Label(name, "route name");
        if (error is null && name!.Length > RoutingDefaults.MaxRouteNameLength)
        {
            error = $"{Check.Show(name)} is {name.Length} characters long; a route name must be at most {RoutingDefaults.MaxRouteNameLength} characters so that {name}-mirror is still a valid name.";
        }

        problems.Check(path, error);
    }

    public static void Namespace(string? ns, Problems problems, string path = "namespace") =>
        problems.Check(path, Check.Label(ns, "namespace"));

    /// <summary>
    /// Normalises entry points: <c>https</c> becomes <c>websecure</c>, <c>http</c> becomes <c>web</c>; duplicates are
    /// dropped. A TLS route goes on <c>websecure</c> by default and is refused on <c>web</c>, the plain-HTTP entry point.
    /// </summary>
    public static ImmutableList<string> EntryPoints(IReadOnlyList<string>? requested, bool tls, Problems problems, string path = "entryPoints")
    {
        if (requested is null || requested.Count == 0)
        {
            return [tls ? RoutingDefaults.HttpsEntryPoint : RoutingDefaults.HttpEntryPoint];
        }

        var result = ImmutableList.CreateBuilder<string>();
        for (var i = 0; i < requested.Count; i++)
        {
            var name = requested[i] switch
            {
                "https" => RoutingDefaults.HttpsEntryPoint,
                "http" => RoutingDefaults.HttpEntryPoint,
                var other => other,
            };
            var error = Check.EntryPoint(name);
            if (error is not null)
            {
                problems.Add($"{path}[{i}]", error);
            }
            else if (tls && name == RoutingDefaults.HttpEntryPoint)
            {
                problems.Add($"{path}[{i}]", $"{requested[i]} is the plain-HTTP entry point {RoutingDefaults.HttpEntryPoint}; a TLS route there never receives HTTPS requests. Use {RoutingDefaults.HttpsEntryPoint} (the default with TLS), or turn TLS off; to redirect plain HTTP to HTTPS, give {RoutingDefaults.HttpEntryPoint} a route of its own with a redirectScheme middleware.");
            }
            else if (!result.Contains(name))
            {
                result.Add(name);
            }
        }

        return result.ToImmutable();
    }

    public static RouteTls? Tls(TlsSettings? tls, string routeNamespace, Problems problems, string path = "tls")
    {
        if (tls is null)
        {
            return null;
        }

        if (tls.SecretName is not null)
        {
            problems.Check(path + ".secretName", Check.Subdomain(tls.SecretName, "Secret name"));
        }

        if (tls.CertResolver is not null)
        {
            problems.Check(path + ".certResolver", Check.StaticName(tls.CertResolver, "certificate resolver name"));
        }

        if (tls.SecretName is not null && tls.CertResolver is not null)
        {
            problems.Add(path + ".certResolver", "give either a Secret or a certificate resolver: with a Secret, Traefik does not use the resolver.");
        }

        ObjectReference? options = null;
        if (tls.Options is not null)
        {
            var found = ObjectRef.Problems(tls.Options, ObjectRefForms.Namespaced, "TLSOption name", "TLSOption namespace");
            foreach (var problem in found)
            {
                problems.Add(path + ".options", problem);
            }

            if (found.Count == 0)
            {
                var reference = ObjectRef.Split(tls.Options, ObjectRefForms.Namespaced);
                options = new ObjectReference { Name = reference.Name, Namespace = reference.Namespace == routeNamespace ? null : reference.Namespace };
            }
        }

        ImmutableList<TlsDomain>? domains = null;
        if (tls.Domains is { Count: > 0 })
        {
            var builder = ImmutableList.CreateBuilder<TlsDomain>();
            for (var i = 0; i < tls.Domains.Count; i++)
            {
                var d = tls.Domains[i];
                problems.Check($"{path}.domains[{i}].main", Check.HostName(d.Main));
                var sans = d.Sans ?? [];
                for (var j = 0; j < sans.Count; j++)
                {
                    problems.Check($"{path}.domains[{i}].sans[{j}]", Check.HostName(sans[j]));
                }

                builder.Add(new TlsDomain { Main = d.Main, Sans = sans.Count == 0 ? null : sans });
            }

            domains = builder.ToImmutable();
        }

        return new RouteTls { SecretName = tls.SecretName, CertResolver = tls.CertResolver, Options = options, Domains = domains };
    }

    public static ImmutableList<MiddlewareReference>? Middlewares(
        IReadOnlyList<string>? names, string routeNamespace, ManifestSet objects, Problems problems, string path = "middlewares")
    {
        if (names is null || names.Count == 0)
        {
            return null;
        }

        var result = ImmutableList.CreateBuilder<MiddlewareReference>();
        for (var i = 0; i < names.Count; i++)
        {
            var reference = MiddlewareReferences.Parse(names[i], routeNamespace, problems, $"{path}[{i}]");
            if (reference is null)
            {
                continue;
            }

            MiddlewareReferences.RequireExisting(objects, reference, routeNamespace, problems, $"{path}[{i}]");
            if (!result.Any(r => MiddlewareReferences.SameTarget(r, reference, routeNamespace)))
            {
                result.Add(reference);
            }
        }

        return result.Count == 0 ? null : result.ToImmutable();
    }

    public static void Priority(long? priority, Problems problems, string path = "priority")
    {
        if (priority is > Check.MaxPriority)
        {
            problems.Add(path, $"must be at most {Check.MaxPriority.ToString(CultureInfo.InvariantCulture)} (Traefik reserves the values above it).");
        }
    }

    /// <summary>A Service port: a number from 1 to 65535 or an IANA service name (lower-case, at most 15 characters, with a letter).</summary>
    public static void Port(IntOrString port, Problems problems, string path)
    {
        if (port.Number is { } n)
        {
            if (n is < 1 or > 65535)
            {
                problems.Add(path, $"{n.ToString(CultureInfo.InvariantCulture)} is not a valid port: use a number from 1 to 65535 or the port's name.");
            }

            return;
        }

        var name = port.Text ?? string.Empty;
        if (name.Length is 0 or > 15 || !name.Any(char.IsAsciiLetterLower) || Check.Label(name) is not null || name.Contains("--", StringComparison.Ordinal))
        {
            problems.Add(path, $"{Check.Show(name)} is not a valid port name: use the Service port's name (lower-case letters, digits and '-', at most 15 characters) or its number.");
        }
    }

    /// <summary>Percent of a weight in a total, rounded to two decimals.</summary>
    public static decimal Percent(long weight, long total) => total <= 0 ? 0m : Math.Round(weight * 100m / total, 2, MidpointRounding.AwayFromZero);
}
