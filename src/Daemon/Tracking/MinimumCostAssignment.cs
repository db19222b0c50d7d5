using System.Buffers;

namespace EdgeEmotion.Daemon.Tracking;

/// <summary>
/// Minimum-cost assignment of rows to columns (Hungarian method with potentials and shortest
/// augmenting paths, O(n^2 m)), for rectangular matrices; pairs whose cost is infinite are never
/// returned. Hand-written: the .NET solvers that restore here are Google OR-Tools (tens of MB of
/// native code for a 20x20 matrix, and an arm64 runtime to ship) or general LP packages; ByteTrack
/// itself uses a 200-line LAPJV.
/// </summary>
internal static class MinimumCostAssignment
{
    /// <summary>For each row the column assigned to it, or -1.</summary>
    /// <param name="cost">rows x columns, row-major; <see cref="double.PositiveInfinity"/> forbids a pair.</param>
    public static int[] Solve(ReadOnlySpan<double> cost, int rows, int columns)
    {
        var result = new int[rows];
        Array.Fill(result, -1);
        if (rows == 0 || columns == 0)
        {
            return result;
        }
        // The algorithm needs rows <= columns: transpose otherwise.
        var transposed = rows > columns;
        var n = transposed ? columns : rows;
        var m = transposed ? rows : columns;
        // Forbidden pairs get a finite cost larger than any complete assignment of allowed ones,
        // so the optimum uses as many allowed pairs as possible; they are dropped afterwards.
        var largest = 0.0;
        foreach (var c in cost)
        {
            if (!double.IsInfinity(c))
            {
                largest = Math.Max(largest, Math.Abs(c));
            }
        }
        var forbidden = (largest + 1) * (n + 1);
        // Rented, as the caller's cost matrix: a crowd's is a large object per frame otherwise.
        var rented = ArrayPool<double>.Shared.Rent(n * m);
        var a = rented.AsSpan(0, n * m);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++)
            {
                var c = transposed ? cost[(j * columns) + i] : cost[(i * columns) + j];
                a[(i * m) + j] = double.IsInfinity(c) ? forbidden : c;
            }
        }

        // 1-based arrays as in the classic formulation; column 0 is the virtual start.
        var u = new double[n + 1];
        var v = new double[m + 1];
        var rowOfColumn = new int[m + 1];
        var way = new int[m + 1];
        var minv = new double[m + 1];
        var used = new bool[m + 1];
        for (var i = 1; i <= n; i++)
        {
            rowOfColumn[0] = i;
            var j0 = 0;
            Array.Fill(minv, double.PositiveInfinity);
            Array.Clear(used);
            do
            {
                used[j0] = true;
                var i0 = rowOfColumn[j0];
                var delta = double.PositiveInfinity;
                var j1 = 0;
                for (var j = 1; j <= m; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }
                    var reduced = a[((i0 - 1) * m) + j - 1] - u[i0] - v[j];
                    if (reduced < minv[j])
                    {
                        minv[j] = reduced;
                        way[j] = j0;
                    }
                    if (minv[j] < delta)
                    {
                        delta = minv[j];
                        j1 = j;
                    }
                }
                for (var j = 0; j <= m; j++)
                {
                    if (used[j])
                    {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            }
            while (rowOfColumn[j0] != 0);
            do
            {
                var j1 = way[j0];
                rowOfColumn[j0] = rowOfColumn[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }
        ArrayPool<double>.Shared.Return(rented);
        for (var j = 1; j <= m; j++)
        {
            if (rowOfColumn[j] == 0)
            {
                continue;
            }
            var (row, column) = transposed ? (j - 1, rowOfColumn[j] - 1) : (rowOfColumn[j] - 1, j - 1);
            if (!double.IsInfinity(cost[(row * columns) + column]))
            {
                result[row] = column;
            }
        }
        return result;
    }
}
