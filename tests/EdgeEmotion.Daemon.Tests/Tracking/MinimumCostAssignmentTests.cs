using EdgeEmotion.Daemon.Tracking;

namespace EdgeEmotion.Daemon.Tests.Tracking;

public class MinimumCostAssignmentTests
{
    [Theory]
    [InlineData(3, 3)]
    [InlineData(2, 5)]
    [InlineData(5, 2)]
    [InlineData(6, 6)]
    public void Finds_the_cheapest_assignment_that_brute_force_finds(int rows, int columns)
    {
        var random = new Random((rows * 31) + columns);
        for (var round = 0; round < 50; round++)
        {
            var cost = new double[rows * columns];
            for (var i = 0; i < cost.Length; i++)
            {
                cost[i] = random.NextDouble() < 0.25 ? double.PositiveInfinity : random.NextDouble();
            }
            var assignment = MinimumCostAssignment.Solve(cost, rows, columns);
            var (bestPairs, bestCost) = BruteForce(cost, rows, columns);
            Assert.Equal(bestPairs, assignment.Count(c => c >= 0));
            Assert.Equal(bestCost, assignment.Select((c, r) => c < 0 ? 0 : cost[(r * columns) + c]).Sum(), 9);
            Assert.Equal(assignment.Where(c => c >= 0).Count(), assignment.Where(c => c >= 0).Distinct().Count());
        }
    }

    [Fact]
    public void Forbidden_pairs_are_never_returned()
    {
        var inf = double.PositiveInfinity;
        var assignment = MinimumCostAssignment.Solve([inf, inf, 0.5, inf], 2, 2);
        Assert.Equal([-1, 0], assignment);
    }

    /// <summary>Most allowed pairs first, then the lowest cost, over every partial assignment.</summary>
    private static (int Pairs, double Cost) BruteForce(double[] cost, int rows, int columns)
    {
        var best = (Pairs: -1, Cost: double.MaxValue);
        var used = new bool[columns];
        void Visit(int row, int pairs, double sum)
        {
            if (row == rows)
            {
                if (pairs > best.Pairs || (pairs == best.Pairs && sum < best.Cost - 1e-12))
                {
                    best = (pairs, sum);
                }
                return;
            }
            Visit(row + 1, pairs, sum);
            for (var c = 0; c < columns; c++)
            {
                var value = cost[(row * columns) + c];
                if (!used[c] && !double.IsInfinity(value))
                {
                    used[c] = true;
                    Visit(row + 1, pairs + 1, sum + value);
                    used[c] = false;
                }
            }
        }
        Visit(0, 0, 0);
        return best;
    }
}
