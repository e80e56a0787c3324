using Traefik.Manifests.Model;
using Traefik.Manifests.Operations;
using Traefik.Manifests.Validation;
using Traefik.Manifests.Values;

namespace Traefik.GitOps.Intents;

/// <summary>Builds <see cref="ITrafficIntent"/>s from a <c>Traefik.Manifests</c> operation.</summary>
public static class TrafficIntent
{
    /// <summary>
    /// An intent that runs <paramref name="operation"/> on the desired state. For example
    /// <c>TrafficIntent.Create("Shift prod/api to 20% canary", "weights prod/api api-canary=20 api-stable=80", "prod", "api",
    /// s =&gt; WeightedRoutes.UpdateWeights(s, "prod", "api", weights))</c>.
    /// </summary>
    /// <param name="title">One-line title for the proposal, commit and pull request.</param>
    /// <param name="fingerprint">Stable text identifying the intent and its arguments.</param>
    /// <param name="namespace">The namespace of the route or object.</param>
    /// <param name="target">The route or object name.</param>
    /// <param name="operation">The pure operation.</param>
    /// <exception cref="ManifestException">The namespace or the target is not a Kubernetes name.</exception>
    public static ITrafficIntent Create<TOutcome>(string title, string fingerprint, string @namespace, string target, Func<ManifestSet, OperationResult<TOutcome>> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return Create(title, fingerprint, @namespace, target, s => IntentResult.From(operation(s)));
    }

    /// <summary>An intent from a function returning an <see cref="IntentResult"/>.</summary>
    /// <param name="title">One-line title for the proposal, commit and pull request.</param>
    /// <param name="fingerprint">Stable text identifying the intent and its arguments.</param>
    /// <param name="namespace">The namespace of the route or object.</param>
    /// <param name="target">The route or object name.</param>
    /// <param name="apply">The pure function.</param>
    /// <exception cref="ManifestException">
    /// <paramref name="namespace"/> is not a DNS-1123 label or <paramref name="target"/> not a DNS-1123 subdomain: they
    /// name the proposal branch and the commit trailers, so they are refused before anything uses them.
    /// </exception>
    public static ITrafficIntent Create(string title, string fingerprint, string @namespace, string target, Func<ManifestSet, IntentResult> apply)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(fingerprint);
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(apply);
        var problems = new List<ManifestProblem>(2);
        if (!KubernetesName.TryParse(@namespace, KubernetesNameRule.Label, out _, out var namespaceError, "namespace"))
        {
            problems.Add(new ManifestProblem("namespace", namespaceError));
        }

        if (!KubernetesName.TryParse(target, KubernetesNameRule.Subdomain, out _, out var targetError, "target name"))
        {
            problems.Add(new ManifestProblem("target", targetError));
        }

        return problems.Count == 0
            ? new DelegateIntent(title, fingerprint, @namespace, target, apply)
            : throw new ManifestException("The intent's namespace or target is not a Kubernetes name.", problems);
    }

    /// <summary>
    /// The same intent with its record: what <see cref="GitOpsOptions.IntentDecoder"/> must turn back into an
    /// equivalent intent (same title, target and effect) when the proposal branch is rebuilt.
    /// </summary>
    /// <param name="intent">The intent.</param>
    /// <param name="record">The intent as data.</param>
    public static ITrafficIntent WithRecord(ITrafficIntent intent, IntentRecord record)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(record);
        return new RecordedIntent(intent is RecordedIntent recorded ? recorded.Inner : intent, record);
    }

    private sealed record RecordedIntent(ITrafficIntent Inner, IntentRecord Record) : ITrafficIntent
    {
        public string Title => Inner.Title;

        public string Fingerprint => Inner.Fingerprint;

        public string Namespace => Inner.Namespace;

        public string Target => Inner.Target;

        public IntentResult Apply(ManifestSet current) => Inner.Apply(current);
    }

    private sealed record DelegateIntent(string Title, string Fingerprint, string Namespace, string Target, Func<ManifestSet, IntentResult> ApplyFunction) : ITrafficIntent
    {
        public IntentResult Apply(ManifestSet current) => ApplyFunction(current);
    }
}
