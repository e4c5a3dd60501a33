using MathNet.Numerics.LinearAlgebra;
using Sweep.Training.Networks;

namespace Sweep.Training.Tests.Reference;

/// <summary>
/// The course's fully connected network written plainly with MathNet matrices: the independent check of the
/// engine's <see cref="Propagation"/>, kernels, activations and output layers, none of which it calls. It uses
/// <see cref="NetworkArchitecture"/> only for the layer sizes, the activation and output names, and the flat
/// parameter layout. Matrices are units x examples, as the course's are.
/// <code>
/// forward:   Z_l = W_l A_(l-1) + b_l;  A_l = g(Z_l) (* D_l under dropout) for l &lt; L;  A_L = sigmoid or softmax(Z_L)
/// cost:      J = -(1/m) sum_j log p(y_j | x_j) + lambda/(2m) sum_l ||W_l||_F^2
/// backward:  dZ_L = A_L - Y;  dW_l = (1/m) dZ_l A_(l-1)^T + (lambda/m) W_l;  db_l = (1/m) sum_j dZ_l
///            dA_(l-1) = W_l^T dZ_l (* D_(l-1) under dropout);  dZ_(l-1) = dA_(l-1) * g'(Z_(l-1))
/// training:  W_l -= alpha dW_l;  b_l -= alpha db_l
/// </code>
/// </summary>
internal sealed class ReferenceNetwork
{
    private readonly Func<double, double> _g;
    private readonly Func<double, double> _gPrime;

    public ReferenceNetwork(NetworkArchitecture architecture)
    {
        Architecture = architecture;
        _g = ReferenceActivations.Function(architecture.HiddenActivation.Name);
        _gPrime = ReferenceActivations.Derivative(architecture.HiddenActivation.Name);
        OutputName = architecture.Output.Name;
        if (OutputName is not ("sigmoid" or "softmax"))
        {
            throw new ArgumentException($"the reference has no output layer '{OutputName}'", nameof(architecture));
        }
    }

    public NetworkArchitecture Architecture { get; }

    /// <summary>L, the number of layers with parameters.</summary>
    public int L => Architecture.LayerCount;

    public string OutputName { get; }

    /// <summary>X (features x examples) from the engine's row-major feature array.</summary>
    public static Matrix<double> Inputs(double[] features, int featureCount, int examples) =>
        Matrix<double>.Build.DenseOfRowMajor(featureCount, examples, features);

    /// <summary>Y: the 0/1 row of a sigmoid output, or the one-hot K x m matrix of a softmax output.</summary>
    public Matrix<double> Targets(int[] labels)
    {
        int units = Architecture.OutputSize;
        return Matrix<double>.Build.Dense(units, labels.Length, (k, j) =>
            units == 1 ? labels[j] : (labels[j] == k ? 1.0 : 0.0));
    }

    public ForwardPass Forward(ReferenceParameters parameters, Matrix<double> x, ReferenceDropoutMasks? masks = null)
    {
        int m = x.ColumnCount;
        var Z = new Matrix<double>[L + 1];
        var A = new Matrix<double>[L + 1];
        A[0] = x;
        for (int l = 1; l <= L; l++)
        {
            Z[l] = parameters.W(l) * A[l - 1] + parameters.b(l) * Ones(1, m);
            if (l < L)
            {
                A[l] = Z[l].Map(_g, Zeros.Include);
                if (masks is not null)
                {
                    A[l] = A[l].PointwiseMultiply(masks.D(l));
                }
            }
            else
            {
                A[l] = OutputName == "sigmoid" ? Z[l].Map(ReferenceActivations.Sigmoid, Zeros.Include) : Softmax(Z[l]);
            }
        }

        return new ForwardPass(Z, A);
    }

    /// <summary>
    /// The course's cost: <c>-(1/m) sum(y log a + (1-y) log(1-a))</c> for a sigmoid output, <c>-(1/m) sum_j
    /// log a[y_j, j]</c> for softmax, plus <c>lambda/(2m) sum_l ||W_l||_F^2</c>. It is computed from A as the course
    /// does, so a saturated output (a exactly 0 or 1 for the wrong class) gives infinity.
    /// </summary>
    public double Cost(ReferenceParameters parameters, ForwardPass pass, Matrix<double> y, double lambda)
    {
        Matrix<double> a = pass.A[L];
        int m = a.ColumnCount;
        double logLikelihood = 0.0;
        for (int k = 0; k < a.RowCount; k++)
        {
            for (int j = 0; j < m; j++)
            {
                if (OutputName == "sigmoid")
                {
                    logLikelihood += y[k, j] == 1.0 ? Math.Log(a[k, j]) : Math.Log(1.0 - a[k, j]);
                }
                else if (y[k, j] == 1.0)
                {
                    logLikelihood += Math.Log(a[k, j]);
                }
            }
        }

        double crossEntropy = -logLikelihood / m;
        double squaredWeights = 0.0;
        for (int l = 1; l <= L; l++)
        {
            squaredWeights += parameters.W(l).Enumerate().Sum(w => w * w);
        }

        return crossEntropy + lambda / (2.0 * m) * squaredWeights;
    }

