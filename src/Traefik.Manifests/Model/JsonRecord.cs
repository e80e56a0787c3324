using System.Text.Json;
using System.Text.Json.Serialization;

namespace Traefik.Manifests.Model;

/// <summary>
/// Base of every modelled manifest fragment. Fields this library does not model (a newer Traefik
/// field, a vendor extension) are kept here when an object is read and written back unchanged,
/// so nothing a user wrote is lost on a round trip.
/// </summary>
public abstract record JsonRecord
{
    /// <summary>Fields read from YAML that this type does not model, in the order they were read.</summary>
    [JsonExtensionData]
    [JsonInclude]
    internal IDictionary<string, JsonElement>? UnmodelledFields { get; set; }

    /// <summary>Fields read from YAML that this type does not model.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields =>
        UnmodelledFields is null ? EmptyFields : new Dictionary<string, JsonElement>(UnmodelledFields, StringComparer.Ordinal);

    private static readonly IReadOnlyDictionary<string, JsonElement> EmptyFields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
}
