using System.Linq.Expressions;

namespace Roster.Common;

public static class Sorting
{
    /// <summary>Orders by <paramref name="key"/> in the direction the request asked for.</summary>
    public static IOrderedQueryable<T> SortBy<T, TKey>(this IQueryable<T> source, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? source.OrderByDescending(key) : source.OrderBy(key);

    /// <summary>Then by <paramref name="key"/>, in the direction the request asked for.</summary>
    public static IOrderedQueryable<T> ThenBy<T, TKey>(this IOrderedQueryable<T> source, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? source.ThenByDescending(key) : source.ThenBy(key);
}