    /// <summary>The gradient of <see cref="Cost"/> after <see cref="Forward"/> with the same masks.</summary>
    public ReferenceParameters Backward(ReferenceParameters parameters, ForwardPass pass, Matrix<double> y, double lambda, ReferenceDropoutMasks? masks = null)
    {
        int m = y.ColumnCount;
        var gradients = new ReferenceParameters(L);
        Matrix<double> dZ = pass.A[L] - y;
        for (int l = L; l >= 1; l--)
        {
            Matrix<double> dW = 1.0 / m * (dZ * pass.A[l - 1].Transpose()) + lambda / m * parameters.W(l);
            Matrix<double> db = 1.0 / m * dZ.RowSums().ToColumnMatrix();
            gradients.Set(l, dW, db);
            if (l > 1)
            {
                Matrix<double> dA = parameters.W(l).Transpose() * dZ;
                if (masks is not null)
                {
                    dA = dA.PointwiseMultiply(masks.D(l - 1));
                }

                dZ = dA.PointwiseMultiply(pass.Z[l - 1].Map(_gPrime, Zeros.Include));
            }
        }

        return gradients;
    }

    /// <summary>
    /// Full-batch gradient descent for <paramref name="iterations"/> updates from <paramref name="initial"/>.
    /// <paramref name="masksAt"/> gives the dropout masks of each iteration (null: no dropout). The cost of the
    /// iteration's forward pass is recorded at iterations 0, k, 2k, ... and at the last one, before the update.
    /// </summary>
    public TrainingRun Train(
        double[] initial,
        Matrix<double> x,
        Matrix<double> y,
        double learningRate,
        int iterations,
        double lambda,
        int recordEvery,
        Func<int, ReferenceDropoutMasks?> masksAt)
    {
        var parameters = ReferenceParameters.FromFlat(Architecture, initial);
        var costs = new List<(int Iteration, double Cost)>();
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            ReferenceDropoutMasks? masks = masksAt(iteration);
            ForwardPass pass = Forward(parameters, x, masks);
            ReferenceParameters gradients = Backward(parameters, pass, y, lambda, masks);
            if (iteration % recordEvery == 0 || iteration == iterations - 1)
            {
                costs.Add((iteration, Cost(parameters, pass, y, lambda)));
            }

            var updated = new ReferenceParameters(L);
            for (int l = 1; l <= L; l++)
            {
                updated.Set(
                    l,
                    parameters.W(l) - learningRate * gradients.W(l),
                    parameters.b(l) - learningRate * gradients.b(l));
            }

            parameters = updated;
        }

        return new TrainingRun(parameters.ToFlat(Architecture), costs);
    }

    /// <summary><c>a[k, j] = e^(z[k, j] - max_k z[., j]) / sum_k e^(z[k, j] - max_k z[., j])</c>, column by column.</summary>
    private static Matrix<double> Softmax(Matrix<double> z)
    {
        var a = Matrix<double>.Build.Dense(z.RowCount, z.ColumnCount);
        for (int j = 0; j < z.ColumnCount; j++)
        {
            Vector<double> column = z.Column(j);
            Vector<double> e = (column - column.Maximum()).PointwiseExp();
            a.SetColumn(j, e / e.Sum());
        }

        return a;
    }

    private static Matrix<double> Ones(int rows, int columns) => Matrix<double>.Build.Dense(rows, columns, 1.0);

    /// <summary>Z_l and A_l for l = 1..L (A_0 = X), A_l after dropout on hidden layers.</summary>
    public sealed record ForwardPass(Matrix<double>[] Z, Matrix<double>[] A);

    /// <summary>The parameters after training, and the recorded (iteration, cost) pairs.</summary>
    public sealed record TrainingRun(double[] Parameters, IReadOnlyList<(int Iteration, double Cost)> Costs);
}
