namespace Sweep.Training.Diagnostics;

/// <summary>
/// What training reports at a record point, measured before that iteration's update: the cost of the iteration's
/// forward pass (with L2 and dropout, as the course prints it), the Frobenius norms of W_l and dW_l per layer
/// (index 0 is layer 1), whether some hidden layer's units are all identical, and the gradient flow.
/// </summary>
public sealed record TrainingRecord(
    int Iteration,
    double Cost,
    IReadOnlyList<double> WeightNorms,
    IReadOnlyList<double> GradientNorms,
    bool SymmetricUnits,
    double GradientNormRatio,
    GradientFlow GradientFlow);
