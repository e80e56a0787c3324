using Traefik.Manifests.Middlewares;
using Traefik.Manifests.Model;
using Traefik.Manifests.Validation;

namespace Traefik.Manifests.Tests.Middlewares;

public sealed class MiddlewareRulesTests
{
    public static TheoryData<string, string[]> Cases => new()
    {
        {
            "addPrefix",
            [
                "spec.addPrefix.prefix: \"api\" must start with '/'.",
            ]
        },
        {
            "basicAuth",
            [
                "spec.basicAuth.secret: is required: the name of a Secret in the Middleware's namespace (type kubernetes.io/basic-auth, or one key holding htpasswd lines user:hash).",
                "spec.basicAuth.realm: \"my \"realm\"\" must be non-empty text without double quotes or control characters (it is sent inside the quoted WWW-Authenticate challenge).",
                "spec.basicAuth.headerField: \"X User\" is not a valid header name: use letters, digits, '-', '_' and '.' (an RFC 7230 token).",
            ]
        },
        {
            "buffering",
            [
                "spec.buffering.maxRequestBodyBytes: -1 is too small: give at least 0 (0 means no maximum).",
                "spec.buffering.retryExpression: Attempts() is a count: compare it with an integer such as 2, not 2.0.",
                "spec.buffering.retryExpression: IsNetworkError() is already true or false: use it alone, without '== …'.",
            ]
        },
        {
            "chain",
            [
                "spec.chain.middlewares[0].name: a middleware name is required.",
                "spec.chain.middlewares[1].name: \"Bad_Name\" is not a valid middleware name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (DNS-1123 subdomain).",
                "spec.chain.middlewares[2].name: \"File\" is not a valid provider name: use lower-case letters and digits, for example file or kubernetescrd.",
                "spec.chain.middlewares[3].namespace: is ignored by Traefik for a name@provider reference (auth@file); remove it.",
            ]
        },
        {
            "circuitBreaker",
            [
                "spec.circuitBreaker.expression: NetworkErrorRatio() is a ratio: compare it with a decimal such as 0.5, not 1.",
                "spec.circuitBreaker.checkPeriod: \"10 s\" is not a valid duration: use a number with a unit (ns, us, ms, s, m, h), for example 10s, 250ms or 1m30s.",
                "spec.circuitBreaker.fallbackDuration: -5 is negative: give whole seconds (0 or more) or a duration such as 10s or 100ms.",
                "spec.circuitBreaker.recoveryDuration: \"1d\" is not a valid duration: use a number with a unit (ns, us, ms, s, m, h), for example 10s, 250ms or 1m30s.",
                "spec.circuitBreaker.responseCode: 700 is not an HTTP status code: use 100 to 599.",
            ]
        },
        {
            "compress",
            [
                "spec.compress: excludedContentTypes and includedContentTypes cannot both be set (Traefik rejects the middleware); keep one.",
                "spec.compress.excludedContentTypes[0]: \"html\" is not a media type: write type/subtype, for example text/html or application/json.",
                "spec.compress.minResponseBodyBytes: -1 is too small: give at least 0.",
                "spec.compress.encodings[0]: \"deflate\" is not an encoding Traefik knows: use gzip, br, zstd.",
                "spec.compress.encodings[2]: gzip is listed twice.",
                "spec.compress.defaultEncoding: \"lz4\" is not an encoding Traefik knows: use gzip, br, zstd.",
            ]
        },
        {
            "emptyChain",
            [
                "spec.chain.middlewares: needs at least one middleware, listed in the order they apply.",
            ]
        },
        {
            "emptyStripPrefix",
            [
                "spec.stripPrefix.prefixes: needs at least one prefix to strip, for example /api.",
            ]
        },
        {
            "errors",
            [
                "spec.errors.status[0]: \"5xx\" is not a status code list: write codes and ranges such as 500-599, 404 or 500,502-504.",
                "spec.errors.status[2]: \"600\" is not a status code list: write codes and ranges such as 500-599, 404 or 500,502-504.",
                "spec.errors.status[3]: \"599-500\" has the range \"599-500\", which does not go from a lower to a higher code (for example 500-599).",
                "spec.errors.statusRewrites.418: 99 is not an HTTP status code: use 100 to 599.",
                "spec.errors.service.port: is required for a Kubernetes Service: its port number or name, for example 80 or http.",
                "spec.errors.service.sticky.cookie.name: \"bad cookie\" is not a valid cookie name: use letters, digits, '-', '_' and '.' (an RFC 7230 token).",
                "spec.errors.service.sticky.cookie.sameSite: write \"lax\" in lower case: Traefik before 3.7 accepts only none, lax and strict.",
                "spec.errors.query: \"error.html\" must be a path starting with '/' without spaces, for example /{status}.html ({status}, {originalStatus} and {url} are replaced).",
            ]
        },
        {
            "forwardAuth",
            [
                "spec.forwardAuth.address: \"auth.example.com/verify\" is not an absolute http:// or https:// URL, for example https://auth.example.com/verify.",
                "spec.forwardAuth.authResponseHeaders[0]: \"X Bad\" is not a valid header name: use letters, digits, '-', '_' and '.' (an RFC 7230 token).",
                "spec.forwardAuth.authResponseHeadersRegex: \"(?=X-)\" is not a valid Go regular expression (RE2): \"(?=\" at position 1 is not supported: lookahead is not supported by RE2; match the text itself instead.",
                "spec.forwardAuth.tls.caSecret: \"Bad_Secret\" is not a valid Secret name: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (DNS-1123 subdomain).",
                "spec.forwardAuth.maxBodySize: -2 is too small: give at least -1 (-1 means no limit).",
                "spec.forwardAuth.authSigninURL: \"ftp://auth.example.com/signin\" is not an absolute http:// or https:// URL, for example https://auth.example.com/verify.",
            ]
        },
        {
            "grpcWeb",
            [
                "spec.grpcWeb.allowOrigins[0]: \"https://app.example.com/path\" is not an origin: write scheme://host[:port] without a path, for example https://app.example.com, or * for any origin.",
            ]
        },
        {
            "headers",
            [
                "spec.headers.customRequestHeaders[\"Bad Header\"]: \"Bad Header\" is not a valid header name: use letters, digits, '-', '_' and '.' (an RFC 7230 token).",
                "spec.headers.customRequestHeaders.X-Ok: \"line\\u000abreak\" contains a control character; a header value must be one line of text.",
                "spec.headers.accessControlAllowMethods[0]: \"get\" is not an HTTP method: write it in upper case, for example GET or POST, or * for any.",
                "spec.headers.accessControlAllowOriginList[1]: \"https://app.example.com/path\" is not an origin: write scheme://host[:port] without a path, for example https://app.example.com, or * for any origin.",
                "spec.headers.allowedHosts[0]: \"bad_host\" is not a valid host name (RFC 1123): use letters, digits, '-' and '.' only; internationalised names must be written in punycode (xn--…).",
                "spec.headers.stsSeconds: -1 is too small: give at least 0 seconds (0 leaves Strict-Transport-Security out).",
                "spec.headers.accessControlAllowOriginList: \"*\" cannot be combined with accessControlAllowCredentials: browsers refuse credentials for a wildcard origin; list the origins.",
            ]
        },
        {
            "inFlightReq",
            [
                "spec.inFlightReq.amount: 0 is too small: the number of simultaneous requests allowed, at least 1 (Traefik rejects 0).",
            ]
        },
        {
            "ipAllowList",
            [
                "spec.ipAllowList.sourceRange[1]: \"10.0.0.0/33\" has an invalid prefix length: use /0 to /32.",
                "spec.ipAllowList.sourceRange[2]: \"300.1.1.1\" is not an IP address or CIDR range: the number 300 is above 255; write for example 10.0.0.0/8, 192.168.1.7 or 2001:db8::/32.",
                "spec.ipAllowList.sourceRange[3]: \"2001:db8::/129\" has an invalid prefix length: use /0 to /128.",
                "spec.ipAllowList.sourceRange[4]: \"fe80::1%eth0\" is not an IP address or CIDR range: zones such as %eth0 are not allowed; write for example 10.0.0.0/8, 192.168.1.7 or 2001:db8::/32.",
                "spec.ipAllowList.sourceRange[5]: \"10.1\" is not an IP address or CIDR range: an IPv4 address has four numbers separated by dots (Go does not read short forms such as 127.1); write for example 10.0.0.0/8, 192.168.1.7 or 2001:db8::/32.",
                "spec.ipAllowList.ipStrategy.depth: -1 is too small: give at least 0 (0 means X-Forwarded-For is not used).",
                "spec.ipAllowList.ipStrategy.excludedIPs[0]: \"localhost\" is not an IP address or CIDR range: it is neither a dotted IPv4 address nor an IPv6 address (host names are not resolved); write for example 10.0.0.0/8, 192.168.1.7 or 2001:db8::/32.",
                "spec.ipAllowList.ipStrategy.ipv6Subnet: 200 is not an IPv6 prefix length: use 0 to 128, for example 64.",
                "spec.ipAllowList.rejectStatusCode: 99 is not an HTTP status code: use 100 to 599.",
            ]
        },
        {
            "noType",
            [
                "spec: no middleware type is set: set exactly one of addPrefix, basicAuth, buffering, chain, circuitBreaker, compress, contentType, digestAuth, encodedCharacters, errors, forwardAuth, grpcWeb, headers, inFlightReq, ipAllowList, passTLSClientCert, plugin, rateLimit, redirectRegex, redirectScheme, replacePath, replacePathRegex, retry, stripPrefix, stripPrefixRegex.",
            ]
        },
        {
            "plugin",
            [
                "spec.plugin: needs exactly one plugin (found 2): the plugin name declared in Traefik's static configuration, mapped to its configuration.",
                "spec.plugin[\"bad name\"]: \"bad name\" is not a valid plugin name: use the name declared under experimental.plugins or experimental.localPlugins (letters, digits, '-' and '_').",
                "spec.plugin.demo: must be an object holding the plugin's configuration ({} for none), not string.",
            ]
        },
        {
            "rateLimit",
            [
                "spec.rateLimit.average: -1 is too small: give at least 0 (0 means no limit).",
                "spec.rateLimit.burst: -1 is too small: give at least 0.",
                "spec.rateLimit.period: \"fast\" is not a valid duration: use a number with a unit (ns, us, ms, s, m, h), for example 10s, 250ms or 1m30s.",
                "spec.rateLimit.sourceCriterion: sets requestHeaderName and requestHost; Traefik accepts only one of ipStrategy, requestHeaderName and requestHost.",
                "spec.rateLimit.redis.endpoints[0]: \"redis\" is not an endpoint: write host:port, for example redis.cache:6379 or [2001:db8::1]:6379.",
                "spec.rateLimit.redis.endpoints[1]: \"redis:99999\" is not an endpoint: write host:port, for example redis.cache:6379 or [2001:db8::1]:6379.",
                "spec.rateLimit.redis.db: -1 is too small: give at least 0.",
                "spec.rateLimit.redis.readTimeout: -3 is negative: give whole seconds (0 or more) or a duration such as 10s or 100ms.",
            ]
        },
        {
            "redirectRegex",
            [
                "spec.redirectRegex.replacement: is required: the redirect target, for example https://$1/$2.",
            ]
        },
        {
            "redirectScheme",
            [
                "spec.redirectScheme.scheme: \"HTTPS\" is not supported: use https or http (lower case).",
                "spec.redirectScheme.port: \"0\" is not a port: give a number from 1 to 65535 (written as a string, for example \"8443\").",
            ]
        },
        {
            "regexes",
            [
                "spec.stripPrefixRegex.regex[0]: \"(a)\\1\" is not a valid Go regular expression (RE2): \"\\1\" at position 4 is not an escape RE2 knows: backreferences are not supported by RE2; an octal escape has two or three digits, as in \\012.",
                "spec.stripPrefixRegex.regex[1]: \"(?<=x)y\" is not a valid Go regular expression (RE2): \"(?<=\" at position 1 is not supported: lookbehind is not supported by RE2; match the text itself instead.",
                "spec.stripPrefixRegex.regex[2]: \"[\" is not a valid Go regular expression (RE2): the character class opened at position 1 is never closed; add ']' or write '[' as \\[.",
                "spec.stripPrefixRegex.regex[4]: \"^/api\\Z\" is not a valid Go regular expression (RE2): \"\\Z\" at position 6 is not an escape RE2 knows: use \\z (end of text) or $.",
            ]
        },
        {
            "replacePath",
            [
                "spec.replacePath.path: a path is required, for example /api.",
            ]
        },
        {
            "replacePathRegex",
            [
                "spec.replacePathRegex.replacement: \"/v2/ $1\" must not contain spaces or control characters.",
            ]
        },
        {
            "retry",
            [
                "spec.retry.attempts: 0 is too small: the number of tries in all, at least 1 (Traefik rejects 0).",
                "spec.retry.initialInterval: \"soon\" is not a valid duration: use a number with a unit (ns, us, ms, s, m, h), for example 10s, 250ms or 1m30s.",
                "spec.retry.maxRequestBodyBytes: -2 is too small: give at least -1 (-1 means no limit).",
                "spec.retry.status[0]: \"abc\" is not a status code list: write codes and ranges such as 500-599, 404 or 500,502-504.",
            ]
        },
        {
            "stripPrefix",
            [
                "spec.stripPrefix.prefixes[0]: \"api\" must start with '/'.",
                "spec.stripPrefix.prefixes[2]: \"/a b\" contains a space, which is not allowed in a path: percent-encode it (RFC 3986) or use PathRegexp.",
            ]
        },
        {
            "twoTypes",
            [
                "spec: sets 2 middleware types (rateLimit, stripPrefix); a Middleware has exactly one: combine several with a chain.",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Upsert_InvalidSpec_ReportsEveryProblemWithItsPath(string name, string[] expected)
    {
        var e = Assert.Throws<ManifestException>(() => HttpMiddlewares.Upsert(ManifestSet.Empty, "apps", "mw", MiddlewareRulesCases.All[name]));

        Assert.Equal("Cannot write Middleware apps/mw.", e.Headline);
        Assert.Equal(expected, e.Problems.Select(p => p.ToString()).ToArray());
    }

    [Fact]
    public void Cases_AreAllCovered()
    {
        Assert.Equal(MiddlewareRulesCases.All.Keys, Cases.Select(c => (string)c[0]));
    }
}
