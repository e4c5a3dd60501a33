namespace Sweep.Search;

/// <summary>
/// The hyperparameters a sweep searches, in a fixed order: a configuration's values line up with
/// <see cref="Parameters"/>.
/// </summary>
public sealed class SearchSpace
{
    public SearchSpace(IEnumerable<SearchParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = new List<SearchParameter>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (SearchParameter parameter in parameters)
        {
            ArgumentNullException.ThrowIfNull(parameter);
            if (string.IsNullOrWhiteSpace(parameter.Name))
            {
                throw new ArgumentException("A search parameter needs a name.", nameof(parameters));
            }

            ArgumentNullException.ThrowIfNull(parameter.Distribution);
            if (!names.Add(parameter.Name))
            {
                throw new ArgumentException($"The search parameter '{parameter.Name}' is declared twice.", nameof(parameters));
            }

            list.Add(parameter);
        }

        if (list.Count == 0)
        {
            throw new ArgumentException("A search space needs at least one parameter.", nameof(parameters));
        }

        Parameters = list;
    }

    public SearchSpace(params SearchParameter[] parameters)
        : this((IEnumerable<SearchParameter>)parameters)
    {
    }

    public IReadOnlyList<SearchParameter> Parameters { get; }
}
