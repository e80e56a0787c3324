namespace Traefik.GitOps.Tests.Support;

/// <summary>Hand-written manifests as people write them: their own key order, indentation and comments.</summary>
public static class Samples
{
    public const string WeightedService = """
        apiVersion: traefik.io/v1alpha1
        kind: TraefikService
        metadata:
          name: api-wrr
          namespace: prod
        spec:
          weighted:
            services:
              - name: api-stable
                port: 80
                weight: 90
              - name: api-canary
                port: 80
                weight: 10

        """;

    public const string Route = """
        apiVersion: traefik.io/v1alpha1
        kind: IngressRoute
        metadata:
          name: api
          namespace: prod
        spec:
          entryPoints:
            - websecure
          routes:
            - kind: Rule
              match: Host(`api.example.com`)
              services:
                - kind: TraefikService
                  name: api-wrr

        """;

    /// <summary>A hand-written multi-document file: a Deployment, the route and its weighted service, in the author's key order.</summary>
    public const string MultiDocument = """
        # Everything for the api, kept together by hand.
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: prod
        spec:
          replicas: 3
          template:
            spec:
              containers:
              - image: "registry.example.com/api:1.4.2"
                name: api
        ---
        kind: TraefikService
        apiVersion: traefik.io/v1alpha1
        metadata:
          namespace: prod
          name: api-wrr
        spec:
          weighted:
            services:
            - weight: 90
              name: api-stable
              port: 80
            - weight: 10
              name: api-canary
              port: 80
        ---
        apiVersion: traefik.io/v1alpha1
        kind: IngressRoute
        metadata:
          name: api
          namespace: prod
        spec:
          routes:
          - match: Host(`api.example.com`)
            kind: Rule
            services:
            - name: api-wrr
              kind: TraefikService
        """;
}
